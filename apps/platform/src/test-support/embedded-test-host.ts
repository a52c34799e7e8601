import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DynamicModule, INestApplication } from '@nestjs/common';
import { RouterModule } from '@nestjs/core';
import { signAccessToken, type Role } from '@sop/auth';
import { allTopicSpecs } from '@sop/contracts';
import { createHttpApp, startServices, type HostOptions, type ServiceDefinition } from '@sop/http';
import { InProcessTransport } from '@sop/messaging';
import { SystemClock } from '@sop/util';

const ISSUER = 'embedded-test-issuer';
const AUDIENCE = 'social-org-platform';

export interface EmbeddedTestHost {
  app: INestApplication;
  base: string;
  /** The services' modules, in the order given (app.select(modules[i]) reaches a service's providers). */
  modules: DynamicModule[];
  /** A token of this host's key; `claims` adds the organization (org_uscc) or unit (unit_id) it acts for. */
  token(roles: Role[], jurisdiction: string, subject?: string, claims?: { organizationUscc?: string; unitId?: string }): string;
  close(): Promise<void>;
}

/**
 * Some of the services as the embedded host runs them (SQLite files in a temporary folder, the in-process bus, the
 * prefixes), listening on a free port, with a token signer for the test's own key.
 */
export async function startEmbeddedTestHost(services: ServiceDefinition[], options: HostOptions = {}): Promise<EmbeddedTestHost> {
  const keys = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const privateKeyPem = keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const dir = mkdtempSync(join(tmpdir(), 'sop-embedded-test-'));
  const transport = new InProcessTransport(':memory:');
  await transport.ensureTopics(allTopicSpecs());
  const clock = new SystemClock();
  const modules = services.map((s) => s.module({ db: { type: 'sqlite', path: join(dir, `${s.schema}.sqlite`) }, transport, clock, migrateOnStart: true, createDatabase: false }));
  const app = await createHttpApp(
    [...modules, RouterModule.register(services.map((s) => ({ path: s.prefix, module: s.moduleClass })))],
    { publicKeyPem: keys.publicKey.export({ type: 'spki', format: 'pem' }).toString(), issuer: ISSUER, audience: AUDIENCE },
    [],
    options,
  );
  await startServices(app);
  await app.listen(0, '127.0.0.1');
  return {
    app,
    base: `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`,
    modules,
    token: (roles, jurisdiction, subject = `${roles.join('+')}-${jurisdiction}`, claims = {}) =>
      signAccessToken({ subject, roles, jurisdiction, ...claims }, privateKeyPem, ISSUER, AUDIENCE),
    close: async () => {
      await app.close();
      await transport.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
