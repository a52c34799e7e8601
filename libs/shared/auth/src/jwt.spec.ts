import { generateKeyPairSync } from 'node:crypto';
import jwt from 'jsonwebtoken';
import type { DomainError } from '@sop/util';
import { INVALID_TOKEN_DETAIL, signAccessToken, TokenVerifier } from './jwt';
import type { AuthConfig } from './auth-config';

const pem = () => {
  const pair = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return {
    priv: pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    pub: pair.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
};
const keys = pem();
const config: AuthConfig = { publicKeyPem: keys.pub, issuer: 'iss', audience: 'sop-registration' };
const sign = (over: Partial<Parameters<typeof signAccessToken>[0]> = {}, priv = keys.priv, iss = 'iss', aud: string | string[] = 'sop-registration') =>
  signAccessToken({ subject: 'officer-1', roles: ['registrar'], jurisdiction: '110000', ...over }, priv, iss, aud);
const raw = (claims: Record<string, unknown>, options: jwt.SignOptions = {}) =>
  jwt.sign({ roles: ['registrar'], jurisdiction: '110000', sub: 'officer-1', ...claims }, keys.priv, { algorithm: 'ES256', issuer: 'iss', audience: 'sop-registration', ...options });
const now = () => Math.floor(Date.now() / 1000);

/** The error a verification ends with, and what was logged on the way. */
async function outcome(token: string, cfg: AuthConfig = config) {
  const logged: string[] = [];
  try {
    await new TokenVerifier(cfg, { log: (m) => logged.push(m) }).verify(token);
    return { code: 'no error', detail: '', logged };
  } catch (e) {
    return { code: (e as DomainError).code, detail: (e as DomainError).message, logged };
  }
}

describe('access tokens', () => {
  it('verifies a well-formed token into a principal', async () => {
    await expect(new TokenVerifier(config).verify(sign())).resolves.toEqual({ subject: 'officer-1', roles: ['registrar'], jurisdiction: '110000' });
  });

  it.each([
    ['wrong issuer', () => sign({}, keys.priv, 'other'), /jwt issuer invalid/],
    ['wrong audience', () => sign({}, keys.priv, 'iss', 'sop-credit-supervision'), /jwt audience invalid/],
    ['the platform-wide audience only', () => sign({}, keys.priv, 'iss', 'social-org-platform'), /jwt audience invalid/],
    ['other key', () => sign({}, pem().priv), /invalid signature/],
    ['expired', () => sign({ ttlSeconds: -120 }), /jwt expired/],
    ['no exp', () => raw({}), /no exp claim/],
    ['a subject that is not a string', () => raw({ sub: 42 }, { expiresIn: 60 }), /./],
    ['a lifetime over 12 h', () => raw({}, { expiresIn: 12 * 3600 + 60 }), /lifetime 43260 s exceeds 43200 s/],
    ['a lifetime over 12 h, without iat', () => raw({ exp: now() + 13 * 3600 }, { noTimestamp: true }), /exceeds 43200 s/],
    ['no subject', () => raw({ sub: undefined }, { expiresIn: 60 }), /no subject/],
    ['a subject of 101 characters', () => sign({ subject: 'x'.repeat(101) }), /subject longer than 100/],
    ['alg none', () => jwt.sign({ roles: ['registrar'], jurisdiction: '110000' }, '', { algorithm: 'none', subject: 's', issuer: 'iss', audience: 'sop-registration' }), /algorithm none/],
    ['HS256 with the public key as secret', () => jwt.sign({ roles: ['registrar'], jurisdiction: '110000' }, keys.pub, { algorithm: 'HS256', subject: 's', issuer: 'iss', audience: 'sop-registration' }), /algorithm HS256/],
    ['garbage', () => 'not.a.token', /not a JWS/],
  ])('rejects a token with %s: 401 "invalid token", the reason only in the log', async (_, make, reason) => {
    const result = await outcome(make());
    expect(result).toMatchObject({ code: 'AUTH.INVALID_TOKEN', detail: INVALID_TOKEN_DETAIL });
    expect(result.logged.join('\n')).toMatch(reason);
  });

  it('does not echo the expected issuer or audience to the caller', async () => {
    const result = await outcome(sign({}, keys.priv, 'other'));
    expect(result.detail).toBe('invalid token');
    expect(result.detail).not.toMatch(/iss|sop-registration/);
  });

  it('accepts a subject of exactly 100 characters', async () => {
    expect((await outcome(sign({ subject: 'x'.repeat(100) }))).code).toBe('no error');
  });

  it('takes the maximum lifetime from the configuration', async () => {
    const token = raw({}, { expiresIn: 3 * 3600 });
    expect((await outcome(token)).code).toBe('no error');
    expect(await outcome(token, { ...config, maxLifetimeSeconds: 2 * 3600 })).toMatchObject({ code: 'AUTH.INVALID_TOKEN', logged: [expect.stringMatching(/exceeds 7200 s/)] });
  });

  it('admits a token naming its audience among others, and a host accepting several audiences', async () => {
    const everyService = ['sop-registration', 'sop-credit-supervision', 'sop-evaluation', 'sop-service-purchasing'];
    expect((await outcome(sign({}, keys.priv, 'iss', everyService))).code).toBe('no error');
    expect((await outcome(sign({}, keys.priv, 'iss', 'sop-evaluation'), { ...config, audience: everyService })).code).toBe('no error');
    expect((await outcome(sign({}, keys.priv, 'iss', ['sop-evaluation', 'sop-credit-supervision']))).code).toBe('AUTH.INVALID_TOKEN');
    expect((await outcome(sign(), { ...config, audience: [] })).code).toBe('AUTH.INVALID_TOKEN');
  });

  it('requires a platform role and a jurisdiction claim', async () => {
    expect((await outcome(sign({ roles: [] }))).code).toBe('AUTH.NO_ROLE');
    expect((await outcome(sign({ jurisdiction: '11' }))).code).toBe('AUTH.NO_JURISDICTION');
  });

  it('refuses every token when no key is configured', async () => {
    expect(await outcome(sign(), { issuer: 'iss', audience: 'sop-registration' })).toMatchObject({ code: 'AUTH.INVALID_TOKEN', logged: [expect.stringMatching(/no verification key/)] });
  });
});

describe('verified tokens are remembered for a minute at most, never past their expiry', () => {
  afterEach(() => jest.useRealTimers());

  it('answers a repeated token with a fresh copy of its principal, and a forged signature on the same claims still fails', async () => {
    const verifier = new TokenVerifier(config);
    const token = sign();
    const first = await verifier.verify(token);
    first.roles.push('auditor'); // a caller mutating its principal does not change what is remembered
    await expect(verifier.verify(token)).resolves.toEqual({ subject: 'officer-1', roles: ['registrar'], jurisdiction: '110000' });
    const [header, payload] = token.split('.');
    const forged = `${header}.${payload}.${sign({}, pem().priv).split('.')[2]}`;
    await expect(verifier.verify(forged)).rejects.toMatchObject({ code: 'AUTH.INVALID_TOKEN' });
  });

  it('verifies again after the minute, and refuses a remembered token once it has expired', async () => {
    jest.useFakeTimers({ now: Date.now(), doNotFake: ['nextTick', 'setImmediate'] });
    const verifier = new TokenVerifier(config);
    const token = raw({ exp: now() + 90 });
    await verifier.verify(token);
    jest.setSystemTime(Date.now() + 61_000);
    await expect(verifier.verify(token)).resolves.toMatchObject({ subject: 'officer-1' });
    jest.setSystemTime(Date.now() + 60_000); // past exp + the 30 s clock tolerance
    await expect(verifier.verify(token)).rejects.toMatchObject({ code: 'AUTH.INVALID_TOKEN' });
  });
});
