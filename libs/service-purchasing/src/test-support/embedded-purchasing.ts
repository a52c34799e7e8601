import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import type { Principal } from '@sop/auth';
import { allTopicSpecs, OrganizationRegistered } from '@sop/contracts';
import { startServiceContext } from '@sop/http';
import { buildCloudEvent, dataschemaOf, EventChain, InProcessTransport } from '@sop/messaging';
import { waitFor } from '@sop/testing';
import { MovableClock } from '@sop/util';
import { PurchasingOrgans } from '../application/organs/purchasing-organs.use-cases';
import { SupplierStore } from '../application/suppliers/suppliers.ports';
import { ServicePurchasingModule } from '../service-purchasing.module';
import { organizationRegisteredData } from './organization-registered.fixture';

/**
 * The purchasing service in embedded mode, as the SQLite specs share it: its own SQLite file and in-process bus under
 * a temporary DATA_DIR (the development bid key is made there: PURCHASING_BID_KEY is unset meanwhile), a movable
 * clock, Haidian's organ registered by Beijing's finance officer, and the suppliers named registered through a real
 * OrganizationRegistered on the bus. `beforeAll(h.setUp)`, `afterAll(h.tearDown)`; use cases through `h.app.get(...)`.
 */
export function embeddedPurchasing(name: string, options: { start?: Date; suppliers?: string[] } = {}) {
  const dir = mkdtempSync(join(tmpdir(), `purchasing-${name}-sqlite-`));
  const transport = new InProcessTransport(join(dir, 'bus.sqlite'));
  const saved = { key: process.env['PURCHASING_BID_KEY'], dataDir: process.env['DATA_DIR'] };
  let app: INestApplicationContext | undefined;

  const h = {
    dir,
    transport,
    clock: new MovableClock(options.start ?? new Date('2026-05-01T00:00:00.000Z')),
    finance: { subject: 'finance-bj', roles: ['finance-officer'], jurisdiction: '110000' } as Principal,
    purchaser: { subject: 'purchaser', roles: ['purchaser'], jurisdiction: '110108', unitId: 'unit-haidian-mca' } as Principal,
    get app(): INestApplicationContext {
      if (!app) throw new Error('embeddedPurchasing: setUp has not run');
      return app;
    },

    async setUp(): Promise<void> {
      delete process.env['PURCHASING_BID_KEY'];
      process.env['DATA_DIR'] = dir;
      await transport.ensureTopics(allTopicSpecs());
      app = await startServiceContext([ServicePurchasingModule.register({ db: { type: 'sqlite', path: join(dir, 'purchasing.sqlite') }, transport, clock: h.clock, migrateOnStart: true, createDatabase: false })]);
      await app.get(PurchasingOrgans).register({ unitId: 'unit-haidian-mca', name: '北京市海淀区民政局', kind: 'STATE_ORGAN', jurisdiction: '110108' }, h.finance);
      for (const uscc of options.suppliers ?? []) await h.registerSupplier(uscc);
    },

    async tearDown(): Promise<void> {
      await app?.close();
      await transport.close();
      rmSync(dir, { recursive: true, force: true });
      for (const [variable, value] of [['PURCHASING_BID_KEY', saved.key], ['DATA_DIR', saved.dataDir]] as const) {
        if (value === undefined) delete process.env[variable];
        else process.env[variable] = value;
      }
    },

    /** Registration's OrganizationRegistered for `uscc` on the bus, once purchasing has projected the supplier. */
    async registerSupplier(uscc: string): Promise<void> {
      const event = EventChain.detached().next(buildCloudEvent('registration', dataschemaOf(OrganizationRegistered), { type: OrganizationRegistered.type, subject: uscc, data: organizationRegisteredData(uscc) }, h.clock.now()));
      await transport.publish([{ topic: OrganizationRegistered.topic, key: uscc, value: JSON.stringify(event) }]);
      await waitFor(async () => (await h.app.get(SupplierStore).supplier(null, uscc)) ?? undefined, 30000, `supplier ${uscc} projected`);
    },
  };
  return h;
}
