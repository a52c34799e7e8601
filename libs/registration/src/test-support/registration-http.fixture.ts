import { generateKeyPairSync, randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { signAccessToken, type Role } from '@sop/auth';
import { allTopicSpecs } from '@sop/contracts';
import { createHttpApp, startServices } from '@sop/http';
import { KafkaTransport } from '@sop/messaging';
import { dropDatabase } from '@sop/persistence';
import { testKafkaBrokers, testMysqlConfig, uniqueName } from '@sop/testing';
import { MovableClock } from '@sop/util';
import { RegistrationModule } from '../registration.module';

const ISSUER = 'int-issuer';
const AUDIENCE = 'social-org-platform';

/**
 * The registration service over HTTP on real MySQL/MariaDB and Kafka for an integration suite: its own database, a
 * fresh PII key, a movable clock, its own signing key (`token`) and `http` to call it. Call inside a `describe`: it
 * registers the suite's beforeAll / afterAll; `app`, `ds` and the listening address are set once beforeAll has run.
 */
export function registrationOverHttp(purpose: string, start: string) {
  const db = testMysqlConfig(purpose);
  const transport = new KafkaTransport({ brokers: testKafkaBrokers(), clientId: uniqueName(purpose.replace(/_/g, '-')) });
  const keys = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const privateKeyPem = keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  let base = '';
  const f = {
    db,
    transport,
    clock: new MovableClock(new Date(start)),
    app: undefined as unknown as INestApplication,
    ds: undefined as unknown as DataSource,
    token: (roles: Role[], jurisdiction: string, subject: string, unitId?: string) => signAccessToken({ subject, roles, jurisdiction, unitId }, privateKeyPem, ISSUER, AUDIENCE),
    async http(method: string, path: string, bearer?: string, body?: unknown) {
      const res = await fetch(`${base}${path}`, {
        method,
        headers: { 'content-type': 'application/json', ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- test responses are checked field by field
      return { status: res.status, text, contentType: res.headers.get('content-type') ?? '', body: (text ? JSON.parse(text) : undefined) as any };
    },
  };

  beforeAll(async () => {
    process.env['REGISTRATION_PII_KEY'] = randomBytes(32).toString('base64');
    await transport.ensureTopics(allTopicSpecs());
    f.app = await createHttpApp(
      [RegistrationModule.register({ db, transport, clock: f.clock, migrateOnStart: true, createDatabase: true })],
      { publicKeyPem: keys.publicKey.export({ type: 'spki', format: 'pem' }).toString(), issuer: ISSUER, audience: AUDIENCE },
      [],
    );
    await startServices(f.app);
    await f.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(f.app.getHttpServer().address() as AddressInfo).port}`;
    f.ds = f.app.get(DataSource, { strict: false });
  });

  afterAll(async () => {
    await f.app?.close();
    await transport.close();
    await dropDatabase(db);
  });

  return f;
}
