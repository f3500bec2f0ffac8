import { defineConfig } from 'tsup';
import { axonTsup } from '../../tsup.config.base';

export default defineConfig(axonTsup());
