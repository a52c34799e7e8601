import { randomUUID } from 'node:crypto';
import { startServiceContext } from '@sop/http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '@sop/auth';
import {
  allTopicSpecs,
  JointMeasuresChanged,
  OrganizationRegistered,
  OrganizationRevoked,
  type JointMeasuresChangedV1,
  type OrganizationRegisteredV1,
  type OrganizationRevokedV1,
} from '@sop/contracts';
import { buildCloudEvent, EventChain, dataschemaOf, InProcessTransport, MessagingTables1732500000000, OutboxMessageOrmEntity } from '@sop/messaging';
import { createDataSource } from '@sop/persistence';
import { waitFor } from '@sop/testing';
import { civilDate, MovableClock } from '@sop/util';
import { AssessPerformance } from './application/assessments/assess-performance.use-case';
import { GetContract } from './application/contracts/get-contract.use-case';
import { PublishRuleSetVersion, RuleSetReads } from './application/rule-sets/publish-rule-set-version.use-case';
import { RuleSetStore } from './application/rule-sets/rule-sets.ports';
import { SignContract } from './application/contracts/sign-contract.use-case';
import { SupplierProfile } from './application/suppliers/supplier-profile.use-case';
import { PurchasingSkeleton1732500000400 } from './infrastructure/migrations/1732500000400-purchasing-skeleton.migration';
import { PURCHASING_ENTITIES, PurchasingRuleSetVersionOrmEntity, PurchasingSupplierOrmEntity } from './infrastructure/purchasing.orm-entities';
import { PURCHASING_MIGRATIONS, ServicePurchasingModule } from './service-purchasing.module';
import { SAMPLE_BANDS } from './test-support/local-rule-set.fixture';
import { organizationRegisteredData } from './test-support/organization-registered.fixture';

/** The other services' events these tests publish, chained as their relays would (consumers refuse unchained events). */
const producers = EventChain.detached();

