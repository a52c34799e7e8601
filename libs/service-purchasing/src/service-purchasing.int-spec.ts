import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Role } from '@sop/auth';
import {
  allTopicSpecs,
  ContractPerformanceAssessed,
  ContractSigned,
  GradeAdjusted,
  GradeAwarded,
  JointMeasuresChanged,
  OrganizationDeregistered,
  OrganizationRegistered,
  OrganizationRevoked,
  type ContractPerformanceAssessedV1,
  type ContractSignedV1,
  type GradeAdjustedV1,
  type GradeAwardedV1,
  type JointMeasuresChangedV1,
  type OrganizationCategory,
  type OrganizationDeregisteredV1,
  type OrganizationRegisteredV1,
  type OrganizationRevokedV1,
} from '@sop/contracts';
import { createHttpApp, SERVICE_RUNTIME, startServices } from '@sop/http';
import {
  buildCloudEvent,
  EventChain,
  dataschemaOf,
  KafkaTransport,
  OutboxMessageOrmEntity,
  readTopicsToEnd,
  type CloudEvent,
  type ServiceRuntime,
  type Subscription,
} from '@sop/messaging';
import { dropDatabase } from '@sop/persistence';
import { testKafkaBrokers, testMysqlConfig, uniqueName, waitFor } from '@sop/testing';
import { buildCivilAffairsUscc, definitionsOf, MovableClock } from '@sop/util';
import { PurchasingErrors } from './domain/purchasing.errors';
import {
  PurchasingContractOrmEntity,
  PurchasingJointMeasuresOrmEntity,
  PurchasingRuleSetVersionOrmEntity,
  PurchasingSupplierGradeOrmEntity,
  PurchasingSupplierOrmEntity,
} from './infrastructure/purchasing.orm-entities';
import { ServicePurchasingModule } from './service-purchasing.module';
import { SAMPLE_BANDS } from './test-support/local-rule-set.fixture';
import { httpCaller, TEST_AUTH, tokenOf } from './test-support/http-client.fixture';
import { organizationRegisteredData } from './test-support/organization-registered.fixture';

/** The other services' events these tests publish, chained as their relays would (consumers refuse unchained events). */
const producers = EventChain.detached();

const token = (roles: Role[]) => tokenOf(`${roles.join('+')}-int`, roles, '110000');
/** A purchaser of a given purchasing organ: claim unit_id when `unitId` is set. */
const purchaserOf = (subject: string, jurisdiction: string, unitId?: string) => tokenOf(subject, ['purchaser'], jurisdiction, unitId ? { unitId } : {});

/**
 * Purchase-of-services contracts on real MySQL/MariaDB and Kafka, over HTTP. Input events are built with the
 * contracts and published as registration, credit and evaluation's relays would; purchasing's own events are read
 * back from its outbox and from the broker.
 */
