import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { dirname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ServerResponse } from 'node:http';
import { ApiError, SECURITY_HEADERS } from './api-error.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.map': 'application/json',
};

/** The content security policy of the dashboard: its own scripts, styles and API only. */
export const DASHBOARD_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/** Directory of the built dashboard: `dist/dashboard` beside the built module (also when running from `src/`). */
export function dashboardDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  for (const candidate of [
    join(here, 'dashboard'),
    join(here, '..', 'dist', 'dashboard'),
    join(here, '..', '..', 'dist', 'dashboard'),
  ])
    if (existsSync(join(candidate, 'index.html'))) return candidate;
  return join(here, 'dashboard');
}

/** Serves one file of the dashboard (no directory listing, no paths outside it). */
export async function serveStatic(res: ServerResponse, dir: string, path: string): Promise<void> {
  const full = normalize(join(dir, path));
  if (!full.startsWith(dir + sep)) throw new ApiError(404, 'NOT_FOUND', `no file ${path}`);
  let body: Buffer;
  try {
    body = await readFile(full);
  } catch {
    throw new ApiError(404, 'NOT_FOUND', `no file ${path}${existsSync(dir) ? '' : ' (the dashboard is not built)'}`);
  }
  const ext = full.slice(full.lastIndexOf('.'));
  res.writeHead(200, {
    ...SECURITY_HEADERS,
    'content-type': TYPES[ext] ?? 'application/octet-stream',
    'content-length': body.length,
    'content-security-policy': DASHBOARD_CSP,
  });
  res.end(body);
}

/** The login page: a form that posts the token to `/login` (which sets the session cookie). */
export function loginPage(failed: boolean): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Axon — sign in</title>
<link rel="stylesheet" href="/assets/dashboard.css"></head><body class="login">
<form method="post" action="/login"><h1>Axon</h1>
<label for="token">Admin token</label><input id="token" name="token" type="password" autocomplete="current-password" autofocus>
<p class="hint">From <code>axon serve</code>'s token file (see <code>axon status --show-token</code>).</p>
${failed ? '<p class="error" role="alert">That token is not valid.</p>' : ''}
<button type="submit">Sign in</button></form></body></html>`;
}