/** The embedded mode's storage: the same migrations, consumers and contract decisions on SQLite with the in-process bus. */
describe('service purchasing on SQLite (embedded mode)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'purchasing-sqlite-'));
  const transport = new InProcessTransport(join(dir, 'bus.sqlite'));
  const clock = new MovableClock(new Date('2026-05-01T00:00:00.000Z'));
  const purchaser: Principal = { subject: 'purchaser', roles: ['purchaser'], jurisdiction: '110108' };
  const uscc = '52110108MJ0000018M';
  let app: INestApplicationContext;
  let signing: SignContract;
  let assessing: AssessPerformance;
  let contracts: GetContract;
  let suppliers: SupplierProfile;

  async function send<T extends object>(source: string, contract: { type: string; topic: string; version: number }, data: T): Promise<void> {
    const event = producers.next(buildCloudEvent(source, dataschemaOf(contract), { type: contract.type, subject: uscc, data }, clock.now()));
    await transport.publish([{ topic: contract.topic, key: uscc, value: JSON.stringify(event) }]);
  }

  beforeAll(async () => {
    await transport.ensureTopics(allTopicSpecs());
    app = await startServiceContext([ServicePurchasingModule.register({ db: { type: 'sqlite', path: join(dir, 'purchasing.sqlite') }, transport, clock, migrateOnStart: true, createDatabase: false })]);
    signing = app.get(SignContract);
    assessing = app.get(AssessPerformance);
    contracts = app.get(GetContract);
    suppliers = app.get(SupplierProfile);
  });

  afterAll(async () => {
    await app?.close();
    await transport.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('projects a registration (status defaults to ACTIVE), bars and lifts by measures, signs, assesses, refuses once revoked', async () => {
    await send<OrganizationRegisteredV1>('registration', OrganizationRegistered, organizationRegisteredData(uscc));
    expect(await waitFor(() => suppliers.supplierOf(uscc).catch(() => undefined), 20000, 'projected')).toMatchObject({ status: 'ACTIVE', barred: false });

    const input = {
      supplierUscc: uscc,
      purchaser: '北京市海淀区民政局',
      title: '社区服务',
      method: 'OPEN_TENDERING',
      valueFen: 5_000_000,
      termStart: '2026-05-01',
      termEnd: '2027-04-30',
      signedAt: '2026-04-30T00:00:00.000Z',
    };
    await send<JointMeasuresChangedV1>('credit-supervision', JointMeasuresChanged, { uscc, lists: ['ABNORMAL'], measures: ['NO_PURCHASE_OF_SERVICES', 'NO_EVALUATION'], effectiveFrom: '2026-04-01T00:00:00.000Z', ruleVersion: 'credit-lists/order-60@v1' });
    await waitFor(async () => (await suppliers.supplierOf(uscc)).barred, 20000, 'barred');
    await expect(signing.signContract(input, purchaser)).rejects.toMatchObject({ kind: 'REFUSED', code: 'PURCHASING.SUPPLIER_BARRED' });

    // Forged lifts, none of which un-bars: without chain fields (not from credit's relay), from another producer, and
    // on another topic than the contract's. Each is dead-lettered with its reason.
    const deadLetters: string[] = [];
    const dlqReader = await transport.subscribe({ groupId: 'forgery-test-dlq-reader', topics: ['service-purchasing.dlq'] }, async (m) => void deadLetters.push(m.headers['dlq-reason']));
    const lift: JointMeasuresChangedV1 = { uscc, lists: [], measures: [], effectiveFrom: '2026-04-10T00:00:00.000Z', ruleVersion: 'credit-lists/order-60@v1' };
    const forged = (source: string) => buildCloudEvent(source, dataschemaOf(JointMeasuresChanged), { type: JointMeasuresChanged.type, subject: uscc, data: lift }, clock.now());
    const forger = EventChain.detached();
    await transport.publish([
      { topic: JointMeasuresChanged.topic, key: uscc, value: JSON.stringify(forged('credit-supervision')) },
      { topic: JointMeasuresChanged.topic, key: uscc, value: JSON.stringify(forger.next(forged('registration'))) },
      { topic: OrganizationRegistered.topic, key: uscc, value: JSON.stringify(forger.next(forged('credit-supervision'))) },
    ]);
    await waitFor(() => deadLetters.length === 3, 20000, 'three forged events dead-lettered');
    await dlqReader.stop();
    expect(deadLetters.sort()).toEqual(['FORGED', 'FORGED', 'UNCHAINED']);
    expect(await suppliers.supplierOf(uscc)).toMatchObject({ barred: true });

    await send<JointMeasuresChangedV1>('credit-supervision', JointMeasuresChanged, { uscc, lists: [], measures: [], effectiveFrom: '2026-04-20T00:00:00.000Z', ruleVersion: 'credit-lists/order-60@v1' });
    await waitFor(async () => !(await suppliers.supplierOf(uscc)).barred, 20000, 'lifted');

    const signed = await signing.signContract(input, purchaser);
    expect(signed).toMatchObject({ valueFen: 5_000_000, ruleVersion: 'purchasing/100000@v1' });
    // No local rule set covers 110108 yet: the national default has no banding rule (§7.2), the score is the result.
    expect(await assessing.assessPerformance(signed.id, { score: 60, breach: false, summary: '合格' }, purchaser)).toMatchObject({
      score: 60,
      outcome: 'NOT_BANDED',
      outcomeBasis: 'NO_BANDING_RULE',
      ruleVersion: 'purchasing/100000@v1',
    });
    expect((await contracts.contractOf(signed.id)).assessments).toHaveLength(1);
    const outbox = await app.get(DataSource).getRepository(OutboxMessageOrmEntity).find({ order: { id: 'ASC' } });
    expect(outbox.map((o) => o.eventType)).toEqual(['purchasing.contract.signed', 'purchasing.contract.performance-assessed']);

    await send<OrganizationRevokedV1>('registration', OrganizationRevoked, { uscc, registeringAuthority: '110108', reason: '违法', legalBasis: '条例', revokedAt: '2026-05-01T00:00:00.000Z' });
    await waitFor(async () => (await suppliers.supplierOf(uscc)).status === 'REVOKED', 20000, 'revoked');
    await expect(signing.signContract(input, purchaser)).rejects.toMatchObject({ code: 'PURCHASING.SUPPLIER_NOT_ACTIVE' });
    // Bound to jurisdiction 110108 (no unit_id): a purchaser elsewhere may not assess it.
    await expect(assessing.assessPerformance(signed.id, { score: 90, breach: false, summary: 'x' }, { subject: 'other', roles: ['purchaser'], jurisdiction: '110105' })).rejects.toMatchObject({
      kind: 'FORBIDDEN',
      code: 'PURCHASING.NOT_THE_PURCHASER',
    });
  });

  it('Idempotency-Key on SQLite: concurrent attempts create one contract and one ContractSigned; a different body → 409', async () => {
    const ds = app.get(DataSource);
    // A fresh, active supplier for this case.
    const other = '52110108MJ00000284';
    await ds.getRepository(PurchasingSupplierOrmEntity).insert({
      uscc: other, name: '另一家社会组织', form: 'SOCIAL_SERVICE_ORGANIZATION', category: 'OTHER', registeringAuthority: '110108',
      registeredAt: new Date('2024-01-01T00:00:00.000Z'), categoryPriority: false, lastEventId: randomUUID(), status: 'ACTIVE', statusChangedAt: null, statusEventId: null,
    });
    const input = { supplierUscc: other, purchaser: '北京市海淀区民政局', title: '社区服务', method: 'OPEN_TENDERING', valueFen: 1_000_000, termStart: '2026-05-01', termEnd: '2027-04-30', signedAt: '2026-04-30T00:00:00.000Z' };
    const unit: Principal = { subject: 'purchaser-unit', roles: ['purchaser'], jurisdiction: '110108', unitId: 'unit-1' };
    const outcomes = await Promise.all([0, 1, 2].map(() => signing.sign(input, unit, 'key-1')));
    expect(outcomes.map((o) => o.replayed).sort()).toEqual([false, true, true]);
    expect(new Set(outcomes.map((o) => o.contract.id)).size).toBe(1);
    expect(outcomes[0].contract).toMatchObject({ purchaserUnitId: 'unit-1', purchaserJurisdiction: '110108', recordedBy: 'purchaser-unit' });
    expect(await ds.getRepository(OutboxMessageOrmEntity).count({ where: { messageKey: other, eventType: 'purchasing.contract.signed' } })).toBe(1);
    await expect(signing.sign({ ...input, valueFen: 2_000_000 }, unit, 'key-1')).rejects.toMatchObject({ kind: 'CONFLICT', code: 'PURCHASING.IDEMPOTENCY_KEY_REUSED' });
  });

  it('local rule sets on SQLite: a published version is stored and listed, and decides for the purchasers it covers from its Beijing date', async () => {
    const ds = app.get(DataSource);
    const other = '52110108MJ0000039X';
    await ds.getRepository(PurchasingSupplierOrmEntity).insert({
      uscc: other, name: '第三家社会组织', form: 'SOCIAL_SERVICE_ORGANIZATION', category: 'OTHER', registeringAuthority: '110108',
      registeredAt: new Date('2024-01-01T00:00:00.000Z'), categoryPriority: false, lastEventId: randomUUID(), status: 'ACTIVE', statusChangedAt: null, statusEventId: null,
    });
    clock.set(new Date('2026-05-01T00:00:00.000Z')); // 08:00 Beijing, 1 May
    const finance: Principal = { subject: 'finance-bj', roles: ['finance-officer'], jurisdiction: '110000' };
    const published = await app.get(PublishRuleSetVersion).publish({ jurisdiction: '110100', effectiveFrom: civilDate('2026-05-02'), bands: SAMPLE_BANDS, source: 'test data', note: 'SQLite' }, finance);
    expect(published).toMatchObject({ ruleSetId: 'purchasing/110100', version: 1 });
    // A concurrent publication (it read the versions before v1 was stored) gets the same number: 409, nothing stored.
    jest.spyOn(app.get(RuleSetStore), 'versions').mockResolvedValueOnce([]);
    await expect(
      app.get(PublishRuleSetVersion).publish({ jurisdiction: '110100', effectiveFrom: civilDate('2026-06-01'), bands: SAMPLE_BANDS, source: 'test data', note: null }, finance),
    ).rejects.toMatchObject({ kind: 'CONFLICT', code: 'PURCHASING.RULE_SET_VERSION_CONFLICT' });
    expect((await app.get(RuleSetReads).list()).map((v) => `${v.ruleSetId}@v${v.version}:${v.bands ? v.bands.length : 'none'}`)).toEqual(['purchasing/100000@v1:none', 'purchasing/110100@v1:4']);
    const signed = await signing.signContract(
      { supplierUscc: other, purchaser: '北京市海淀区民政局', title: '社区服务', method: 'OPEN_TENDERING', valueFen: 1_000_000, termStart: '2026-05-01', termEnd: '2027-04-30', signedAt: '2026-04-30T00:00:00.000Z' },
      purchaser,
    );
    expect(signed.ruleVersion).toBe('purchasing/100000@v1');
    clock.set(new Date('2026-05-01T15:59:59.999Z')); // still 1 May in Beijing
    expect(await assessing.assessPerformance(signed.id, { score: 85, breach: false, summary: '良好' }, purchaser)).toMatchObject({ outcome: 'NOT_BANDED', ruleVersion: 'purchasing/100000@v1' });
    clock.set(new Date('2026-05-01T16:00:00.000Z')); // 00:00 Beijing, 2 May
    expect(await assessing.assessPerformance(signed.id, { score: 85, breach: false, summary: '良好' }, purchaser)).toMatchObject({ outcome: 'GOOD', outcomeBasis: 'BAND', ruleVersion: 'purchasing/110100@v1' });
  });

  it('upgrades a skeleton database: existing suppliers become ACTIVE', async () => {
    const path = join(dir, 'upgrade.sqlite');
    const old = createDataSource({ type: 'sqlite', path }, PURCHASING_ENTITIES, [MessagingTables1732500000000, PurchasingSkeleton1732500000400]);
    await old.initialize();
    await old.runMigrations();
    await old.query(
      `INSERT INTO purchasing_supplier (uscc, name, form, category, registering_authority, registered_at, category_priority, last_event_id)
       VALUES ('${uscc}', '旧数据', 'SOCIAL_GROUP', 'OTHER', '110108', '2024-01-01 00:00:00.000', 0, '${randomUUID()}')`,
    );
    await old.destroy();
    const upgraded = createDataSource({ type: 'sqlite', path }, PURCHASING_ENTITIES, [MessagingTables1732500000000, ...PURCHASING_MIGRATIONS]);
    await upgraded.initialize();
    expect((await upgraded.runMigrations()).map((m) => m.name)).toEqual(['PurchasingContracts1732500000410', 'PurchasingPurchaserBinding1732500000420', 'PurchasingRuleSets1732500000430']);
    expect(await upgraded.getRepository(PurchasingSupplierOrmEntity).findOneBy({ uscc })).toMatchObject({ name: '旧数据', status: 'ACTIVE', statusChangedAt: null });
    // The national default is seeded (Order 102, no bands).
    expect(await upgraded.getRepository(PurchasingRuleSetVersionOrmEntity).find()).toEqual([
      expect.objectContaining({ ruleSetId: 'purchasing/100000', version: 1, jurisdiction: '100000', effectiveFrom: '2020-03-01', bands: null, publishedBy: 'seed', publishedAt: new Date('2020-02-29T16:00:00.000Z') }),
    ]);
    await upgraded.undoLastMigration();
    await upgraded.undoLastMigration();
    await upgraded.undoLastMigration();
    await upgraded.undoLastMigration();
    await upgraded.destroy();
  });
});
