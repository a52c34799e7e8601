import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DomainError } from '@sop/util';
import { JwksKeyStore, keysOfJwks } from './jwks';
import { signAccessToken, TokenVerifier } from './jwt';
import type { AuthConfig, JwksSource } from './auth-config';

interface SigningKey {
  kid: string;
  privateKeyPem: string;
  jwk: Record<string, unknown>;
}
function signingKey(kid: string): SigningKey {
  const pair = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return {
    kid,
    privateKeyPem: pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    jwk: { ...(pair.publicKey as KeyObject).export({ format: 'jwk' }), kid, use: 'sig', alg: 'ES256' },
  };
}
const jwksOf = (...keys: SigningKey[]) => JSON.stringify({ keys: keys.map((k) => k.jwk) });
const tokenBy = (key: SigningKey, kid: string | null = key.kid) =>
  signAccessToken({ subject: 'officer-1', roles: ['registrar'], jurisdiction: '110000', keyId: kid ?? undefined }, key.privateKeyPem, 'idp', 'sop-registration');

async function codeOf(verifier: TokenVerifier, token: string): Promise<string> {
  try {
    await verifier.verify(token);
    return 'accepted';
  } catch (e) {
    return (e as DomainError).code;
  }
}

describe('JWKS: keys by kid, rotation with overlap', () => {
  let server: Server;
  let url: string;
  let published: string;
  let requests = 0;
  let clock = 1_000_000;

  beforeAll(async () => {
    server = createServer((_req, res) => {
      requests++;
      res.setHeader('content-type', 'application/json');
      res.end(published);
    });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`;
  });
  afterAll(() => new Promise((ok) => server.close(ok)));
  beforeEach(() => {
    requests = 0;
    clock = 1_000_000;
  });

  const verifierFor = (source: JwksSource) => {
    const config: AuthConfig = { jwks: source, issuer: 'idp', audience: 'sop-registration' };
    const store = new JwksKeyStore(source, () => undefined, () => clock);
    return { verifier: new TokenVerifier(config, { jwks: store, log: () => undefined }), store };
  };

  it('accepts the old key during the overlap, fetches on an unknown kid, and drops the old key when the IdP does', async () => {
    const k1 = signingKey('2026-11');
    const k2 = signingKey('2026-12');
    published = jwksOf(k1);
    const { verifier } = verifierFor({ url, cacheSeconds: 600, minRefreshSeconds: 30 });

    expect(await codeOf(verifier, tokenBy(k1))).toBe('accepted');
    expect(requests).toBe(1);
    expect(await codeOf(verifier, tokenBy(k1))).toBe('accepted');
    expect(requests).toBe(1); // cached

    // Rotation: the IdP publishes both keys and starts signing with the new one.
    published = jwksOf(k1, k2);
    clock += 31_000;
    expect(await codeOf(verifier, tokenBy(k2))).toBe('accepted'); // unknown kid → refresh
    expect(requests).toBe(2);
    expect(await codeOf(verifier, tokenBy(k1))).toBe('accepted'); // the old key still verifies during the overlap
    expect(requests).toBe(2);

    // End of the overlap: the old key leaves the set; once the cache expires it is no longer accepted.
    published = jwksOf(k2);
    clock += 601_000;
    expect(await codeOf(verifier, tokenBy(k1))).toBe('AUTH.INVALID_TOKEN');
    expect(await codeOf(verifier, tokenBy(k2))).toBe('accepted');
    expect(requests).toBe(3);
  });

  it('refreshes on unknown kids at most once per minRefreshSeconds', async () => {
    const k1 = signingKey('a');
    const stranger = signingKey('forged');
    published = jwksOf(k1);
    const { verifier } = verifierFor({ url, minRefreshSeconds: 30 });
    expect(await codeOf(verifier, tokenBy(k1))).toBe('accepted');
    clock += 31_000;
    const forged = Array.from({ length: 20 }, () => codeOf(verifier, tokenBy(stranger)));
    expect(await Promise.all(forged)).toEqual(Array(20).fill('AUTH.INVALID_TOKEN'));
    expect(requests).toBe(2); // one refresh for twenty unknown-kid tokens
    clock += 5_000;
    expect(await codeOf(verifier, tokenBy(stranger))).toBe('AUTH.INVALID_TOKEN');
    expect(requests).toBe(2);
    clock += 30_000;
    expect(await codeOf(verifier, tokenBy(stranger))).toBe('AUTH.INVALID_TOKEN');
    expect(requests).toBe(3);
  });

  it('requires a kid in the token header and refuses a kid signed by another key', async () => {
    const k1 = signingKey('a');
    const impostor = signingKey('a');
    published = jwksOf(k1);
    const { verifier } = verifierFor({ url });
    expect(await codeOf(verifier, tokenBy(k1, null))).toBe('AUTH.INVALID_TOKEN');
    expect(await codeOf(verifier, tokenBy(impostor))).toBe('AUTH.INVALID_TOKEN');
  });

  it('keeps the last good set when the IdP cannot be reached', async () => {
    const k1 = signingKey('a');
    published = jwksOf(k1);
    const { verifier } = verifierFor({ url, cacheSeconds: 10, minRefreshSeconds: 1 });
    expect(await codeOf(verifier, tokenBy(k1))).toBe('accepted');
    published = 'not json';
    clock += 11_000;
    expect(await codeOf(verifier, tokenBy(k1))).toBe('accepted');
    expect(requests).toBe(2);
  });

  it('reads a local JWKS file, re-read after rotation by replacing the file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jwks-'));
    try {
      const file = join(dir, 'jwks.json');
      const k1 = signingKey('one');
      const k2 = signingKey('two');
      writeFileSync(file, jwksOf(k1));
      const { verifier, store } = verifierFor({ file, minRefreshSeconds: 30 });
      expect(await codeOf(verifier, tokenBy(k1))).toBe('accepted');
      writeFileSync(file, jwksOf(k1, k2));
      clock += 30_000;
      expect(await codeOf(verifier, tokenBy(k2))).toBe('accepted');
      expect(await codeOf(verifier, tokenBy(k1))).toBe('accepted');
      expect(store.loads).toBe(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('takes only ES256 signing keys with a kid, and only their public part', () => {
    const good = signingKey('good');
    const withPrivate = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'jwk' });
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ format: 'jwk' });
    const logged: string[] = [];
    const keys = keysOfJwks(
      { keys: [good.jwk, { ...good.jwk, kid: undefined }, { ...rsa, kid: 'rsa' }, { ...good.jwk, kid: 'enc', use: 'enc' }, { ...withPrivate, kid: 'priv' }] },
      (m) => logged.push(m),
    );
    expect([...keys.keys()]).toEqual(['good', 'priv']);
    expect(keys.get('priv')?.type).toBe('public');
    expect(logged).toHaveLength(3);
    expect(() => keysOfJwks({ nokeys: [] })).toThrow(/not a JWKS/);
  });
});
