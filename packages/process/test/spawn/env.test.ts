import { describe, expect, it } from 'vitest';
import { buildAgentEnv } from '../../src/index.js';

describe('buildAgentEnv', () => {
  const parent = {
    PATH: '/bin',
    HOME: '/root',
    LANG: 'C.UTF-8',
    AWS_SECRET_ACCESS_KEY: 'secret',
    GITHUB_TOKEN: 't',
    EXTRA: 'e',
  };

  it('passes allowlisted variables and never secrets', () => {
    const env = buildAgentEnv({ parent });
    expect(env).toMatchObject({ PATH: '/bin', HOME: '/root', LANG: 'C.UTF-8' });
    expect(env).not.toHaveProperty('AWS_SECRET_ACCESS_KEY');
    expect(env).not.toHaveProperty('GITHUB_TOKEN');
  });

  it('adds named variables, the manager environment and the spec env, in that order of precedence', () => {
    const env = buildAgentEnv({ parent, allowlist: ['EXTRA'], environment: { A: '1', B: '1' }, specEnv: { B: '2' } });
    expect(env).toMatchObject({ EXTRA: 'e', A: '1', B: '2' });
  });

  it('inherits everything only when asked', () => {
    expect(buildAgentEnv({ parent, inherit: true })).toHaveProperty('GITHUB_TOKEN', 't');
  });
});
