import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadServeConfig } from '@axon/server';
import { axon, startAxon, type AxonProcess } from '../helpers/axon.js';

const project = fileURLToPath(new URL('../fixtures/project/', import.meta.url));
const agents = fileURLToPath(new URL('../../dist/agents/', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'axon-cli-serve-'));
const env = { AXON_STATE_DIR: join(dir, 'state') };
let serve: AxonProcess;

/** Resolves with the first stdout line of `p` that `match` accepts. */
function lineOf(p: AxonProcess, match: (line: string) => boolean): Promise<string> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const line = p.stdout().split('\n').find(match);
      if (line !== undefined) {
        p.child.stdout!.off('data', check);
        resolve(line);
      }
    };
    p.child.stdout!.on('data', check);
    p.done.then((r) => reject(new Error(`axon exited (${r.code}) before the line: ${r.stderr}`)), reject);
    check();
  });
}

beforeAll(async () => {
  writeFileSync(
    join(dir, 'serve.yaml'),
    `cortexDb: cortex.db
agentTypes:
  reviewer:
    command: ${process.execPath}
    args: [${join(agents, 'reviewer.js')}]
    capabilities: [CodeReview]
    minIdle: 1
    max: 2
  logger:
    command: ${process.execPath}
    args: [${fileURLToPath(new URL('../fixtures/logger-agent.mjs', import.meta.url))}]
    capabilities: [Logging]
    minIdle: 0
    max: 1
server: { port: 0 }
monitoring:
  logs: { destination: file, file: agents.log }
`,
  );
  serve = startAxon(['serve', join(dir, 'serve.yaml')], { env });
  await lineOf(serve, (l) => l.includes('"serve.listening"'));
  await lineOf(serve, (l) => l.includes('"agent.state"') && l.includes('"to":"ready"'));
});
afterAll(async () => {
  if (serve && serve.child.exitCode === null) {
    serve.child.kill('SIGTERM');
    await serve.done;
  }
  rmSync(dir, { recursive: true, force: true });
});

describe('axon serve and its clients', () => {
  it('serve prints one JSON object per event when stdout is not a terminal', () => {
    const lines = serve.stdout().trim().split('\n');
    for (const l of lines) expect(() => JSON.parse(l) as unknown).not.toThrow();
    const token = JSON.parse(lines[0]!) as { tokenFile: string };
    expect(statSync(token.tokenFile).mode & 0o777).toBe(0o600);
  });

  it('status shows the agents table (pm2 columns)', async () => {
    const r = await axon(['status'], { env });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/name\s+type\s+state\s+pid\s+cpu\s+memory\s+tasks\s+restarts\s+uptime/);
    expect(r.stdout).toMatch(/reviewer-1\s+reviewer\s+(ready|idle)\s+\d+/);
  });

  it('submit --wait runs a delegation and prints its output; a bad one names the field', async () => {
    const file = join(dir, 'review.json');
    writeFileSync(
      file,
      JSON.stringify({ objective: 'Review the project', boundaries: { scope: ['src'] }, context: { root: project } }),
    );
    const r = await axon(['submit', file, '--wait'], { env });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ agent: 'reviewer' });
    writeFileSync(file, JSON.stringify({ objective: 'x', boundaries: { scope: [] } }));
    const bad = await axon(['submit', file], { env });
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('INVALID_DELEGATION');
    expect(bad.stderr).toContain('boundaries.scope');
  });

  it('top draws frames of agents and tasks', async () => {
    const r = await axon(['top', '-n', '2', '-i', '10'], { env });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.match(/axon top —/g)).toHaveLength(2);
    expect(r.stdout).toContain('reviewer-1');
  });

  it('logs -f follows new agent log lines until interrupted', async () => {
    const follow = startAxon(['logs', '-f', '-n', '0'], { env });
    const file = join(dir, 'log.json');
    writeFileSync(
      file,
      JSON.stringify({ objective: 'say something', boundaries: { scope: ['x'] }, requiredCapabilities: ['Logging'] }),
    );
    const line = lineOf(follow, (l) => l.includes('working on: say something'));
    // Submitted until the follower has seen it: the follower may connect after a first task ran.
    while (
      (await Promise.race([line.then(() => true), axon(['submit', file, '--wait'], { env }).then(() => false)])) ===
      false
    );
    expect(await line).toMatch(/^logger-\d+ \| \[info\] working on: say something$/);
    follow.child.kill('SIGINT');
    expect((await follow.done).code).toBe(0);
  });

  it('stop drains and stops the server; agent logs went to the file as JSON records', async () => {
    const r = await axon(['stop'], { env });
    expect(r.code, r.stderr).toBe(0);
    const done = await serve.done;
    expect(done.code).toBe(0);
    expect(done.stdout).toContain('"serve.stopped"');
    const status = await axon(['status'], { env });
    expect(status.code).not.toBe(0);
    expect(status.stderr).toMatch(/UNREACHABLE/);
    // pino-roll numbers the file: agents.1.log.
    const records = readFileSync(join(dir, 'agents.1.log'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(records.find((r) => r.msg === 'working on: say something')).toMatchObject({
      level: 30,
      agent: expect.stringMatching(/^logger-/),
      agentName: expect.stringMatching(/^logger-/),
      task: expect.any(String),
      data: { taskId: expect.any(String) },
    });
  });

  it('examples/serve.yaml is a valid serve config whose agents exist', () => {
    const c = loadServeConfig(fileURLToPath(new URL('../../../../examples/serve.yaml', import.meta.url)), {});
    expect(Object.keys(c.agentTypes)).toEqual(['reviewer', 'tester']);
    for (const spec of Object.values(c.agentTypes))
      expect(statSync(join(spec.cwd!, spec.args[0]!)).isFile()).toBe(true);
    expect(readFileSync(fileURLToPath(new URL('../../../../examples/review.json', import.meta.url)), 'utf8')).toContain(
      'CodeReview',
    );
  });
});
