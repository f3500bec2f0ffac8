import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The sample code base the demo works on (`apps/demo/sample-project`), from src/ or dist/. */
export function sampleProjectDir(): string {
  return join(dirname(fileURLToPath(import.meta.url)), '..', 'sample-project');
}
