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
import { buildCivilAffairsUscc, civilDate, MovableClock } from '@sop/util';
import { AssessPerformance } from './application/assessments/assess-performance.use-case';
import { GetContract } from './application/contracts/get-contract.use-case';
import { OrganStore } from './application/organs/organs.ports';
import { PurchasingOrgans } from './application/organs/purchasing-organs.use-cases';
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
  /** A user of the Haidian civil affairs bureau, a registered purchasing organ (registered in beforeAll). */
  const purchaser: Principal = { subject: 'purchaser', roles: ['purchaser'], jurisdiction: '110108', unitId: 'unit-haidian-mca' };
  const financeBeijing: Principal = { subject: 'finance-bj', roles: ['finance-officer'], jurisdiction: '110000' };
  const uscc = '52110108MJ0000018M';
  let app: INestApplicationContext;
  let signing: SignContract;
  let assessing: AssessPerformance;
  let contracts: GetContract;
  let suppliers: SupplierProfile;
  let organs: PurchasingOrgans;

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
    organs = app.get(PurchasingOrgans);
    await organs.register({ unitId: 'unit-haidian-mca', name: '北京市海淀区民政局', kind: 'STATE_ORGAN', jurisdiction: '110108' }, financeBeijing);
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
    expect((await contracts.contractOf(signed.id, purchaser)).assessments).toHaveLength(1);
    const outbox = await app.get(DataSource).getRepository(OutboxMessageOrmEntity).find({ where: { messageKey: uscc }, order: { id: 'ASC' } });
    expect(outbox.map((o) => o.eventType)).toEqual(['purchasing.contract.signed', 'purchasing.contract.performance-assessed']);

    await send<OrganizationRevokedV1>('registration', OrganizationRevoked, { uscc, registeringAuthority: '110108', reason: '违法', legalBasis: '条例', revokedAt: '2026-05-01T00:00:00.000Z' });
    await waitFor(async () => (await suppliers.supplierOf(uscc)).status === 'REVOKED', 20000, 'revoked');
    await expect(signing.signContract(input, purchaser)).rejects.toMatchObject({ code: 'PURCHASING.SUPPLIER_NOT_ACTIVE' });
    // Bound to unit-haidian-mca: a purchaser of another organ neither reads nor assesses it — 404 as a missing contract.
    await expect(assessing.assessPerformance(signed.id, { score: 90, breach: false, summary: 'x' }, { subject: 'other', roles: ['purchaser'], jurisdiction: '110105' })).rejects.toMatchObject({
      kind: 'NOT_FOUND',
      code: 'PURCHASING.CONTRACT_NOT_FOUND',
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
    // No purchaser name: it comes from the organ registry.
    const input = { supplierUscc: other, title: '社区服务', method: 'OPEN_TENDERING', valueFen: 1_000_000, termStart: '2026-05-01', termEnd: '2027-04-30', signedAt: '2026-04-30T00:00:00.000Z' };
    const unit: Principal = { subject: 'purchaser-unit', roles: ['purchaser'], jurisdiction: '110108', unitId: 'unit-1' };
    await organs.register({ unitId: 'unit-1', name: '北京市海淀区财政局', kind: 'STATE_ORGAN', jurisdiction: '110108' }, financeBeijing);
    const outcomes = await Promise.all([0, 1, 2].map(() => signing.sign(input, unit, 'key-1')));
    expect(outcomes.map((o) => o.replayed).sort()).toEqual([false, true, true]);
    expect(new Set(outcomes.map((o) => o.contract.id)).size).toBe(1);
    expect(outcomes[0].contract).toMatchObject({ purchaser: '北京市海淀区财政局', purchaserUnitId: 'unit-1', purchaserJurisdiction: '110108', purchaserOrganVersion: 1, recordedBy: 'purchaser-unit' });
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
    const finance = financeBeijing;
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

  it('purchasing organs on SQLite: registered and changed as versions with events; signing binds the contract to the organ; reads within reach', async () => {
    const ds = app.get(DataSource);
    clock.set(new Date('2026-05-01T00:00:00.000Z'));
    const supplierUscc = buildCivilAffairsUscc('SOCIAL_SERVICE_ORGANIZATION', '110108', 424242);
    await ds.getRepository(PurchasingSupplierOrmEntity).insert({
      uscc: supplierUscc, name: '第四家社会组织', form: 'SOCIAL_SERVICE_ORGANIZATION', category: 'OTHER', registeringAuthority: '110108',
      registeredAt: new Date('2024-01-01T00:00:00.000Z'), categoryPriority: false, lastEventId: randomUUID(), status: 'ACTIVE', statusChangedAt: null, statusEventId: null,
    });
    const financeHaidian: Principal = { subject: 'finance-haidian', roles: ['finance-officer'], jurisdiction: '110108' };
    const financeShanghai: Principal = { subject: 'finance-sh', roles: ['finance-officer'], jurisdiction: '310000' };
    const auditor: Principal = { subject: 'auditor', roles: ['auditor'], jurisdiction: '100000' };

    // Registration: state organs only (Art. 5/8), within the officer's jurisdiction, once per unit.
    const chaoyang = { unitId: 'unit-chaoyang-mca', name: '北京市朝阳区民政局', kind: 'STATE_ORGAN' as const, jurisdiction: '110105' };
    await expect(organs.register(chaoyang, financeHaidian)).rejects.toMatchObject({ kind: 'FORBIDDEN', code: 'PURCHASING.ORGAN_OUTSIDE_JURISDICTION' });
    await expect(organs.register({ ...chaoyang, kind: 'PUBLIC_INSTITUTION_CATEGORY_1' }, financeBeijing)).rejects.toMatchObject({ kind: 'REFUSED', code: 'PURCHASING.ORGAN_NOT_A_PURCHASER' });
    expect(await organs.register(chaoyang, financeBeijing)).toMatchObject({ unitId: 'unit-chaoyang-mca', version: 1, level: 'COUNTY', purchases: true, history: [{ version: 1 }] });
    await expect(organs.register({ ...chaoyang, name: '另一个名字' }, financeBeijing)).rejects.toMatchObject({ kind: 'CONFLICT', code: 'PURCHASING.ORGAN_ALREADY_REGISTERED' });
    await organs.register({ unitId: 'unit-xuhui-mca', name: '上海市徐汇区民政局', kind: 'STATE_ORGAN', jurisdiction: '310104' }, financeShanghai);

    // Lists by division, within reach; one organ: 404 outside reach, exactly as a missing one.
    expect((await organs.list('110000', financeBeijing)).items.map((o) => o.unitId)).toEqual(['unit-1', 'unit-chaoyang-mca', 'unit-haidian-mca']);
    expect((await organs.list(undefined, financeHaidian)).items.map((o) => o.unitId)).toEqual(['unit-1', 'unit-haidian-mca']);
    expect((await organs.list(undefined, auditor)).items.map((o) => o.unitId)).toEqual(['unit-1', 'unit-chaoyang-mca', 'unit-haidian-mca', 'unit-xuhui-mca']);
    await expect(organs.list('310000', financeBeijing)).rejects.toMatchObject({ code: 'AUTH.OUT_OF_JURISDICTION' });
    const failure = (unitId: string) =>
      organs.organ(unitId, financeShanghai).then(
        () => 'read',
        (e: { code: string; kind: string; message: string }) => ({ code: e.code, kind: e.kind, message: e.message.replace(unitId, 'X') }),
      );
    expect(await failure('unit-chaoyang-mca')).toEqual({ code: 'PURCHASING.ORGAN_NOT_FOUND', kind: 'NOT_FOUND', message: 'no purchasing organ X' });
    expect(await failure('unit-nowhere')).toEqual(await failure('unit-chaoyang-mca'));
    await expect(organs.change('unit-chaoyang-mca', { name: '改名', reason: 'x' }, financeShanghai)).rejects.toMatchObject({ code: 'PURCHASING.ORGAN_NOT_FOUND' });

    // Signing: the token's unit must be a registered organ its jurisdiction covers; the purchaser is the registered name.
    const chaoyangUser: Principal = { subject: 'chaoyang-user', roles: ['purchaser'], jurisdiction: '110105', unitId: 'unit-chaoyang-mca' };
    const terms = { supplierUscc, title: '社区助老服务', method: 'OPEN_TENDERING', valueFen: 800_000, termStart: '2026-05-01', termEnd: '2027-04-30', signedAt: '2026-04-30T00:00:00.000Z' };
    await expect(signing.signContract(terms, { ...chaoyangUser, unitId: undefined })).rejects.toMatchObject({ kind: 'FORBIDDEN', code: 'PURCHASING.PURCHASER_NOT_REGISTERED' });
    await expect(signing.signContract(terms, { ...chaoyangUser, unitId: 'unit-unknown' })).rejects.toMatchObject({ code: 'PURCHASING.PURCHASER_NOT_REGISTERED' });
    await expect(signing.signContract(terms, { ...chaoyangUser, jurisdiction: '110108' })).rejects.toMatchObject({ code: 'PURCHASING.PURCHASER_NOT_REGISTERED', message: expect.stringContaining('outside your jurisdiction') });
    await expect(signing.signContract({ ...terms, purchaser: '北京市海淀区民政局' }, chaoyangUser)).rejects.toMatchObject({
      kind: 'REFUSED',
      code: 'PURCHASING.PURCHASER_NAME_MISMATCH',
      violations: [expect.objectContaining({ field: 'purchaser' })],
    });
    const signed = await signing.signContract({ ...terms, purchaser: '北京市朝阳区民政局' }, chaoyangUser);
    expect(signed).toMatchObject({ purchaser: '北京市朝阳区民政局', purchaserUnitId: 'unit-chaoyang-mca', purchaserJurisdiction: '110105', purchaserOrganVersion: 1 });
    const [signedRow] = await ds.getRepository(OutboxMessageOrmEntity).find({ where: { messageKey: supplierUscc, eventType: 'purchasing.contract.signed' } });
    expect(JSON.parse(signedRow.envelope).data).toMatchObject({ purchaser: '北京市朝阳区民政局', purchaserUnitId: 'unit-chaoyang-mca', purchaserJurisdiction: '110105' });

    // Reads: the organ's own users, finance officers covering 110105, auditors; everyone else 404 like a missing contract.
    const readers: [string, Principal, boolean][] = [
      ['own unit', chaoyangUser, true],
      ['another unit, same jurisdiction', { ...chaoyangUser, subject: 'x', unitId: 'unit-haidian-mca' }, false],
      ['purchaser without unit', { ...chaoyangUser, unitId: undefined }, false],
      ['finance officer of Beijing', financeBeijing, true],
      ['finance officer of Haidian', financeHaidian, false],
      ['finance officer of Shanghai', financeShanghai, false],
      ['auditor', auditor, true],
      ['registrar of Beijing', { subject: 'reg', roles: ['registrar'], jurisdiction: '110000' }, false],
    ];
    const notFound = await contracts.contractOf(randomUUID(), auditor).catch((e: { code: string; kind: string }) => ({ code: e.code, kind: e.kind }));
    for (const [who, principal, reads] of readers) {
      const got = await contracts.contractOf(signed.id, principal).then((c) => c.id, (e: { code: string; kind: string }) => ({ code: e.code, kind: e.kind }));
      expect([who, got]).toEqual([who, reads ? signed.id : notFound]);
    }

    // A change is the next version (history kept, event published); a move to a kind that does not purchase stops signing.
    await expect(organs.change('unit-chaoyang-mca', { name: '北京市朝阳区民政局', reason: '无变化' }, financeBeijing)).rejects.toMatchObject({ code: 'PURCHASING.ORGAN_CHANGE_EMPTY' });
    await expect(organs.change('unit-chaoyang-mca', { jurisdiction: '310104', reason: '错误' }, financeBeijing)).rejects.toMatchObject({ code: 'PURCHASING.ORGAN_OUTSIDE_JURISDICTION' });
    const renamed = await organs.change('unit-chaoyang-mca', { name: '北京市朝阳区民政局（更名）', reason: '机构改革更名' }, financeBeijing);
    expect(renamed).toMatchObject({ version: 2, name: '北京市朝阳区民政局（更名）', reason: '机构改革更名', history: [{ version: 1, name: '北京市朝阳区民政局' }, { version: 2 }] });
    expect((await signing.signContract({ ...terms, title: '第二份合同' }, chaoyangUser)).purchaserOrganVersion).toBe(2);
    await organs.change('unit-chaoyang-mca', { kind: 'PUBLIC_INSTITUTION_CATEGORY_1', reason: '转为公益一类事业单位' }, financeBeijing);
    await expect(signing.signContract({ ...terms, title: '第三份合同' }, chaoyangUser)).rejects.toMatchObject({ code: 'PURCHASING.PURCHASER_NOT_REGISTERED', message: expect.stringContaining('Art. 8') });
    expect((await organs.organ('unit-chaoyang-mca', chaoyangUser)).history?.map((v) => [v.version, v.kind, v.purchases])).toEqual([
      [1, 'STATE_ORGAN', true],
      [2, 'STATE_ORGAN', true],
      [3, 'PUBLIC_INSTITUTION_CATEGORY_1', false],
    ]);
    const organEvents = await ds.getRepository(OutboxMessageOrmEntity).find({ where: { messageKey: 'unit-chaoyang-mca' }, order: { id: 'ASC' } });
    expect(organEvents.map((o) => [o.topic, o.eventType, JSON.parse(o.envelope).data.version])).toEqual([
      ['purchasing.organ.v1', 'purchasing.organ.registered', 1],
      ['purchasing.organ.v1', 'purchasing.organ.changed', 2],
      ['purchasing.organ.v1', 'purchasing.organ.changed', 3],
    ]);
    expect(JSON.parse(organEvents[1].envelope).data).toMatchObject({ previousName: '北京市朝阳区民政局', previousKind: 'STATE_ORGAN', previousJurisdiction: '110105', reason: '机构改革更名' });

    // A concurrent change (it read version 1 before versions 2 and 3 were stored) takes an existing number: 409, nothing stored or published.
    const [v1] = await app.get(OrganStore).history(null, 'unit-chaoyang-mca');
    jest.spyOn(app.get(OrganStore), 'current').mockResolvedValueOnce(v1);
    await expect(organs.change('unit-chaoyang-mca', { name: '并发改名', reason: '并发' }, financeBeijing)).rejects.toMatchObject({ kind: 'CONFLICT', code: 'PURCHASING.ORGAN_VERSION_CONFLICT' });
    expect(await ds.getRepository(OutboxMessageOrmEntity).count({ where: { messageKey: 'unit-chaoyang-mca' } })).toBe(3);
    expect((await organs.organ('unit-chaoyang-mca', auditor)).version).toBe(3);
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
    // Every migration after the skeleton runs, in registration order (the list grows with each slice).
    expect((await upgraded.runMigrations()).map((m) => m.name)).toEqual(PURCHASING_MIGRATIONS.slice(1).map((M) => new M().name));
    expect(PURCHASING_MIGRATIONS.slice(1, 6).map((M) => new M().name)).toEqual(['PurchasingContracts1732500000410', 'PurchasingPurchaserBinding1732500000420', 'PurchasingRuleSets1732500000430', 'PurchasingOrgans1732500000440', 'PurchasingProcurements1732500000450']);
    expect(await upgraded.getRepository(PurchasingSupplierOrmEntity).findOneBy({ uscc })).toMatchObject({ name: '旧数据', status: 'ACTIVE', statusChangedAt: null });
    // The national default is seeded (Order 102, no bands).
    expect(await upgraded.getRepository(PurchasingRuleSetVersionOrmEntity).find()).toEqual([
      expect.objectContaining({ ruleSetId: 'purchasing/100000', version: 1, jurisdiction: '100000', effectiveFrom: '2020-03-01', bands: null, publishedBy: 'seed', publishedAt: new Date('2020-02-29T16:00:00.000Z') }),
    ]);
    await upgraded.undoLastMigration();
    await upgraded.undoLastMigration();
    await upgraded.undoLastMigration();
    await upgraded.undoLastMigration();
    await upgraded.undoLastMigration();
    await upgraded.undoLastMigration();
    await upgraded.undoLastMigration();
    await upgraded.destroy();
  });
});
