import { join } from 'node:path';
import { ALL_SERVICE_AUDIENCES, devKeyDir } from '@sop/auth';

// The rule `npm run dev-token` applies (plain JS, runs without a build) must be the services' rule, or their tokens
// would not verify in one of the modes.
const tool = require('../dev-keys.js') as { devKeyDir(env: NodeJS.ProcessEnv): string; ALL_SERVICE_AUDIENCES: string[] };

describe('development key location', () => {
  it.each<[string, NodeJS.ProcessEnv, string]>([
    ['default', {}, join('data', 'dev-keys')],
    ['DATA_DIR', { DATA_DIR: '/srv/sop' }, '/srv/sop/dev-keys'],
    ['AUTH_DEV_KEY_DIR wins', { DATA_DIR: '/srv/sop', AUTH_DEV_KEY_DIR: '/keys' }, '/keys'],
  ])('the services and dev-token agree: %s', (_case, env, expected) => {
    expect(join(devKeyDir(env))).toBe(join(expected));
    expect(join(tool.devKeyDir(env))).toBe(join(devKeyDir(env)));
  });

  it('dev-token mints for the audiences the services accept', () => {
    expect(tool.ALL_SERVICE_AUDIENCES).toEqual([...ALL_SERVICE_AUDIENCES]);
  });
});
