import { defineConfig } from 'tsup';
import { axonTsup } from '../../tsup.config.base';

export default defineConfig([
  axonTsup({ clean: false }),
  // The dashboard: one browser bundle (lit-html included) and its static files, shipped in dist/dashboard.
  {
    entry: { app: 'dashboard/app.ts' },
    outDir: 'dist/dashboard',
    format: ['esm'],
    platform: 'browser',
    target: 'es2022',
    minify: true,
    sourcemap: true,
    dts: false,
    clean: false,
    publicDir: 'dashboard/public',
  },
]);
