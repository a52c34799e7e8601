import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { allTopicSpecs, OrganizationRegistered } from '@sop/contracts';
import { createHttpApp, startServices } from '@sop/http';
import { buildCloudEvent, dataschemaOf, EventChain, KafkaTransport, OutboxMessageOrmEntity, type CloudEvent, type Subscription } from '@sop/messaging';
import { dropDatabase } from '@sop/persistence';
import { testKafkaBrokers, testMysqlConfig, uniqueName, waitFor } from '@sop/testing';
import { buildCivilAffairsUscc, MovableClock, type CivilAffairsForm } from '@sop/util';
import { ServicePurchasingModule } from '../service-purchasing.module';
import { httpCaller, TEST_AUTH, tokenOf } from './http-client.fixture';
import { SAMPLE_BANDS } from './local-rule-set.fixture';
import { organizationRegisteredData } from './organization-registered.fixture';

export interface HarnessOptions {
  /** The clock's first instant. Default 2026-03-02T08:00Z (16:00 Beijing). */
  start?: Date;
  /** Purchasing organs registered by Beijing's finance officer before the tests: [unitId, name, jurisdiction]. */
  organs?: [string, string, string][];
  /** Beijing's performance bands (SAMPLE_BANDS, from 2026-03-03) published before the tests. Default true. */
  bands?: boolean;
  /** Topics whose events are collected in `onKafka` (from the beginning). */
  observe?: string[];
}

/** A registered organization (a supplier) as a test needs one. */
export interface OrganizationOptions {
  form?: CivilAffairsForm;
  registeringAuthority?: string;
  name?: string;
}

const HAIDIAN: [string, string, string] = ['unit-haidian-mca', '北京市海淀区民政局', '110108'];

/**
 * The purchasing service over HTTP on real MySQL/MariaDB and Kafka, as the purchasing integration specs share it:
 * its own database and consumer group, a movable clock, a bid key, registered organs and Beijing's bands, the tokens
 * of Beijing's finance officer, Haidian's purchaser and an auditor, and helpers that register a supplier (through a
 * real OrganizationRegistered on Kafka), open a budget line and read the outbox. `beforeAll(h.setUp)`,
 * `afterAll(h.tearDown)`.
 */
export function purchasingHarness(name: string, options: HarnessOptions = {}) {
  const producers = EventChain.detached();
  const start = options.start ?? new Date('2026-03-02T08:00:00.000Z');
  const db = testMysqlConfig(`purchasing_${name}`);
  const transport = new KafkaTransport({ brokers: testKafkaBrokers(), clientId: uniqueName(`purchasing-${name}-int`) });
  const groupId = uniqueName(`purchasing-${name}-int-group`);
  const serialBase = Math.floor(Math.random() * 800_000_000);
  const savedKey = process.env['PURCHASING_BID_KEY'];
  const onKafka: CloudEvent[] = [];
  let serial = 0;
  let base = '';
  let app: INestApplication | undefined;
  let observer: Subscription | undefined;

  const h = {
    start,
    clock: new MovableClock(start),
    transport,
    producers,
    onKafka,
    call: httpCaller(() => base),
    finance: tokenOf('fin-beijing', ['finance-officer'], '110000'),
    purchaser: tokenOf('purchaser-haidian', ['purchaser'], '110000', { unitId: HAIDIAN[0] }),
    auditor: tokenOf('auditor-1', ['auditor'], '100000'),
    rep: (uscc: string, jurisdiction = '110108') => tokenOf(`rep-${uscc}`, ['org-representative'], jurisdiction, { organizationUscc: uscc }),
    get app(): INestApplication {
      if (!app) throw new Error('purchasingHarness: setUp has not run');
      return app;
    },
    get ds(): DataSource {
      return h.app.get(DataSource, { strict: false });
    },

    async setUp(): Promise<void> {
      process.env['PURCHASING_BID_KEY'] = randomBytes(32).toString('base64');
      await transport.ensureTopics([...allTopicSpecs(), { topic: `${groupId}.dlq`, partitions: 1 }]);
      app = await createHttpApp([ServicePurchasingModule.register({ db, transport, clock: h.clock, migrateOnStart: true, createDatabase: true }, { consumerGroupId: groupId })], TEST_AUTH, []);
      await startServices(app);
      await app.listen(0, '127.0.0.1');
      base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
      for (const [unitId, organName, jurisdiction] of options.organs ?? [HAIDIAN]) {
        const organ = await h.call('POST', '/organs', h.finance, { unitId, name: organName, kind: 'STATE_ORGAN', jurisdiction });
        if (organ.status !== 201) throw new Error(`organ: ${JSON.stringify(organ.body)}`);
      }
      if (options.bands !== false) {
        // Beijing's performance bands (test data), in force from the next day: acceptances are banded by them.
        const bands = await h.call('POST', '/rule-sets/110000/versions', h.finance, { effectiveOn: '2026-03-03', bands: SAMPLE_BANDS, source: '北京市 performance practice (test data)' });
        if (bands.status !== 201) throw new Error(`rule set: ${JSON.stringify(bands.body)}`);
      }
      if (options.observe?.length)
        observer = await transport.subscribe({ groupId: uniqueName(`purchasing-${name}-observer`), topics: options.observe, fromBeginning: true }, async (m) => {
          onKafka.push(JSON.parse(m.value?.toString('utf8') ?? '{}') as CloudEvent);
        });
    },

    async tearDown(): Promise<void> {
      await observer?.stop();
      await app?.close();
      await transport.close();
      await dropDatabase(db);
      if (savedKey === undefined) delete process.env['PURCHASING_BID_KEY'];
      else process.env['PURCHASING_BID_KEY'] = savedKey;
    },

    /** A new organization registered by civil affairs (an OrganizationRegistered on Kafka), once purchasing knows it. */
    async organization(o: OrganizationOptions = {}): Promise<string> {
      const registeringAuthority = o.registeringAuthority ?? '110108';
      const uscc = buildCivilAffairsUscc(o.form ?? 'SOCIAL_SERVICE_ORGANIZATION', registeringAuthority, serialBase + ++serial);
      const data = organizationRegisteredData(uscc, { name: o.name ?? `服务机构${serialBase}-${serial}`, registeringAuthority, ...(o.form ? { form: o.form } : {}) });
      const event = producers.next(buildCloudEvent('registration', dataschemaOf(OrganizationRegistered), { type: OrganizationRegistered.type, subject: uscc, data }, h.clock.now()));
      await transport.publish([{ topic: OrganizationRegistered.topic, key: uscc, value: JSON.stringify(event) }]);
      await waitFor(async () => ((await h.call('GET', `/suppliers/${uscc}`, h.purchaser)).status === 200 ? true : undefined), 60000, `supplier ${uscc}`);
      return uscc;
    },

    /** A budget line of Haidian's organ (Beijing's finance officer). */
    async budgetLine(lineCode: string, amountFen: number, fiscalYear = 2026): Promise<string> {
      const r = await h.call('POST', '/budgets', h.finance, { organUnitId: HAIDIAN[0], fiscalYear, lineCode, description: '购买服务', amountFen });
      if (r.status !== 201) throw new Error(`budget line: ${JSON.stringify(r.body)}`);
      return r.body.id as string;
    },

    /** The event types the service's outbox holds for a key, in commit order. */
    async outboxTypes(key: string): Promise<string[]> {
      return (await h.ds.getRepository(OutboxMessageOrmEntity).find({ where: { messageKey: key }, order: { id: 'ASC' } })).map((r) => r.eventType);
    },
  };
  return h;
}