describe('service purchasing: contracts, supplier facts and events (MySQL + Kafka)', () => {
  const db = testMysqlConfig('purchasing');
  const transport = new KafkaTransport({ brokers: testKafkaBrokers(), clientId: uniqueName('purchasing-int') });
  const clock = new MovableClock(new Date('2026-03-02T08:00:00.000Z'));
  const groupId = uniqueName('purchasing-int-group');
  /** A user of the Haidian civil affairs bureau (unit-haidian-mca, registered in beforeAll) with a Beijing-wide token. */
  const purchaser = purchaserOf('purchaser-int', '110000', 'unit-haidian-mca');
  const finance = token(['finance-officer']);
  /** A finance officer of a division (publishes local purchasing rule sets at national or provincial level). */
  const financeOf = (subject: string, jurisdiction: string) => tokenOf(subject, ['finance-officer'], jurisdiction);
  const auditor = token(['auditor']);
  const serialBase = Math.floor(Math.random() * 800_000_000);
  let serial = 0;
  let app: INestApplication;
  let base: string;
  let ds: DataSource;
  let runtime: ServiceRuntime;
  let observer: Subscription;
  /** Purchasing's events as they arrived on Kafka, for this run's suppliers only. */
  const onKafka: CloudEvent[] = [];
  const ours = new Set<string>();

  const call = httpCaller(() => base);

  async function send<T extends object>(source: string, contract: { type: string; topic: string; version: number }, subject: string, data: T): Promise<CloudEvent<T>> {
    const event = producers.next(buildCloudEvent(source, dataschemaOf(contract), { type: contract.type, subject, data }, clock.now()));
    await redeliver(contract, event);
    return event;
  }
  async function redeliver(contract: { topic: string }, event: CloudEvent<object>): Promise<void> {
    await transport.publish([{ topic: contract.topic, key: event.subject, value: JSON.stringify(event) }]);
  }

  const supplier = (uscc: string) => call('GET', `/suppliers/${uscc}`, purchaser).then((r) => r.body);
  const waitSupplier = (uscc: string, ok: (s: Record<string, unknown>) => boolean, what: string) =>
    waitFor(async () => {
      const r = await call('GET', `/suppliers/${uscc}`, purchaser);
      return r.status === 200 && ok(r.body) ? r.body : undefined;
    }, 60000, what);
  /** The consumer acknowledged one more duplicate: a redelivery reached it (and the inbox stopped it). */
  const consumerStatus = () => {
    const status = runtime.eventServer?.consumerStatus();
    if (!status) throw new Error('purchasing has no running consumer');
    return status;
  };
  async function duplicateSeen(action: () => Promise<void>): Promise<void> {
    const before = consumerStatus().duplicates;
    await action();
    await waitFor(() => consumerStatus().duplicates > before, 30000, 'redelivery consumed as duplicate');
  }

  async function register(category: OrganizationCategory = 'URBAN_RURAL_COMMUNITY_SERVICE', registeredAt = '2024-01-10T00:00:00.000Z'): Promise<{ uscc: string; event: CloudEvent<OrganizationRegisteredV1> }> {
    const uscc = buildCivilAffairsUscc('SOCIAL_SERVICE_ORGANIZATION', '110108', serialBase + ++serial);
    ours.add(uscc);
    const event = await send<OrganizationRegisteredV1>(
      'registration',
      OrganizationRegistered,
      uscc,
      organizationRegisteredData(uscc, {
        name: `北京市海淀区社区养老服务中心${serialBase}-${serial}`,
        category,
        purpose: '社区养老服务',
        legalRepresentativeName: '张三',
        registeredCapitalFen: 3_000_000,
        registeredAt,
      }),
    );
    await waitSupplier(uscc, () => true, `supplier ${uscc} projected`);
    return { uscc, event };
  }

  const contractBody = (uscc: string, over: Record<string, unknown> = {}) => ({
    supplierUscc: uscc,
    purchaser: '北京市海淀区民政局',
    title: '社区居家养老服务',
    method: 'COMPETITIVE_CONSULTATION',
    valueFen: 12_000_000,
    termStart: '2026-04-01',
    termEnd: '2027-03-31',
    signedAt: '2026-03-01T02:00:00.000Z',
    ...over,
  });

  async function measuresEvent(uscc: string, lists: string[], measures: string[], effectiveFrom: string) {
    return send<JointMeasuresChangedV1>('credit-supervision', JointMeasuresChanged, uscc, { uscc, lists, measures, effectiveFrom, ruleVersion: 'credit-lists/order-60@v1' });
  }

  async function snapshot(uscc: string) {
    const [supplierRow, measures, grades, contracts, outbox] = await Promise.all([
      ds.getRepository(PurchasingSupplierOrmEntity).findOneBy({ uscc }),
      ds.getRepository(PurchasingJointMeasuresOrmEntity).findOneBy({ uscc }),
      ds.getRepository(PurchasingSupplierGradeOrmEntity).find({ where: { uscc }, order: { gradeId: 'ASC' } }),
      ds.getRepository(PurchasingContractOrmEntity).count({ where: { supplierUscc: uscc } }),
      ds.getRepository(OutboxMessageOrmEntity).count({ where: { messageKey: uscc } }),
    ]);
    return { supplierRow, measures, grades, contracts, outbox, view: await supplier(uscc) };
  }

  beforeAll(async () => {
    await transport.ensureTopics([...allTopicSpecs(), { topic: `${groupId}.dlq`, partitions: 1 }]);
    app = await createHttpApp(
      [ServicePurchasingModule.register({ db, transport, clock, migrateOnStart: true, createDatabase: true }, { consumerGroupId: groupId })],
      TEST_AUTH,
      [],
    );
    await startServices(app);
    await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    ds = app.get(DataSource, { strict: false });
    runtime = app.get<ServiceRuntime>(SERVICE_RUNTIME, { strict: false });
    // Beijing's performance bands (local practice, regulations §7.2; test data) from 3 March 2026 (00:00 Beijing time):
    // the national default has none. The tests below assess Beijing purchasers' contracts from that day on.
    const beijing = await call('POST', '/rule-sets/110000/versions', finance, { effectiveOn: '2026-03-03', bands: SAMPLE_BANDS, source: '北京市 performance practice (test data)' });
    if (beijing.status !== 201) throw new Error(`publishing Beijing's rule set: ${JSON.stringify(beijing.body)}`);
    // The purchasing organs whose users sign below (Order 102 Art. 5), registered by finance officers covering them.
    for (const [unitId, name, jurisdiction, officer] of [
      ['unit-haidian-mca', '北京市海淀区民政局', '110108', finance],
      ['unit-haidian-finance', '北京市海淀区财政局', '110108', finance],
      ['unit-miyun-mca', '北京市密云区民政局', '110228', finance],
      ['unit-xuhui-mca', '上海市徐汇区民政局', '310104', financeOf('fin-shanghai', '310000')],
    ]) {
      const organ = await call('POST', '/organs', officer, { unitId, name, kind: 'STATE_ORGAN', jurisdiction });
      if (organ.status !== 201) throw new Error(`registering ${unitId}: ${JSON.stringify(organ.body)}`);
    }
    observer = await transport.subscribe({ groupId: uniqueName('purchasing-int-observer'), topics: [ContractSigned.topic], fromBeginning: true }, async (m) => {
      const event = JSON.parse(m.value?.toString('utf8') ?? '{}') as CloudEvent;
      if (ours.has(event.subject)) onKafka.push(event);
    });
  });

  afterAll(async () => {
    await observer?.stop();
    await app?.close();
    await transport.close();
    await dropDatabase(db);
  });

  it('registered organization → contract signed → ContractSigned in the outbox and on Kafka; assessment → ContractPerformanceAssessed; roles', async () => {
    const { uscc } = await register();
    expect(await supplier(uscc)).toMatchObject({ status: 'ACTIVE', barred: false, barringMeasures: [], gradeInForce: null, priorityReasons: [{ code: 'DIRECT_REGISTRATION_CATEGORY' }] });

    expect((await call('POST', '/contracts', auditor, contractBody(uscc))).status).toBe(403);
    expect((await call('POST', '/contracts', finance, contractBody(uscc))).status).toBe(403);
    const signed = await call('POST', '/contracts', purchaser, contractBody(uscc));
    expect(signed.status).toBe(201);
    expect(signed.body).toMatchObject({ supplierUscc: uscc, status: 'SIGNED', multiYear: null, valueFen: 12_000_000, ruleVersion: 'purchasing/100000@v1', assessments: [] });
    const contractId = signed.body.id as string;

    const expected: ContractSignedV1 = {
      contractId,
      supplierUscc: uscc,
      purchaser: '北京市海淀区民政局',
      purchaserUnitId: 'unit-haidian-mca',
      purchaserJurisdiction: '110108',
      title: '社区居家养老服务',
      method: 'COMPETITIVE_CONSULTATION',
      valueFen: 12_000_000,
      termStart: '2026-04-01',
      termEnd: '2027-03-31',
      signedAt: '2026-03-01T02:00:00.000Z',
      ruleVersion: 'purchasing/100000@v1',
    };
    const [row] = await ds.getRepository(OutboxMessageOrmEntity).find({ where: { messageKey: uscc, eventType: ContractSigned.type } });
    expect(row.topic).toBe('purchasing.contract.v1');
    expect(JSON.parse(row.envelope)).toMatchObject({ source: 'service-purchasing', subject: uscc, policyversion: 'purchasing/100000@v1', data: expected });
    const onBroker = await waitFor(() => onKafka.find((e) => e.type === ContractSigned.type && e.subject === uscc), 60000, 'ContractSigned on Kafka');
    expect(onBroker.data).toEqual(expected);
    expect(onBroker.hash).toMatch(/^[0-9a-f]{64}$/); // chained by the relay

    // Not before its term (regulations §7.2 performance management), then the score's band.
    const early = await call('POST', `/contracts/${contractId}/performance-assessments`, purchaser, { score: 85, breach: false, summary: '中期评估' });
    expect(early).toMatchObject({ status: 422, body: { code: 'PURCHASING.ASSESSMENT_BEFORE_TERM' } });
    expect((await call('POST', `/contracts/${contractId}/performance-assessments`, auditor, { score: 85, breach: false, summary: 'x' })).status).toBe(403);
    expect((await call('POST', `/contracts/${contractId}/performance-assessments`, purchaser, { score: 101, breach: false, summary: 'x' })).body).toMatchObject({ code: 'VALIDATION.FAILED' });
    clock.set(new Date('2026-10-01T08:00:00.000Z'));
    const assessed = await call('POST', `/contracts/${contractId}/performance-assessments`, purchaser, { score: 85, breach: false, summary: '服务按合同完成' });
    // Signed under the national default (before Beijing's version took effect); assessed under Beijing's bands (§7.2).
    expect(assessed).toMatchObject({ status: 201, body: { outcome: 'GOOD', outcomeBasis: 'BAND', score: 85, ruleVersion: 'purchasing/110000@v1' } });
    const assessedOnBroker = await waitFor(() => onKafka.find((e) => e.type === ContractPerformanceAssessed.type && e.subject === uscc), 60000, 'ContractPerformanceAssessed on Kafka');
    expect(assessedOnBroker.data).toEqual<ContractPerformanceAssessedV1>({
      assessmentId: assessed.body.id,
      contractId,
      supplierUscc: uscc,
      purchaser: '北京市海淀区民政局',
      outcome: 'GOOD',
      score: 85,
      breach: false,
      summary: '服务按合同完成',
      assessedAt: '2026-10-01T08:00:00.000Z',
      ruleVersion: 'purchasing/110000@v1',
    });
    expect(assessedOnBroker.causationid).toBe(onBroker.id);

    for (const reader of [purchaser, finance, auditor]) {
      const got = await call('GET', `/contracts/${contractId}`, reader);
      expect(got).toMatchObject({ status: 200, body: { id: contractId, assessments: [{ id: assessed.body.id, outcome: 'GOOD' }] } });
    }
    expect((await call('GET', `/contracts/${randomUUID()}`, auditor)).body).toMatchObject({ code: 'PURCHASING.CONTRACT_NOT_FOUND' });
  });

  it('purchaser binding: only a registered organ signs (403 otherwise), under its registered name; the same unit assesses; outside reach 404 exactly as a missing contract', async () => {
    clock.set(new Date('2026-03-02T08:00:00.000Z'));
    const { uscc } = await register();
    const unitA = purchaserOf('purchaser-a1', '110108', 'unit-haidian-mca');
    const unitAColleague = purchaserOf('purchaser-a2', '110108', 'unit-haidian-mca');
    const unitB = purchaserOf('purchaser-b', '110108', 'unit-haidian-finance');
    const noUnit = purchaserOf('purchaser-c', '110108');
    const unitAOutsideJurisdiction = purchaserOf('purchaser-d', '110105', 'unit-haidian-mca');
    const unregistered = purchaserOf('purchaser-e', '110108', 'unit-not-registered');
    const excluded = purchaserOf('purchaser-f', '110108', 'unit-haidian-hospital');

    // A category-1 public-benefit institution cannot be registered as a purchaser (Art. 8).
    expect(await call('POST', '/organs', finance, { unitId: 'unit-haidian-hospital', name: '海淀区某公益一类事业单位', kind: 'PUBLIC_INSTITUTION_CATEGORY_1', jurisdiction: '110108' })).toMatchObject({
      status: 422,
      body: { code: 'PURCHASING.ORGAN_NOT_A_PURCHASER', errors: [{ field: 'kind', message: expect.stringContaining('Art. 8') }] },
    });
    for (const [caller, detail] of [
      [noUnit, 'names no unit'],
      [unregistered, 'unit-not-registered is not a registered purchasing organ'],
      [excluded, 'unit-haidian-hospital is not a registered purchasing organ'],
      [unitAOutsideJurisdiction, 'outside your jurisdiction 110105'],
    ]) {
      const refused = await call('POST', '/contracts', caller, contractBody(uscc, { purchaser: undefined }));
      expect(refused).toMatchObject({ status: 403, body: { code: 'PURCHASING.PURCHASER_NOT_REGISTERED', detail: expect.stringContaining(detail), rule: expect.stringContaining('Order 102 Art. 5') } });
    }
    const mismatch = await call('POST', '/contracts', unitA, contractBody(uscc, { purchaser: '上海市徐汇区民政局' }));
    expect(mismatch).toMatchObject({ status: 422, body: { code: 'PURCHASING.PURCHASER_NAME_MISMATCH', registeredName: '北京市海淀区民政局', errors: [{ field: 'purchaser' }] } });
    expect(await ds.getRepository(PurchasingContractOrmEntity).count({ where: { supplierUscc: uscc } })).toBe(0);

    // Without a purchaser name: the registered one.
    const byUnit = await call('POST', '/contracts', unitA, contractBody(uscc, { purchaser: undefined }));
    expect(byUnit).toMatchObject({
      status: 201,
      body: { purchaser: '北京市海淀区民政局', recordedBy: 'purchaser-a1', purchaserUnitId: 'unit-haidian-mca', purchaserJurisdiction: '110108', purchaserOrganVersion: 1 },
    });
    expect(await ds.getRepository(PurchasingContractOrmEntity).findOneBy({ id: byUnit.body.id })).toMatchObject({ purchaserUnitId: 'unit-haidian-mca', purchaserJurisdiction: '110108', idempotencyKey: null });
    const [signedRow] = await ds.getRepository(OutboxMessageOrmEntity).find({ where: { messageKey: uscc, eventType: ContractSigned.type } });
    expect(JSON.parse(signedRow.envelope).data).toMatchObject({ purchaser: '北京市海淀区民政局', purchaserUnitId: 'unit-haidian-mca', purchaserJurisdiction: '110108' });

    // Outside reach: the same 404 body as a contract that does not exist (only the id in the detail differs).
    const missingId = randomUUID();
    const shape = (r: { status: number; body: Record<string, unknown> }, id: string) => ({ status: r.status, code: r.body['code'], title: r.body['title'], detail: String(r.body['detail']).replace(id, 'ID') });
    const missing = shape(await call('GET', `/contracts/${missingId}`, unitB), missingId);
    expect(missing).toMatchObject({ status: 404, code: 'PURCHASING.CONTRACT_NOT_FOUND' });
    const financeShanghai = financeOf('fin-shanghai', '310000');
    for (const outsider of [unitB, noUnit, unregistered, financeShanghai])
      expect(shape(await call('GET', `/contracts/${byUnit.body.id}`, outsider), byUnit.body.id)).toEqual(missing);
    for (const reader of [unitA, unitAColleague, purchaser, finance, financeOf('fin-haidian', '110108'), auditor])
      expect(await call('GET', `/contracts/${byUnit.body.id}`, reader)).toMatchObject({ status: 200, body: { id: byUnit.body.id } });

    clock.set(new Date('2026-10-01T08:00:00.000Z'));
    const assess = (id: string, bearer: string) => call('POST', `/contracts/${id}/performance-assessments`, bearer, { score: 91, breach: false, summary: '服务按合同完成' });
    for (const other of [unitB, noUnit, unregistered]) {
      const refused = await assess(byUnit.body.id, other);
      expect(shape(refused, byUnit.body.id)).toEqual(missing);
    }
    // A caller who reads the contract (as a finance officer) but is not its purchaser: 403, the contract being known to it.
    const financeAndUnitB = tokenOf('fin-purchaser-b', ['purchaser', 'finance-officer'], '110108', { unitId: 'unit-haidian-finance' });
    const notThePurchaser = await assess(byUnit.body.id, financeAndUnitB);
    expect(notThePurchaser).toMatchObject({ status: 403, body: { code: 'PURCHASING.NOT_THE_PURCHASER', errors: [{ field: 'contractId' }] } });
    expect(notThePurchaser.body.rule).toContain('Order 102 Art. 5');
    expect(await assess(byUnit.body.id, unitAColleague)).toMatchObject({ status: 201, body: { outcome: 'EXCELLENT', assessedBy: 'purchaser-a2' } });
    expect(await ds.getRepository(OutboxMessageOrmEntity).count({ where: { messageKey: uscc, eventType: ContractPerformanceAssessed.type } })).toBe(1); // refusals published nothing
    for (const reader of [finance, auditor, unitAColleague])
      expect(await call('GET', `/contracts/${byUnit.body.id}`, reader)).toMatchObject({ status: 200, body: { id: byUnit.body.id, assessments: [{ assessedBy: 'purchaser-a2' }] } });
  });

  it('purchasing organs over HTTP: registered by finance officers within their jurisdiction, changed as versions, listed and read within reach; events on purchasing.organ.v1', async () => {
    clock.set(new Date('2026-03-02T08:00:00.000Z'));
    const unitId = `unit-dongcheng-${serialBase}`;
    const body = { unitId, name: '北京市东城区民政局', kind: 'STATE_ORGAN', jurisdiction: '110101' };
    const financeHaidian = financeOf('fin-haidian', '110108');
    const financeShanghai = financeOf('fin-shanghai', '310000');
    expect((await call('POST', '/organs', purchaser, body)).body).toMatchObject({ status: 403, code: 'AUTH.ROLE_REQUIRED' });
    expect((await call('POST', '/organs', financeHaidian, body)).body).toMatchObject({ status: 403, code: 'PURCHASING.ORGAN_OUTSIDE_JURISDICTION', errors: [{ field: 'jurisdiction' }] });
    expect((await call('POST', '/organs', finance, { ...body, unitId: 'has space' })).body).toMatchObject({ status: 400, code: 'VALIDATION.FAILED', errors: [{ field: 'unitId' }] });
    expect((await call('POST', '/organs', finance, { ...body, kind: 'TEMPLE' })).body).toMatchObject({ status: 400, code: 'VALIDATION.FAILED', errors: [{ field: 'kind' }] });
    expect((await call('POST', '/organs', finance, { ...body, jurisdiction: '11010' })).body).toMatchObject({ status: 400, errors: [{ field: 'jurisdiction' }] });
    const registered = await call('POST', '/organs', finance, body);
    expect(registered).toMatchObject({ status: 201, body: { unitId, version: 1, name: '北京市东城区民政局', kind: 'STATE_ORGAN', purchases: true, jurisdiction: '110101', level: 'COUNTY', recordedBy: 'finance-officer-int' } });
    expect((await call('POST', '/organs', finance, body)).body).toMatchObject({ status: 409, code: 'PURCHASING.ORGAN_ALREADY_REGISTERED' });

    // Lists: a division and those under it; another province 403 (the caller named it); auditors anywhere.
    const listed = await call('GET', '/organs?jurisdiction=110101', finance);
    expect(listed).toMatchObject({ status: 200, body: { jurisdiction: '110101', truncated: false } });
    expect(listed.body.items.map((o: { unitId: string }) => o.unitId)).toEqual([unitId]);
    // Beijing's municipal districts (1101xx) include Dongcheng and Haidian; Miyun (110228) is a county under 1102.
    const municipal = (await call('GET', '/organs?jurisdiction=110100', finance)).body.items.map((o: { unitId: string }) => o.unitId);
    expect(municipal).toEqual([unitId, 'unit-haidian-finance', 'unit-haidian-mca']);
    expect((await call('GET', '/organs', financeHaidian)).body.items.map((o: { unitId: string }) => o.unitId)).toEqual(['unit-haidian-finance', 'unit-haidian-mca']);
    expect((await call('GET', '/organs?jurisdiction=110000', financeShanghai)).body).toMatchObject({ status: 403, code: 'AUTH.OUT_OF_JURISDICTION' });
    expect((await call('GET', '/organs?jurisdiction=abc', finance)).body).toMatchObject({ status: 400, errors: [{ field: 'jurisdiction' }] });
    expect((await call('GET', '/organs', auditor)).body.items.map((o: { unitId: string }) => o.unitId)).toEqual(expect.arrayContaining([unitId, 'unit-xuhui-mca']));
    expect((await call('GET', '/organs', purchaser)).body).toMatchObject({ status: 403, code: 'AUTH.ROLE_REQUIRED' });

    // One organ: outside reach 404 exactly as a missing one; its own purchasers read it.
    const shape = (r: { status: number; body: Record<string, unknown> }, id: string) => ({ status: r.status, code: r.body['code'], detail: String(r.body['detail']).replace(id, 'ID') });
    const missing = shape(await call('GET', '/organs/unit-nowhere', auditor), 'unit-nowhere');
    expect(missing).toMatchObject({ status: 404, code: 'PURCHASING.ORGAN_NOT_FOUND' });
    for (const outsider of [financeShanghai, financeHaidian, purchaser]) expect(shape(await call('GET', `/organs/${unitId}`, outsider), unitId)).toEqual(missing);
    expect(await call('GET', `/organs/${unitId}`, purchaserOf('dongcheng-user', '110101', unitId))).toMatchObject({ status: 200, body: { unitId, history: [{ version: 1 }] } });

    // A change: the next version with its reason, the history kept; outside reach 404; into an uncovered division 403.
    expect(shape(await call('POST', `/organs/${unitId}/versions`, financeShanghai, { name: 'x', reason: 'x' }), unitId)).toEqual(missing);
    expect((await call('POST', `/organs/${unitId}/versions`, finance, { jurisdiction: '310104', reason: '迁移' })).body).toMatchObject({ status: 403, code: 'PURCHASING.ORGAN_OUTSIDE_JURISDICTION' });
    expect((await call('POST', `/organs/${unitId}/versions`, finance, { reason: '无变化' })).body).toMatchObject({ status: 400, code: 'PURCHASING.ORGAN_CHANGE_EMPTY' });
    const changed = await call('POST', `/organs/${unitId}/versions`, finance, { name: '北京市东城区民政局（新）', reason: '机构改革更名' });
    expect(changed).toMatchObject({ status: 201, body: { version: 2, name: '北京市东城区民政局（新）', history: [{ version: 1, name: '北京市东城区民政局' }, { version: 2, reason: '机构改革更名' }] } });

    const events = (await ds.getRepository(OutboxMessageOrmEntity).find({ where: { messageKey: unitId }, order: { id: 'ASC' } })).map((r) => ({ topic: r.topic, ...(JSON.parse(r.envelope) as CloudEvent) }));
    expect(events.map((e) => [e.topic, e.type, e.source, e.subject])).toEqual([
      ['purchasing.organ.v1', 'purchasing.organ.registered', 'service-purchasing', unitId],
      ['purchasing.organ.v1', 'purchasing.organ.changed', 'service-purchasing', unitId],
    ]);
    expect(events[1].data).toEqual({
      unitId,
      version: 2,
      name: '北京市东城区民政局（新）',
      kind: 'STATE_ORGAN',
      jurisdiction: '110101',
      level: 'COUNTY',
      previousName: '北京市东城区民政局',
      previousKind: 'STATE_ORGAN',
      previousJurisdiction: '110101',
      reason: '机构改革更名',
      changedAt: '2026-03-02T08:00:00.000Z',
    });
  });

  it('Idempotency-Key: a retry returns the original contract (200, nothing published); a different body → 409; concurrent first attempts create one', async () => {
    clock.set(new Date('2026-03-02T08:00:00.000Z'));
    const { uscc } = await register();
    const unitA = purchaserOf('purchaser-idem', '110108', 'unit-haidian-mca');
    const key = { 'Idempotency-Key': `contract-${randomUUID()}` };
    const signedCount = () => ds.getRepository(OutboxMessageOrmEntity).count({ where: { messageKey: uscc, eventType: ContractSigned.type } });

    const first = await call('POST', '/contracts', unitA, contractBody(uscc), key);
    expect(first.status).toBe(201);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    // Same key, same body (members in another order): the original, answered 200, nothing new published.
    const { supplierUscc, ...rest } = contractBody(uscc);
    const retry = await call('POST', '/contracts', unitA, { ...rest, supplierUscc }, key);
    expect(retry).toMatchObject({ status: 200, body: { id: first.body.id } });
    expect(retry.body).toEqual(first.body);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(await signedCount()).toBe(1);

    const reused = await call('POST', '/contracts', unitA, contractBody(uscc, { valueFen: 12_000_001 }), key);
    expect(reused).toMatchObject({ status: 409, body: { code: 'PURCHASING.IDEMPOTENCY_KEY_REUSED', errors: [{ field: 'Idempotency-Key' }] } });
    expect(await signedCount()).toBe(1);
    expect(await ds.getRepository(PurchasingContractOrmEntity).count({ where: { supplierUscc: uscc } })).toBe(1);

    // Keys are per principal: another purchaser's same key is its own request.
    const other = await call('POST', '/contracts', purchaserOf('purchaser-idem-2', '110108', 'unit-haidian-mca'), contractBody(uscc), key);
    expect(other.status).toBe(201);
    expect(other.body.id).not.toBe(first.body.id);

    // Two concurrent first attempts with a fresh key: the unique index admits one; the other answers as a retry.
    const fresh = { 'Idempotency-Key': `contract-${randomUUID()}` };
    const racing = await Promise.all([0, 1, 2].map(() => call('POST', '/contracts', unitA, contractBody(uscc, { title: '并发重试' }), fresh)));
    expect(racing.map((r) => r.status).sort()).toEqual([200, 200, 201]);
    expect(new Set(racing.map((r) => r.body.id)).size).toBe(1);
    expect(await signedCount()).toBe(3);

    expect((await call('POST', '/contracts', unitA, contractBody(uscc), { 'Idempotency-Key': 'k'.repeat(101) })).body).toMatchObject({ status: 400, code: 'PURCHASING.IDEMPOTENCY_KEY_INVALID' });
    expect(await ds.getRepository(PurchasingContractOrmEntity).findOneBy({ id: first.body.id })).toMatchObject({ idempotencyKey: key['Idempotency-Key'], requestHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
  });

  it('term limits (Order 102 Art. 24) over HTTP: over one year needs both declarations; three years is the cap', async () => {
    clock.set(new Date('2026-03-02T08:00:00.000Z'));
    const { uscc } = await register();
    const tooLong = await call('POST', '/contracts', purchaser, contractBody(uscc, { termEnd: '2027-04-01' }));
    expect(tooLong).toMatchObject({ status: 422, body: { code: 'PURCHASING.TERM_TOO_LONG', errors: [{ field: 'multiYear.budgetAssured', rule: 'Order 102 Art. 24 (regulations §7.2)' }] } });
    const threeYears = await call('POST', '/contracts', purchaser, contractBody(uscc, { termEnd: '2029-03-31', multiYear: { budgetAssured: true, stableService: true } }));
    expect(threeYears).toMatchObject({ status: 201, body: { multiYear: { budgetAssured: true, stableService: true } } });
    const overThree = await call('POST', '/contracts', purchaser, contractBody(uscc, { termEnd: '2029-04-01', multiYear: { budgetAssured: true, stableService: true } }));
    expect(overThree).toMatchObject({ status: 422, body: { code: 'PURCHASING.TERM_TOO_LONG', errors: [{ field: 'termEnd' }] } });
    expect((await call('POST', '/contracts', purchaser, contractBody(uscc, { termEnd: '2026-03-31' }))).body).toMatchObject({ code: 'PURCHASING.TERM_INVALID' });
    const future = await call('POST', '/contracts', purchaser, contractBody(uscc, { signedAt: '2026-03-03T00:00:00.000Z' }));
    expect(future).toMatchObject({
      status: 400,
      body: { code: 'PURCHASING.SIGNED_IN_FUTURE', detail: 'signedAt lies in the future', errors: [{ field: 'signedAt', rule: 'a contract is recorded once signed', message: 'signedAt must not be after now' }] },
    });
    expect((await call('POST', '/contracts', purchaser, contractBody(uscc, { valueFen: 0 }))).body).toMatchObject({ code: 'VALIDATION.FAILED' });
    const unknown = buildCivilAffairsUscc('SOCIAL_GROUP', '110108', serialBase + 999_999);
    expect((await call('POST', '/contracts', purchaser, contractBody(unknown))).body).toMatchObject({ code: 'PURCHASING.SUPPLIER_UNKNOWN' });
    expect(await ds.getRepository(PurchasingContractOrmEntity).count({ where: { supplierUscc: uscc } })).toBe(1);
  });

  it('civil time over HTTP: Beijing dates beside instants; signing, assessment and grade validity turn at 00:00 Beijing time (16:00Z)', async () => {
    clock.set(new Date('2026-03-02T08:00:00.000Z'));
    // Registered at 01:00 Beijing time on 2 March (17:00Z on 1 March).
    const { uscc } = await register('RELIGION', '2026-03-01T17:00:00.000Z');
    expect(await supplier(uscc)).toMatchObject({ registeredAt: '2026-03-01T17:00:00.000Z', registeredOn: '2026-03-02', asOf: '2026-03-02T08:00:00.000Z', asOfDate: '2026-03-02' });

    // Instants need their offset; civil dates are YYYY-MM-DD.
    const noOffset = await call('POST', '/contracts', purchaser, contractBody(uscc, { signedAt: '2026-03-02T10:00:00' }));
    expect(noOffset).toMatchObject({ status: 400, body: { code: 'VALIDATION.FAILED', errors: [{ field: 'signedAt' }] } });
    expect((await call('POST', '/contracts', purchaser, contractBody(uscc, { termStart: '2026-02-30' }))).body).toMatchObject({ status: 400, code: 'PURCHASING.TERM_INVALID', errors: [{ field: 'termStart' }] });

    // Signed the Beijing day before the registration: refused; at 00:00 Beijing on its day (before the instant): allowed.
    const dayBefore = await call('POST', '/contracts', purchaser, contractBody(uscc, { signedAt: '2026-03-01T15:59:59.999Z' }));
    expect(dayBefore).toMatchObject({ status: 422, body: { code: 'PURCHASING.SIGNED_BEFORE_REGISTRATION', registeredOn: '2026-03-02', signedOn: '2026-03-01' } });
    const oneYear = { termStart: '2026-03-03', termEnd: '2027-03-02' };
    const tooLong = await call('POST', '/contracts', purchaser, contractBody(uscc, { ...oneYear, termEnd: '2027-03-03', signedAt: '2026-03-02T00:00:00+08:00' }));
    expect(tooLong).toMatchObject({ status: 422, body: { code: 'PURCHASING.TERM_TOO_LONG', latestTermEnd: '2027-03-02' } });
    const signed = await call('POST', '/contracts', purchaser, contractBody(uscc, { ...oneYear, signedAt: '2026-03-02T00:00:00+08:00' }));
    expect(signed).toMatchObject({
      status: 201,
      body: { signedAt: '2026-03-01T16:00:00.000Z', signedOn: '2026-03-02', termStart: '2026-03-03', termEnd: '2027-03-02', termStartsAt: '2026-03-02T16:00:00.000Z', termEndsAt: '2027-03-02T16:00:00.000Z' },
    });

    // The term starts at 00:00 Beijing time on 3 March.
    const assess = () => call('POST', `/contracts/${signed.body.id}/performance-assessments`, purchaser, { score: 70, breach: false, summary: '按期开展服务' });
    clock.set(new Date('2026-03-02T15:59:59.999Z'));
    expect(await assess()).toMatchObject({ status: 422, body: { code: 'PURCHASING.ASSESSMENT_BEFORE_TERM', termStartsAt: '2026-03-02T16:00:00.000Z', assessedOn: '2026-03-02' } });
    clock.set(new Date('2026-03-02T16:00:00.000Z'));
    expect(await assess()).toMatchObject({ status: 201, body: { assessedAt: '2026-03-02T16:00:00.000Z', assessedOn: '2026-03-03', outcome: 'QUALIFIED' } });

    // A 3A grade valid from 4 March (Beijing): priority from 2026-03-03T16:00Z.
    const gradeId = randomUUID();
    await send<GradeAwardedV1>('evaluation', GradeAwarded, uscc, {
      gradeId,
      uscc,
      grade: '3A',
      score: 860,
      evaluatingAuthority: '110108',
      announcedAt: '2026-03-02T02:00:00.000Z',
      validFrom: '2026-03-04',
      validUntil: '2031-03-03',
      ruleVersion: 'evaluation/order-39@v1',
    });
    await waitFor(async () => (await ds.getRepository(PurchasingSupplierGradeOrmEntity).findOneBy({ gradeId })) ?? undefined, 60000, 'grade projected');
    clock.set(new Date('2026-03-03T15:59:59.999Z'));
    expect(await supplier(uscc)).toMatchObject({ asOfDate: '2026-03-03', gradeInForce: null, priority: false });
    clock.set(new Date('2026-03-03T16:00:00.000Z'));
    expect(await supplier(uscc)).toMatchObject({
      asOfDate: '2026-03-04',
      gradeInForce: { gradeId, validFrom: '2026-03-04', validUntil: '2031-03-03', validFromStartsAt: '2026-03-03T16:00:00.000Z', validUntilEndsAt: '2031-03-03T16:00:00.000Z' },
      priorityReasons: [{ code: 'GRADE_3A_OR_ABOVE' }],
    });
    clock.set(new Date('2031-03-03T15:59:59.999Z'));
    expect((await supplier(uscc)).priority).toBe(true);
    clock.set(new Date('2031-03-03T16:00:00.000Z'));
    expect(await supplier(uscc)).toMatchObject({ gradeInForce: null, priority: false });
    clock.set(new Date('2026-03-02T08:00:00.000Z'));
  });

  it('local rule sets (issue §2; bands: local practice, §7.2): GET public; POST by a national or covering provincial finance officer; the purchaser\'s most specific rule set decides and is recorded', async () => {
    clock.set(new Date('2026-03-02T08:00:00.000Z')); // 16:00 Beijing, 2 March 2026
    const anonymous = await fetch(`${base}/rule-sets`);
    expect(anonymous.status).toBe(200);
    const listed = ((await anonymous.json()) as { items: Record<string, unknown>[] }).items;
    expect(listed).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ ruleVersion: 'purchasing/100000@v1', jurisdiction: '100000', version: 1, effectiveOn: '2020-03-01', effectiveFrom: '2020-02-29T16:00:00.000Z', bands: null, publishedBy: 'seed' }),
        expect.objectContaining({ ruleVersion: 'purchasing/110000@v1', jurisdiction: '110000', effectiveOn: '2026-03-03', effectiveFrom: '2026-03-02T16:00:00.000Z', bands: SAMPLE_BANDS }),
      ]),
    );

    // Who publishes: finance officers at national or provincial level, within their jurisdiction; local sets only.
    const miyunBands = [
      { minScore: 85, outcome: 'EXCELLENT' },
      { minScore: 50, outcome: 'QUALIFIED' },
      { minScore: 0, outcome: 'UNQUALIFIED' },
    ];
    const body = { effectiveOn: '2026-03-10', bands: miyunBands, source: '密云区 performance practice (test data)' };
    const publish = (jurisdiction: string, bearer: string, b: object = body) => call('POST', `/rule-sets/${jurisdiction}/versions`, bearer, b);
    expect((await fetch(`${base}/rule-sets/110228/versions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })).status).toBe(401);
    expect((await publish('110228', purchaser)).body).toMatchObject({ status: 403, code: 'AUTH.ROLE_REQUIRED' });
    expect((await publish('110228', financeOf('fin-miyun', '110228'))).body).toMatchObject({ status: 403, code: 'PURCHASING.RULE_SET_PUBLISHER_LEVEL' });
    expect((await publish('310104', financeOf('fin-beijing', '110000'))).body).toMatchObject({ status: 403, code: 'AUTH.OUT_OF_JURISDICTION' });
    expect((await publish('100000', financeOf('fin-national', '100000'))).body).toMatchObject({ status: 400, code: 'PURCHASING.RULE_SET_JURISDICTION' });
    expect((await publish('110228', finance, { ...body, effectiveOn: '2026-03-02' })).body).toMatchObject({ status: 400, code: 'PURCHASING.RULE_SET_EFFECTIVE_DATE_NOT_FUTURE', errors: [{ field: 'effectiveOn' }] });
    expect((await publish('110228', finance, { ...body, effectiveOn: '2026-02-30' })).body).toMatchObject({ status: 400, code: 'VALIDATION.FAILED', errors: [{ field: 'effectiveOn' }] });
    expect((await publish('110228', finance, { ...body, bands: [{ minScore: 60, outcome: 'QUALIFIED' }] })).body).toMatchObject({ status: 400, code: 'PURCHASING.RULE_SET_BANDS_INVALID' });
    expect((await publish('110228', finance, { ...body, bands: [{ minScore: 0, outcome: 'NOT_BANDED' }] })).body).toMatchObject({ status: 400, code: 'VALIDATION.FAILED' });

    const miyun = await publish('110228', financeOf('fin-national', '100000'));
    expect(miyun).toMatchObject({ status: 201, body: { ruleVersion: 'purchasing/110228@v1', ruleSetId: 'purchasing/110228', jurisdiction: '110228', version: 1, effectiveOn: '2026-03-10', bands: miyunBands, publishedBy: 'fin-national' } });
    const again = await publish('110228', finance, { ...body, effectiveOn: '2026-06-01', bands: [{ minScore: 0, outcome: 'QUALIFIED' }] });
    expect(again).toMatchObject({ status: 201, body: { ruleVersion: 'purchasing/110228@v2', version: 2, publishedBy: 'finance-officer-int' } });
    expect(await ds.getRepository(PurchasingRuleSetVersionOrmEntity).findBy({ ruleSetId: 'purchasing/110228' })).toHaveLength(2);

    // Contracts signed 1 March (before any local version): the national default records purchasing/100000@v1.
    const { uscc } = await register();
    const miyunPurchaser = purchaserOf('purchaser-miyun', '110228', 'unit-miyun-mca');
    const shanghaiPurchaser = purchaserOf('purchaser-shanghai', '310104', 'unit-xuhui-mca');
    const miyunContract = await call('POST', '/contracts', miyunPurchaser, contractBody(uscc, { purchaser: '北京市密云区民政局' }));
    const shanghaiContract = await call('POST', '/contracts', shanghaiPurchaser, contractBody(uscc, { purchaser: '上海市徐汇区民政局' }));
    for (const c of [miyunContract, shanghaiContract]) expect(c).toMatchObject({ status: 201, body: { ruleVersion: 'purchasing/100000@v1' } });
    const assess = (id: string, bearer: string, score: number) => call('POST', `/contracts/${id}/performance-assessments`, bearer, { score, breach: false, summary: '阶段验收' });

    // 9 April (Beijing): Miyun's v1 is in force for its purchaser and is more specific than Beijing's.
    clock.set(new Date('2026-04-09T02:00:00.000Z'));
    expect(await assess(miyunContract.body.id, miyunPurchaser, 55)).toMatchObject({ status: 201, body: { score: 55, outcome: 'QUALIFIED', outcomeBasis: 'BAND', ruleVersion: 'purchasing/110228@v1' } });
    // Shanghai has no local version: the national default does not band; the score is recorded, outcome NOT_BANDED.
    const unbanded = await assess(shanghaiContract.body.id, shanghaiPurchaser, 55);
    expect(unbanded).toMatchObject({ status: 201, body: { score: 55, outcome: 'NOT_BANDED', outcomeBasis: 'NO_BANDING_RULE', ruleVersion: 'purchasing/100000@v1' } });
    // From 1 June (Beijing) Miyun's v2 decides.
    clock.set(new Date('2026-05-31T16:00:00.000Z'));
    expect(await assess(miyunContract.body.id, miyunPurchaser, 99)).toMatchObject({ status: 201, body: { outcome: 'QUALIFIED', ruleVersion: 'purchasing/110228@v2' } });

    // The events carry the outcome and the rule set version (policyversion too).
    const events = (await ds.getRepository(OutboxMessageOrmEntity).find({ where: { messageKey: uscc, eventType: ContractPerformanceAssessed.type } })).map(
      (r) => JSON.parse(r.envelope) as CloudEvent<ContractPerformanceAssessedV1>,
    );
    expect(events.map((e) => [e.data.contractId === miyunContract.body.id ? 'miyun' : 'shanghai', e.data.outcome, e.data.ruleVersion, e.policyversion]).sort()).toEqual([
      ['miyun', 'QUALIFIED', 'purchasing/110228@v1', 'purchasing/110228@v1'],
      ['miyun', 'QUALIFIED', 'purchasing/110228@v2', 'purchasing/110228@v2'],
      ['shanghai', 'NOT_BANDED', 'purchasing/100000@v1', 'purchasing/100000@v1'],
    ]);
    expect((await call('GET', `/contracts/${shanghaiContract.body.id}`, auditor)).body).toMatchObject({ assessments: [{ outcome: 'NOT_BANDED', outcomeBasis: 'NO_BANDING_RULE', score: 55 }] });
    clock.set(new Date('2026-03-02T08:00:00.000Z'));
  });

  it('GET /errors lists every purchasing code with its status and meaning, beside the platform codes', async () => {
    const res = await call('GET', '/errors', auditor);
    expect(res.status).toBe(200);
    const codes = res.body.codes as { code: string; status: number; kind: string; meaning: string }[];
    const byCode = new Map(codes.map((c) => [c.code, c]));
    expect(byCode.get('PURCHASING.TERM_TOO_LONG')).toMatchObject({ status: 422, kind: 'REFUSED', meaning: expect.stringContaining('Order 102 Art. 24') });
    expect(byCode.get('PURCHASING.IDEMPOTENCY_KEY_INVALID')).toMatchObject({ status: 400 });
    expect(byCode.get('PURCHASING.NOT_THE_PURCHASER')).toMatchObject({ status: 403 });
    expect(byCode.get('PURCHASING.CONTRACT_NOT_FOUND')).toMatchObject({ status: 404 });
    expect(byCode.get('PURCHASING.IDEMPOTENCY_KEY_REUSED')).toMatchObject({ status: 409 });
    expect(byCode.get('AUTH.ROLE_REQUIRED')).toMatchObject({ status: 403 });
    expect(byCode.get('PURCHASING.RULE_SET_PUBLISHER_LEVEL')).toMatchObject({ status: 403 });
    expect(byCode.get('PURCHASING.PURCHASER_NOT_REGISTERED')).toMatchObject({ status: 403 });
    expect(byCode.get('PURCHASING.ORGAN_NOT_FOUND')).toMatchObject({ status: 404 });
    expect(byCode.get('PURCHASING.BIDS_SEALED')).toMatchObject({ status: 409 });
    expect(byCode.get('PURCHASING.NEGATIVE_LIST_ITEM')).toMatchObject({ status: 422 });
    // Every declared code is listed (the count grows with each slice; purchasing.errors.spec pins each code's kind).
    expect(codes.filter((c) => c.code.startsWith('PURCHASING.'))).toHaveLength(definitionsOf(PurchasingErrors).length);
    expect(definitionsOf(PurchasingErrors).length).toBeGreaterThanOrEqual(60);
  });

  it('a 3A grade in force → priority; a replacement supersedes it; lowered below 3A → none; redelivery changes nothing', async () => {
    clock.set(new Date('2026-03-02T08:00:00.000Z'));
    const { uscc } = await register('RELIGION'); // no category priority: the grade is the only reason
    expect((await supplier(uscc)).priorityReasons).toEqual([]);
    const firstId = randomUUID();
    const awarded = await send<GradeAwardedV1>('evaluation', GradeAwarded, uscc, {
      gradeId: firstId,
      uscc,
      grade: '3A',
      score: 860,
      evaluatingAuthority: '110108',
      announcedAt: '2025-12-20T00:00:00.000Z',
      validFrom: '2026-01-01',
      validUntil: '2030-12-31',
      ruleVersion: 'evaluation/order-39@v1',
    });
    const prioritised = await waitSupplier(uscc, (s) => s['priority'] === true, 'grade priority');
    expect(prioritised).toMatchObject({ gradeInForce: { gradeId: firstId, grade: '3A' }, priorityReasons: [{ code: 'GRADE_3A_OR_ABOVE' }] });

    const before = await snapshot(uscc);
    await duplicateSeen(() => redeliver(GradeAwarded, awarded));
    expect(await snapshot(uscc)).toEqual(before);

    const secondId = randomUUID();
    await send<GradeAwardedV1>('evaluation', GradeAwarded, uscc, {
      gradeId: secondId,
      uscc,
      grade: '4A',
      score: 920,
      evaluatingAuthority: '110108',
      announcedAt: '2026-02-20T00:00:00.000Z',
      validFrom: '2026-03-01',
      validUntil: '2031-02-28',
      replacesGradeId: firstId,
      ruleVersion: 'evaluation/order-39@v1',
    });
    await waitSupplier(uscc, (s) => (s['gradeInForce'] as { gradeId?: string } | null)?.gradeId === secondId, 'replacement in force');
    expect(await ds.getRepository(PurchasingSupplierGradeOrmEntity).findOneBy({ gradeId: firstId })).toMatchObject({ supersededByGradeId: secondId, supersededFrom: '2026-03-01' });

    const adjusted = await send<GradeAdjustedV1>('evaluation', GradeAdjusted, uscc, {
      gradeId: secondId,
      uscc,
      previousGrade: '4A',
      newGrade: '2A',
      reason: 'ADMINISTRATIVE_PENALTY',
      explanation: '受到行政处罚',
      effectiveAt: '2026-03-01T12:00:00.000Z',
      evidence: [],
      ruleVersion: 'evaluation/order-39@v1',
    });
    const lowered = await waitSupplier(uscc, (s) => s['priority'] === false, 'lowered below 3A');
    expect(lowered).toMatchObject({ gradeInForce: { gradeId: secondId, grade: '2A', awardedGrade: '4A', lowered: true }, priorityReasons: [] });
    const afterAdjust = await snapshot(uscc);
    await duplicateSeen(() => redeliver(GradeAdjusted, adjusted));
    expect(await snapshot(uscc)).toEqual(afterAdjust);
  });

  it('NO_PURCHASE_OF_SERVICES bars signing (naming the measure ruleVersion); a later set without it allows it again; revoked / deregistered refuse; redelivery changes nothing', async () => {
    clock.set(new Date('2026-03-02T08:00:00.000Z'));
    const { uscc, event: registered } = await register();
    const barring = await measuresEvent(uscc, ['SERIOUS'], ['KEY_SUPERVISION', 'NO_FUNDING', 'NO_PURCHASE_OF_SERVICES', 'NO_HONOURS', 'GRADE_DOWNGRADE_REFERENCE'], '2026-03-01T00:00:00.000Z');
    const barred = await waitSupplier(uscc, (s) => s['barred'] === true, 'barred by credit');
    expect(barred).toMatchObject({ barringMeasures: ['NO_PURCHASE_OF_SERVICES'], jointMeasures: { lists: ['SERIOUS'], ruleVersion: 'credit-lists/order-60@v1' } });

    const refused = await call('POST', '/contracts', purchaser, contractBody(uscc));
    expect(refused).toMatchObject({
      status: 422,
      body: {
        code: 'PURCHASING.SUPPLIER_BARRED',
        measureRuleVersion: 'credit-lists/order-60@v1',
        measures: ['NO_PURCHASE_OF_SERVICES'],
        errors: [{ field: 'supplierUscc', rule: 'credit joint measure NO_PURCHASE_OF_SERVICES (regulations §5.3) under credit-lists/order-60@v1' }],
      },
    });
    expect(await ds.getRepository(OutboxMessageOrmEntity).count({ where: { messageKey: uscc } })).toBe(0); // refused: nothing published

    await measuresEvent(uscc, [], [], '2026-03-02T00:00:00.000Z');
    await waitSupplier(uscc, (s) => s['barred'] === false, 'measures lifted');
    expect((await call('POST', '/contracts', purchaser, contractBody(uscc))).status).toBe(201);

    // The barring set delivered again (same envelope): the inbox stops it; the current (empty) set stays.
    const before = await snapshot(uscc);
    await duplicateSeen(() => redeliver(JointMeasuresChanged, barring));
    expect(await snapshot(uscc)).toEqual(before);
    expect((await supplier(uscc)).barred).toBe(false);

    await send<OrganizationRevokedV1>('registration', OrganizationRevoked, uscc, {
      uscc,
      registeringAuthority: '110108',
      reason: '弄虚作假骗取登记',
      legalBasis: '民办非企业单位登记管理暂行条例 第二十五条',
      revokedAt: '2026-03-02T00:00:00.000Z',
    });
    await waitSupplier(uscc, (s) => s['status'] === 'REVOKED', 'revoked');
    expect((await call('POST', '/contracts', purchaser, contractBody(uscc))).body).toMatchObject({ status: 422, code: 'PURCHASING.SUPPLIER_NOT_ACTIVE', supplierStatus: 'REVOKED' });

    // A registration re-published with a new id (an outbox replay) updates the register fields but never reactivates.
    await send<OrganizationRegisteredV1>('registration', OrganizationRegistered, uscc, registered.data);
    await duplicateSeen(() => redeliver(OrganizationRegistered, registered));
    expect((await supplier(uscc)).status).toBe('REVOKED');

    const deregistered = await send<OrganizationDeregisteredV1>('registration', OrganizationDeregistered, uscc, {
      uscc,
      registeringAuthority: '110108',
      reason: '撤销登记后清算完毕',
      liquidationCompletedOn: '2026-03-01',
      filedLate: false,
      deregisteredAt: '2026-03-02T06:00:00.000Z',
    });
    await waitSupplier(uscc, (s) => s['status'] === 'DEREGISTERED', 'deregistered');
    const final = await snapshot(uscc);
    await duplicateSeen(() => redeliver(OrganizationDeregistered, deregistered));
    expect(await snapshot(uscc)).toEqual(final);
    // None of this test's events was dead-lettered (the group reads the shared topics from the beginning, so
    // other suites' poison messages may be in its dead-letter topic).
    const { events: deadLetters } = await readTopicsToEnd(testKafkaBrokers(), [`${groupId}.dlq`]);
    expect(deadLetters.filter((e) => e.subject === uscc)).toEqual([]);
  });
});
