import { generateKeyPairSync } from 'node:crypto';
import jwt from 'jsonwebtoken';
import type { DomainError } from '@sop/util';
import { signAccessToken, verifyAccessToken } from './jwt';

const pem = () => {
  const pair = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return {
    priv: pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    pub: pair.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
};
const keys = pem();
const config = { publicKeyPem: keys.pub, issuer: 'iss', audience: 'aud' };
const sign = (over: Partial<Parameters<typeof signAccessToken>[0]> = {}, priv = keys.priv, iss = 'iss', aud = 'aud') =>
  signAccessToken({ subject: 'officer-1', roles: ['registrar'], jurisdiction: '110000', ...over }, priv, iss, aud);

const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return (e as DomainError).code;
  }
  return 'no error';
};

describe('access tokens', () => {
  it('verifies a well-formed token into a principal', () => {
    expect(verifyAccessToken(sign(), config)).toEqual({ subject: 'officer-1', roles: ['registrar'], jurisdiction: '110000' });
  });

  it.each([
    ['wrong issuer', () => sign({}, keys.priv, 'other')],
    ['wrong audience', () => sign({}, keys.priv, 'iss', 'other')],
    ['other key', () => sign({}, pem().priv)],
    ['expired', () => sign({ ttlSeconds: -120 })],
    ['alg none', () => jwt.sign({ roles: ['registrar'], jurisdiction: '110000' }, '', { algorithm: 'none', subject: 's', issuer: 'iss', audience: 'aud' })],
    ['HS256 with the public key as secret', () => jwt.sign({ roles: ['registrar'], jurisdiction: '110000' }, 'secret', { algorithm: 'HS256', subject: 's', issuer: 'iss', audience: 'aud' })],
  ])('rejects a token with %s', (_, make) => {
    expect(codeOf(() => verifyAccessToken(make(), config))).toBe('AUTH.INVALID_TOKEN');
  });

  it('requires a platform role and a jurisdiction claim', () => {
    expect(codeOf(() => verifyAccessToken(sign({ roles: [] }), config))).toBe('AUTH.NO_ROLE');
    expect(codeOf(() => verifyAccessToken(sign({ jurisdiction: '11' }), config))).toBe('AUTH.NO_JURISDICTION');
  });
});
