import { generateKeyPairSync } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { Controller, Get, Module, type INestApplication } from '@nestjs/common';
import jwt from 'jsonwebtoken';
import { Roles, signAccessToken } from '@sop/auth';
import { createHttpApp } from './http-app';

@Controller('secret')
class SecretController {
  @Get()
  @Roles('registrar')
  read() {
    return { ok: true };
  }
}

@Module({ controllers: [SecretController] })
class SecretModule {}

/** What a caller sees when a token is refused: 401 problem+json saying "invalid token" and nothing else. */
describe('bearer tokens at the edge', () => {
  const keys = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const priv = keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const sign = (over: Record<string, unknown> = {}, options: jwt.SignOptions = { expiresIn: 600 }) =>
    jwt.sign({ roles: ['registrar'], jurisdiction: '110000', sub: 'officer-1', ...over }, priv, { algorithm: 'ES256', issuer: 'idp', audience: 'sop-registration', ...options });
  let app: INestApplication;
  let base: string;

  beforeAll(async () => {
    app = await createHttpApp(
      [SecretModule],
      { publicKeyPem: keys.publicKey.export({ type: 'spki', format: 'pem' }).toString(), issuer: 'idp', audience: 'sop-registration' },
      [],
      { logLevel: 'silent' },
    );
    await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  });
  afterAll(() => app.close());

  const get = async (token: string) => {
    const res = await fetch(`${base}/secret`, { headers: { authorization: `Bearer ${token}` } });
    return { status: res.status, body: await res.json() };
  };

  it('admits a good token for this service', async () => {
    expect(await get(sign())).toEqual({ status: 200, body: { ok: true } });
    expect((await get(signAccessToken({ subject: 's', roles: ['registrar'], jurisdiction: '110000' }, priv, 'idp', ['sop-credit-supervision', 'sop-registration']))).status).toBe(200);
  });

  it.each([
    ['no exp', () => sign({}, {})],
    ['a lifetime over 12 h', () => sign({}, { expiresIn: '13h' })],
    ['expired', () => sign({ iat: Math.floor(Date.now() / 1000) - 700 }, { expiresIn: 600 })],
    ['another service\'s audience', () => sign({}, { expiresIn: 600, audience: 'sop-evaluation' })],
    ['another issuer', () => sign({}, { expiresIn: 600, issuer: 'someone-else' })],
    ['a 101-character subject', () => sign({ sub: 's'.repeat(101) })],
    ['garbage', () => 'garbage'],
  ])('refuses a token with %s: 401, exactly "invalid token"', async (_, make) => {
    expect(await get(make())).toEqual({
      status: 401,
      body: { type: 'urn:sop:problem:AUTH.INVALID_TOKEN', title: 'Unauthorized', status: 401, code: 'AUTH.INVALID_TOKEN', detail: 'invalid token', instance: '/secret' },
    });
  });
});
