import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ALL_SERVICE_AUDIENCES, authConfigFromEnv, authKeyProblems, DevelopmentKeysRefusedError } from './auth-config';

const pub = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ type: 'spki', format: 'pem' }).toString();

describe('token settings from the environment', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'auth-config-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it.each([
    ['distributed mode', { KAFKA_BROKERS: 'kafka:9092' }],
    ['NODE_ENV=production', { NODE_ENV: 'production' }],
  ])('in %s, refuses to start without a key, naming the variables, and creates no development key', (_, mode) => {
    const env = { ...mode, AUTH_DEV_KEY_DIR: dir };
    const problems = authKeyProblems(env);
    expect(problems).toHaveLength(1);
    for (const variable of ['AUTH_PUBLIC_KEY', 'AUTH_PUBLIC_KEY_FILE', 'AUTH_JWKS_URL', 'AUTH_ALLOW_DEV_KEYS']) expect(problems[0]).toContain(variable);
    expect(() => authConfigFromEnv(env)).toThrow(DevelopmentKeysRefusedError);
    expect(() => authConfigFromEnv(env)).toThrow(/AUTH_PUBLIC_KEY, AUTH_PUBLIC_KEY_FILE or AUTH_JWKS_URL/);
    expect(existsSync(join(dir, 'private.pem'))).toBe(false);
  });

  it.each([
    ['AUTH_PUBLIC_KEY', { AUTH_PUBLIC_KEY: pub }],
    ['AUTH_JWKS_URL', { AUTH_JWKS_URL: 'https://idp.example/jwks.json' }],
    ['AUTH_JWKS_FILE', { AUTH_JWKS_FILE: '/run/secrets/jwks.json' }],
  ])('in distributed mode, starts with %s and no development key', (_, keys) => {
    const env = { KAFKA_BROKERS: 'kafka:9092', AUTH_DEV_KEY_DIR: dir, ...keys };
    expect(authKeyProblems(env)).toEqual([]);
    expect(authConfigFromEnv(env).devKeys).toBe(false);
    expect(existsSync(join(dir, 'private.pem'))).toBe(false);
  });

  it('takes a JWKS source with its cache settings', () => {
    const config = authConfigFromEnv({ AUTH_JWKS_URL: 'https://idp.example/jwks.json', AUTH_JWKS_CACHE_SECONDS: '120', AUTH_JWKS_MIN_REFRESH_SECONDS: '10' });
    expect(config.jwks).toEqual({ url: 'https://idp.example/jwks.json', cacheSeconds: 120, minRefreshSeconds: 10 });
    expect(config.publicKeyPem).toBeUndefined();
  });

  it('AUTH_ALLOW_DEV_KEYS=true admits the development key in distributed mode, with a warning at every start', () => {
    const env = { KAFKA_BROKERS: 'kafka:9092', AUTH_DEV_KEY_DIR: dir, AUTH_ALLOW_DEV_KEYS: 'true' };
    const warnings: string[] = [];
    expect(authKeyProblems(env)).toEqual([]);
    expect(authConfigFromEnv(env, { warn: (m) => warnings.push(m) }).devKeys).toBe(true);
    expect(authConfigFromEnv(env, { warn: (m) => warnings.push(m) }).devKeys).toBe(true);
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(/AUTH_ALLOW_DEV_KEYS=true: accepting tokens signed by the development key/);
    expect(authKeyProblems({ ...env, AUTH_ALLOW_DEV_KEYS: 'yes' })).toHaveLength(1);
  });

  it('the embedded default uses the development key quietly', () => {
    const warnings: string[] = [];
    const config = authConfigFromEnv({ AUTH_DEV_KEY_DIR: dir }, { warn: (m) => warnings.push(m) });
    expect(config.devKeys).toBe(true);
    expect(warnings).toEqual([]);
    expect(existsSync(join(dir, 'private.pem'))).toBe(true);
  });

  it('audience: the host\'s own unless AUTH_AUDIENCE names one or several; every service\'s by default; lifetime 12 h', () => {
    const env = { AUTH_PUBLIC_KEY: pub };
    expect(authConfigFromEnv(env, { audience: 'sop-evaluation' })).toMatchObject({ audience: 'sop-evaluation', maxLifetimeSeconds: 43200 });
    expect(authConfigFromEnv(env).audience).toEqual([...ALL_SERVICE_AUDIENCES]);
    expect(ALL_SERVICE_AUDIENCES).toEqual(['sop-registration', 'sop-credit-supervision', 'sop-evaluation', 'sop-service-purchasing']);
    expect(authConfigFromEnv({ ...env, AUTH_AUDIENCE: 'a, b' }, { audience: 'sop-evaluation' }).audience).toEqual(['a', 'b']);
    expect(authConfigFromEnv({ ...env, AUTH_AUDIENCE: 'custom' }).audience).toBe('custom');
    expect(authConfigFromEnv({ ...env, AUTH_MAX_TOKEN_LIFETIME_SECONDS: '3600' }).maxLifetimeSeconds).toBe(3600);
  });
});
