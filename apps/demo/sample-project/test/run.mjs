// The sample project's test runner: transpiles src/ with TypeScript into a temporary directory, runs each
// test, prints TAP (`ok N - name` / `not ok N - name`, then `# tests`, `# pass`, `# fail`), exits 1 on any failure.
// Deterministic: no clock, no network, no randomness.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ts = createRequire(import.meta.url)('typescript');
const srcDir = fileURLToPath(new URL('../src/auth/', import.meta.url));
const outDir = mkdtempSync(join(tmpdir(), 'sample-project-'));
writeFileSync(join(outDir, 'package.json'), '{"type":"module"}');
for (const file of readdirSync(srcDir).filter((f) => f.endsWith('.ts'))) {
  const { outputText } = ts.transpileModule(readFileSync(join(srcDir, file), 'utf8'), {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
  });
  writeFileSync(join(outDir, file.replace(/\.ts$/, '.js')), outputText);
}

const quiet = console.log;
console.log = () => {}; // the module under test logs; keep TAP output clean
const auth = await import(pathToFileURL(join(outDir, 'index.js')).href);
const NOW = 1_700_000_000;
const tests = [
  [
    'creates a token with three claims',
    () => {
      const claims = auth.verifyToken(auth.createToken('ada', NOW), NOW);
      assert(claims && claims.sub === 'ada' && claims.iss === 'sample-project' && claims.exp === NOW + 3600);
    },
  ],
  [
    'rejects a token with a forged signature',
    () => {
      const [body] = auth.createToken('ada', NOW).split('.');
      assert(auth.verifyToken(`${body}.forged`, NOW) === null);
    },
  ],
  ['rejects an expired token', () => assert(auth.verifyToken(auth.createToken('ada', NOW), NOW + 3600) === null)],
  [
    'logs in with the right password',
    () => {
      auth.resetUsers();
      auth.registerUser('grace', 'correct horse');
      assert(auth.login('grace', 'correct horse')?.username === 'grace');
    },
  ],
  [
    'refuses a wrong password',
    () => {
      auth.resetUsers();
      auth.registerUser('grace', 'correct horse');
      assert(auth.login('grace', 'battery staple') === null);
    },
  ],
  [
    'changes a password',
    () => {
      auth.resetUsers();
      auth.registerUser('linus', 'old password');
      assert(auth.changePassword('linus', 'old password', 'new password') === true);
      assert(auth.login('linus', 'new password') !== null);
    },
  ],
  [
    'describes the permissions of an editor',
    () => {
      const lines = auth.describePermissions({ username: 'e', passwordHash: '', roles: ['editor'] });
      assert(lines.length === 4 && lines.includes('manage users: no'));
    },
  ],
];
console.log = quiet;

function assert(condition) {
  if (!condition) throw new Error('assertion failed');
}

let failed = 0;
console.log('TAP version 13');
console.log(`1..${tests.length}`);
tests.forEach(([name, fn], i) => {
  try {
    console.log = () => {};
    fn();
    console.log = quiet;
    console.log(`ok ${i + 1} - ${name}`);
  } catch (error) {
    console.log = quiet;
    failed += 1;
    console.log(`not ok ${i + 1} - ${name}\n  # ${error instanceof Error ? error.message : String(error)}`);
  }
});
console.log(`# tests ${tests.length}`);
console.log(`# pass ${tests.length - failed}`);
console.log(`# fail ${failed}`);
rmSync(outDir, { recursive: true, force: true });
process.exitCode = failed > 0 ? 1 : 0;
