import { randomBytes, randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  allTopicSpecs,
  BidReceived,
  BidsScored,
  BidWithdrawn,
  EligibilityEvaluated,
  GradeAwarded,
  JointMeasuresChanged,
  ProcurementAwarded,
  type GradeAwardedV1,
  type JointMeasuresChangedV1,
  type OrganizationCategory,
  OrganizationRegistered,
  ProcurementAmended,
  ProcurementCancelled,
  ProcurementNoticePublished,
  type OrganizationRegisteredV1,
} from '@sop/contracts';
import { createHttpApp, startServices } from '@sop/http';
import { buildCloudEvent, dataschemaOf, EventChain, KafkaTransport, OutboxMessageOrmEntity, type CloudEvent, type Subscription } from '@sop/messaging';
import { dropDatabase } from '@sop/persistence';
import { testKafkaBrokers, testMysqlConfig, uniqueName, waitFor } from '@sop/testing';
import { buildCivilAffairsUscc, MovableClock } from '@sop/util';
import { PurchasingBidOrmEntity } from './infrastructure/purchasing.orm-entities';
import { ServicePurchasingModule } from './service-purchasing.module';
import { httpCaller, TEST_AUTH, tokenOf } from './test-support/http-client.fixture';
import { organizationRegisteredData } from './test-support/organization-registered.fixture';

const producers = EventChain.detached();

const DAY = 24 * 3600 * 1000;
const BEIJING_CATALOGUE = {
  effectiveOn: '2026-03-02',
  items: [
    { code: 'BJ-ELDERLY', name: '居家养老上门服务', category: 'PUBLIC_SERVICE' },
    { code: 'BJ-EVAL', name: '第三方评估', category: 'AUXILIARY_SERVICE' },
  ],
  negativeList: [{ code: 'BJ-NEG', name: '机关自身人员招聘', article: 'Order 102 Art. 10(5); 北京市负面清单 第2项' }],
  source: '北京市政府购买服务指导性目录 (test data)',
};
const scoring = { priceWeight: 30, criteria: [{ name: '服务方案', weight: 50, maxPoints: 50 }, { name: '团队与经验', weight: 20, maxPoints: 20 }] };

/**
 * Budgets, the guiding catalogue and negative list, procurement notices and sealed bids on real MySQL/MariaDB and
 * Kafka, over HTTP (issue 11, first slice).
 */
describe('service purchasing: budgets, catalogue, procurement notices and sealed bids (MySQL + Kafka)', () => {
  const db = testMysqlConfig('purchasing_proc');
  const transport = new KafkaTransport({ brokers: testKafkaBrokers(), clientId: uniqueName('purchasing-proc-int') });
  const start = new Date('2026-03-02T08:00:00.000Z');
  const clock = new MovableClock(start);
  const groupId = uniqueName('purchasing-proc-int-group');
  const finance = tokenOf('fin-beijing', ['finance-officer'], '110000');
  const financeShanghai = tokenOf('fin-shanghai', ['finance-officer'], '310000');
  const purchaser = tokenOf('purchaser-haidian', ['purchaser'], '110000', { unitId: 'unit-haidian-mca' });
  const otherPurchaser = tokenOf('purchaser-xuhui', ['purchaser'], '310000', { unitId: 'unit-xuhui-mca' });
  const auditor = tokenOf('auditor-1', ['auditor'], '100000');
  const serialBase = Math.floor(Math.random() * 800_000_000);
  let serial = 0;
  let app: INestApplication;
  let base: string;
  let ds: DataSource;
  let observer: Subscription;
  const onKafka: CloudEvent[] = [];
  const savedKey = process.env['PURCHASING_BID_KEY'];

  const call = httpCaller(() => base);

  /** An organization registered (as registration's relay would publish it) and known to purchasing. */
  async function organization(category?: OrganizationCategory): Promise<string> {
    const uscc = buildCivilAffairsUscc('SOCIAL_SERVICE_ORGANIZATION', '110108', serialBase + ++serial);
    const data = organizationRegisteredData(uscc, { name: `社区服务中心${serialBase}-${serial}`, ...(category ? { category } : {}) });
    const event = producers.next(
      buildCloudEvent('registration', dataschemaOf(OrganizationRegistered), { type: OrganizationRegistered.type, subject: uscc, data }, clock.now()),
    );
    await transport.publish([{ topic: OrganizationRegistered.topic, key: uscc, value: JSON.stringify(event as CloudEvent<OrganizationRegisteredV1>) }]);
    await waitFor(async () => ((await call('GET', `/suppliers/${uscc}`, purchaser)).status === 200 ? true : undefined), 60000, `supplier ${uscc}`);
    return uscc;
  }

  /** Credit's joint measures for `uscc`, as credit's relay would publish them; resolves once purchasing applied them. */
  async function listed(uscc: string, lists: string[], measures: string[]): Promise<string> {
    const data: JointMeasuresChangedV1 = { uscc, lists, measures, effectiveFrom: clock.now().toISOString(), ruleVersion: 'credit-lists/order-60@v1' };
    const event = producers.next(buildCloudEvent('credit-supervision', dataschemaOf(JointMeasuresChanged), { type: JointMeasuresChanged.type, subject: uscc, data }, clock.now()));
    await transport.publish([{ topic: JointMeasuresChanged.topic, key: uscc, value: JSON.stringify(event) }]);
    await waitFor(async () => ((await call('GET', `/suppliers/${uscc}`, purchaser)).body.barred === measures.includes('NO_PURCHASE_OF_SERVICES') ? true : undefined), 60000, `measures of ${uscc}`);
    return event.id;
  }

  /** An evaluation grade (as evaluation's relay would publish it) valid through 2030; resolves once purchasing has it in force. */
  async function graded(uscc: string, grade: GradeAwardedV1['grade']): Promise<string> {
    const gradeId = randomUUID();
    const data: GradeAwardedV1 = { gradeId, uscc, grade, score: 800, evaluatingAuthority: '110108', announcedAt: '2026-01-01T00:00:00.000Z', validFrom: '2026-01-01', validUntil: '2030-12-31', ruleVersion: 'evaluation/order-39@v1' };
    const event = producers.next(buildCloudEvent('evaluation', dataschemaOf(GradeAwarded), { type: GradeAwarded.type, subject: uscc, data }, clock.now()));
    await transport.publish([{ topic: GradeAwarded.topic, key: uscc, value: JSON.stringify(event) }]);
    await waitFor(async () => ((await call('GET', `/suppliers/${uscc}`, purchaser)).body.gradeInForce?.gradeId === gradeId ? true : undefined), 60000, `grade of ${uscc}`);
    return gradeId;
  }

  async function budgetLine(lineCode: string, amountFen: number): Promise<string> {
    const r = await call('POST', '/budgets', finance, { organUnitId: 'unit-haidian-mca', fiscalYear: 2026, lineCode, description: '养老服务购买', amountFen });
    if (r.status !== 201) throw new Error(`budget line: ${JSON.stringify(r.body)}`);
    return r.body.id;
  }

  const notice = (budgetLineId: string, over: Record<string, unknown> = {}) => ({
    title: '海淀区社区居家养老服务项目',
    description: '为辖区老年人提供居家养老上门服务',
    method: 'OPEN_TENDERING',
    catalogueItemCode: 'BJ-ELDERLY',
    budgetLineId,
    estimatedFen: 300_000,
    qualificationRequirements: { noMajorViolationYears: 3, minimumGrade: '3A' },
    scoring,
    bidDeadline: new Date(start.getTime() + 25 * DAY).toISOString().replace('Z', '+00:00'),
    ...over,
  });

  beforeAll(async () => {
    process.env['PURCHASING_BID_KEY'] = randomBytes(32).toString('base64');
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
    // Beijing's guiding catalogue and negative list (test data), in force from today (Beijing date of `start`).
    const beijing = await call('POST', '/catalogues/110000/versions', finance, BEIJING_CATALOGUE);
    if (beijing.status !== 201) throw new Error(`publishing Beijing's catalogue: ${JSON.stringify(beijing.body)}`);
    for (const [unitId, name, jurisdiction, officer] of [
      ['unit-haidian-mca', '北京市海淀区民政局', '110108', finance],
      ['unit-xuhui-mca', '上海市徐汇区民政局', '310104', financeShanghai],
    ]) {
      const organ = await call('POST', '/organs', officer, { unitId, name, kind: 'STATE_ORGAN', jurisdiction });
      if (organ.status !== 201) throw new Error(`registering ${unitId}: ${JSON.stringify(organ.body)}`);
    }
    observer = await transport.subscribe({ groupId: uniqueName('purchasing-proc-observer'), topics: [ProcurementNoticePublished.topic], fromBeginning: true }, async (m) => {
      onKafka.push(JSON.parse(m.value?.toString('utf8') ?? '{}') as CloudEvent);
    });
  });

  afterAll(async () => {
    await observer?.stop();
    await app?.close();
    await transport.close();
    await dropDatabase(db);
    if (savedKey === undefined) delete process.env['PURCHASING_BID_KEY'];
    else process.env['PURCHASING_BID_KEY'] = savedKey;
  });

  it('budget lines: created by a finance officer covering the organ, read by it, the organ’s purchasers and auditors only', async () => {
    const id = await budgetLine('2080208-01', 1_000_000);
    expect(await call('POST', '/budgets', finance, { organUnitId: 'unit-haidian-mca', fiscalYear: 2026, lineCode: '2080208-01', description: 'x', amountFen: 1 })).toMatchObject({
      status: 409,
      body: { code: 'PURCHASING.BUDGET_LINE_EXISTS', budgetLineId: id },
    });
    expect((await call('POST', '/budgets', financeShanghai, { organUnitId: 'unit-haidian-mca', fiscalYear: 2026, lineCode: 'SH-1', description: 'x', amountFen: 1 })).body).toMatchObject({ code: 'PURCHASING.ORGAN_NOT_FOUND' });
    expect((await call('POST', '/budgets', purchaser, { organUnitId: 'unit-haidian-mca', fiscalYear: 2026, lineCode: 'P-1', description: 'x', amountFen: 1 })).status).toBe(403);
    expect((await call('POST', '/budgets', finance, { organUnitId: 'unit-haidian-mca', fiscalYear: 2026, lineCode: 'Z-1', description: 'x', amountFen: 0 })).body).toMatchObject({ code: 'VALIDATION.FAILED' });
    const expected = { id, amountFen: 1_000_000, committedFen: 0, paidFen: 0, remainingFen: 1_000_000, organUnitId: 'unit-haidian-mca', organJurisdiction: '110108' };
    for (const reader of [finance, purchaser, auditor]) expect(await call('GET', `/budgets/${id}`, reader)).toMatchObject({ status: 200, body: expected });
    for (const outsider of [financeShanghai, otherPurchaser]) expect(await call('GET', `/budgets/${id}`, outsider)).toMatchObject({ status: 404, body: { code: 'PURCHASING.BUDGET_LINE_NOT_FOUND' } });
  });

  it('catalogue: public versions; the most specific one in force applies; a negative-list item is refused naming item and article', async () => {
    const listed = await call('GET', '/catalogues?jurisdiction=310104', null);
    expect(listed.status).toBe(200);
    expect(listed.body.inForce.catalogueVersion).toBe('catalogue/100000@v1');
    expect(listed.body.versions.map((v: { catalogueVersion: string }) => v.catalogueVersion)).toEqual(expect.arrayContaining(['catalogue/100000@v1', 'catalogue/110000@v1']));
    expect((await call('GET', '/catalogues?jurisdiction=110108', null)).body.inForce.catalogueVersion).toBe('catalogue/110000@v1');
    const haidian = { ...BEIJING_CATALOGUE, effectiveOn: '2026-03-03', items: [{ code: 'HD-ONLY', name: '海淀区特色服务', category: 'PUBLIC_SERVICE' }], source: '海淀区目录 (test data)' };
    expect((await call('POST', '/catalogues/110108/versions', finance, { ...haidian, effectiveOn: '2026-03-01' })).body).toMatchObject({ status: 400, code: 'PURCHASING.CATALOGUE_EFFECTIVE_DATE_PAST' });
    expect((await call('POST', '/catalogues/110108/versions', financeShanghai, haidian)).status).toBe(403);
    expect((await call('POST', '/catalogues/110108/versions', purchaser, haidian)).status).toBe(403);
    expect(await call('POST', '/catalogues/110108/versions', finance, haidian)).toMatchObject({ status: 201, body: { catalogueVersion: 'catalogue/110108@v1', effectiveOn: '2026-03-03' } });
    // Haidian's version applies from 00:00 Beijing time on 3 March (16:00Z on the 2nd), to Haidian's organs only.
    expect((await call('GET', '/catalogues?jurisdiction=110108', null)).body.inForce.catalogueVersion).toBe('catalogue/110000@v1');
    clock.set(new Date('2026-03-02T16:00:00.000Z'));
    expect((await call('GET', '/catalogues?jurisdiction=110108', null)).body.inForce.catalogueVersion).toBe('catalogue/110108@v1');
    expect((await call('GET', '/catalogues?jurisdiction=110228', null)).body.inForce.catalogueVersion).toBe('catalogue/110000@v1');
    const hdLine = await budgetLine('CAT-HD', 1_000_000);
    expect(await call('POST', '/procurements', purchaser, notice(hdLine, { catalogueItemCode: 'BJ-ELDERLY' }))).toMatchObject({ status: 422, body: { code: 'PURCHASING.CATALOGUE_ITEM_UNKNOWN', catalogueVersion: 'catalogue/110108@v1' } });
    clock.set(start);

    const line = await budgetLine('CAT-1', 1_000_000);
    expect(await call('POST', '/procurements', purchaser, notice(line, { catalogueItemCode: 'BJ-NEG' }))).toMatchObject({
      status: 422,
      body: { code: 'PURCHASING.NEGATIVE_LIST_ITEM', item: { code: 'BJ-NEG' }, article: 'Order 102 Art. 10(5); 北京市负面清单 第2项', errors: [{ field: 'catalogueItemCode' }] },
    });
    expect(await call('POST', '/procurements', purchaser, notice(line, { catalogueItemCode: 'N10-4' }))).toMatchObject({ status: 422, body: { code: 'PURCHASING.NEGATIVE_LIST_ITEM', article: 'Order 102 Art. 10(4)' } });
    // Beijing's version replaces the national items for Beijing's organs.
    expect(await call('POST', '/procurements', purchaser, notice(line, { catalogueItemCode: 'PS-ELDERLY-CARE' }))).toMatchObject({ status: 422, body: { code: 'PURCHASING.CATALOGUE_ITEM_UNKNOWN', catalogueVersion: 'catalogue/110000@v1' } });
    // Nothing was committed by the refusals.
    expect((await call('GET', `/budgets/${line}`, finance)).body.committedFen).toBe(0);
  });

  it('notice: validation, the open-tender 20 days, commitment against the budget, ocid, event on purchasing.procurement.v1; amendments and cancellation', async () => {
    const line = await budgetLine('N-1', 1_000_000);
    expect(await call('POST', '/procurements', purchaser, notice(line, { bidDeadline: new Date(start.getTime() + 19 * DAY).toISOString() }))).toMatchObject({
      status: 422,
      body: { code: 'PURCHASING.DEADLINE_TOO_EARLY', earliestDeadline: new Date(start.getTime() + 20 * DAY).toISOString(), errors: [{ field: 'bidDeadline' }] },
    });
    expect(await call('POST', '/procurements', purchaser, notice(line, { method: 'SINGLE_SOURCE' }))).toMatchObject({ status: 400, body: { code: 'PURCHASING.JUSTIFICATION_REQUIRED' } });
    expect(await call('POST', '/procurements', purchaser, notice(line, { scoring: { priceWeight: 20, criteria: scoring.criteria } }))).toMatchObject({ status: 400, body: { code: 'PURCHASING.SCORING_INVALID' } });
    expect(await call('POST', '/procurements', purchaser, notice(line, { bidDeadline: '2026-04-01T10:00:00' }))).toMatchObject({ status: 400, body: { code: 'VALIDATION.FAILED' } });
    // A required nested object left out is a 400 naming it (it used to reach the controller: 500).
    expect(await call('POST', '/procurements', purchaser, notice(line, { qualificationRequirements: undefined }))).toMatchObject({ status: 400, body: { code: 'VALIDATION.FAILED', errors: [{ field: 'qualificationRequirements' }] } });
    expect(await call('POST', '/procurements', purchaser, notice(line, { estimatedFen: 1_000_001 }))).toMatchObject({ status: 422, body: { code: 'PURCHASING.BUDGET_EXCEEDED', remainingFen: 1_000_000 } });
    expect((await call('POST', '/procurements', otherPurchaser, notice(line, { catalogueItemCode: 'PS-ELDERLY-CARE' }))).body).toMatchObject({ code: 'PURCHASING.BUDGET_LINE_NOT_FOUND' });
    expect((await call('POST', '/procurements', finance, notice(line))).status).toBe(403);

    const published = await call('POST', '/procurements', purchaser, notice(line));
    expect(published).toMatchObject({ status: 201, body: { status: 'OPEN', method: 'OPEN_TENDERING', catalogueVersion: 'catalogue/110000@v1', estimatedFen: 300_000, minimumPeriod: { days: 20, confirmed: true } } });
    const id = published.body.id as string;
    expect(published.body.ocid).toBe(`ocds-sopdev-${id}`);
    expect(published.body.qualificationRequirements).toEqual({ registeredAndActive: true, notOnSeriousList: true, noMajorViolationYears: 3, minimumGrade: '3A', other: [] });
    expect((await call('GET', `/budgets/${line}`, finance)).body).toMatchObject({ committedFen: 300_000, remainingFen: 700_000 });
    expect(await call('GET', `/procurements/${id}`, null)).toMatchObject({ status: 200, body: { id, ocid: published.body.ocid } });
    expect((await call('GET', '/procurements?jurisdiction=110000', null)).body.items.map((p: { id: string }) => p.id)).toContain(id);
    const onBroker = await waitFor(() => onKafka.find((e) => e.type === ProcurementNoticePublished.type && e.subject === id), 60000, 'notice on Kafka');
    expect(onBroker).toMatchObject({ source: 'service-purchasing', data: { procurementId: id, ocid: published.body.ocid, estimatedFen: 300_000, minimumPeriodDays: 20, budgetLineId: line } });

    // A material amendment 10 days in: the deadline moves so 20 days run again from the amendment.
    clock.set(new Date(start.getTime() + 10 * DAY));
    expect((await call('POST', `/procurements/${id}/amendments`, otherPurchaser, { reasons: ['x'], scoring: { ...scoring, priceWeight: 40, criteria: [{ name: '服务方案', weight: 60, maxPoints: 60 }] } })).body).toMatchObject({
      code: 'PURCHASING.NOT_THE_PURCHASER',
    });
    expect(await call('POST', `/procurements/${id}/amendments`, purchaser, { reasons: ['补充评分细则'] })).toMatchObject({ status: 400, body: { code: 'PURCHASING.AMENDMENT_EMPTY' } });
    const amended = await call('POST', `/procurements/${id}/amendments`, purchaser, { reasons: ['调整评分办法'], scoring: { priceWeight: 40, criteria: [{ name: '服务方案', weight: 60, maxPoints: 60 }] } });
    expect(amended).toMatchObject({ status: 201, body: { bidDeadline: new Date(start.getTime() + 30 * DAY).toISOString(), amendments: [{ number: 1, material: true, changed: ['scoring', 'bidDeadline'], reasons: ['调整评分办法'] }] } });

    const cancelled = await call('POST', `/procurements/${id}/cancellation`, purchaser, { reasons: ['预算调整'] });
    expect(cancelled).toMatchObject({ status: 200, body: { status: 'CANCELLED', cancellation: { reasons: ['预算调整'] } } });
    expect((await call('GET', `/budgets/${line}`, finance)).body).toMatchObject({ committedFen: 0, remainingFen: 1_000_000 });
    expect((await call('POST', `/procurements/${id}/cancellation`, purchaser, { reasons: ['again'] })).body).toMatchObject({ code: 'PURCHASING.PROCUREMENT_CANCELLED' });
    const types = (await ds.getRepository(OutboxMessageOrmEntity).find({ where: { messageKey: id }, order: { id: 'ASC' } })).map((r) => r.eventType);
    expect(types).toEqual([ProcurementNoticePublished.type, ProcurementAmended.type, ProcurementCancelled.type]);
    clock.set(start);
  });

  it('concurrent notices against one line never overspend it (row locked in the transaction)', async () => {
    const line = await budgetLine('PAR-1', 100_000);
    const results = await Promise.all(Array.from({ length: 10 }, () => call('POST', '/procurements', purchaser, notice(line, { estimatedFen: 30_000 }))));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(3);
    expect(results.filter((r) => r.status !== 201).map((r) => r.body.code)).toEqual(Array(7).fill('PURCHASING.BUDGET_EXCEEDED'));
    expect((await call('GET', `/budgets/${line}`, auditor)).body).toMatchObject({ amountFen: 100_000, committedFen: 90_000, remainingFen: 10_000 });
  });

  it('sealed bids: unreadable to everyone before the deadline (and in the database), the bidder reads its own, opened after the deadline', async () => {
    const line = await budgetLine('BID-1', 1_000_000);
    const p = await call('POST', '/procurements', purchaser, notice(line));
    const id = p.body.id as string;
    const deadline = new Date(p.body.bidDeadline);
    const [orgA, orgB] = [await organization(), await organization()];
    const repA = tokenOf('rep-a', ['org-representative'], '110108', { organizationUscc: orgA });
    const repB = tokenOf('rep-b', ['org-representative'], '110108', { organizationUscc: orgB });
    const stranger = tokenOf('rep-x', ['org-representative'], '110108', { organizationUscc: buildCivilAffairsUscc('SOCIAL_SERVICE_ORGANIZATION', '110108', serialBase + 9_999) });
    const bidA = { priceFen: 287_654, technicalProposal: '甲方案：每周上门三次，配备专职社工', declarations: ['近三年无重大违法记录'] };

    expect(await call('POST', `/procurements/${id}/bids`, stranger, bidA)).toMatchObject({ status: 422, body: { code: 'PURCHASING.SUPPLIER_UNKNOWN' } });
    expect((await call('POST', `/procurements/${id}/bids`, purchaser, bidA)).status).toBe(403);
    expect(await call('POST', `/procurements/${id}/bids`, repA, { ...bidA, priceFen: 1 })).toMatchObject({ status: 201, body: { submission: 1, status: 'SUBMITTED' } });
    const replaced = await call('POST', `/procurements/${id}/bids`, repA, bidA);
    expect(replaced).toMatchObject({ status: 201, body: { submission: 2, content: bidA } });
    expect(await call('POST', `/procurements/${id}/bids`, repB, { priceFen: 250_000, technicalProposal: '乙方案', declarations: [] })).toMatchObject({ status: 201 });

    // Sealed: the purchaser, auditors and finance officers cannot read; the bidder reads its own only.
    for (const reader of [purchaser, auditor]) expect(await call('GET', `/procurements/${id}/bids`, reader)).toMatchObject({ status: 409, body: { code: 'PURCHASING.BIDS_SEALED', bidDeadline: deadline.toISOString() } });
    expect((await call('GET', `/procurements/${id}/bids`, finance)).status).toBe(403);
    expect(await call('GET', `/procurements/${id}/bids/mine`, repA)).toMatchObject({ status: 200, body: { bidderUscc: orgA, content: bidA } });
    expect((await call('GET', `/procurements/${id}/bids/mine`, repB)).body.content.technicalProposal).toBe('乙方案');
    expect(JSON.stringify((await call('GET', `/procurements/${id}`, null)).body)).not.toContain('287654');
    // …and in the database: ciphertext only.
    const rows = await ds.getRepository(PurchasingBidOrmEntity).find({ where: { procurementId: id } });
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      expect(row.sealed).toMatch(/^sb1\./);
      expect(JSON.stringify(row)).not.toContain('287654');
      expect(JSON.stringify(row)).not.toContain('方案');
    }
    // Events name bidder and time, never content.
    const received = (await ds.getRepository(OutboxMessageOrmEntity).find({ where: { messageKey: id, eventType: BidReceived.type } })).map((r) => JSON.parse(r.envelope).data);
    expect(received).toHaveLength(3);
    for (const data of received) expect(Object.keys(data).sort()).toEqual(['bidId', 'bidderUscc', 'ocid', 'procurementId', 'receivedAt', 'submission']);

    expect(await call('POST', `/procurements/${id}/bids/mine/withdrawal`, repB)).toMatchObject({ status: 200, body: { status: 'WITHDRAWN', content: null } });
    expect(await call('POST', `/procurements/${id}/bids/mine/withdrawal`, repB)).toMatchObject({ status: 404, body: { code: 'PURCHASING.BID_NOT_FOUND' } });
    expect(await ds.getRepository(OutboxMessageOrmEntity).count({ where: { messageKey: id, eventType: BidWithdrawn.type } })).toBe(1);

    // At the deadline: no more bids; the purchaser and auditors open them; another organ's purchaser never.
    clock.set(deadline);
    expect(await call('POST', `/procurements/${id}/bids`, repA, bidA)).toMatchObject({ status: 409, body: { code: 'PURCHASING.PROCUREMENT_CLOSED' } });
    expect(await call('POST', `/procurements/${id}/amendments`, purchaser, { reasons: ['x'], bidDeadline: new Date(deadline.getTime() + DAY).toISOString() })).toMatchObject({ status: 409, body: { code: 'PURCHASING.PROCUREMENT_CLOSED' } });
    const opened = await call('GET', `/procurements/${id}/bids`, purchaser);
    expect(opened.status).toBe(200);
    const byBidder = Object.fromEntries(opened.body.bids.map((b: { bidderUscc: string }) => [b.bidderUscc, b]));
    expect(byBidder[orgA]).toMatchObject({ status: 'SUBMITTED', submission: 2, content: bidA });
    expect(byBidder[orgB]).toMatchObject({ status: 'WITHDRAWN', content: null });
    expect((await call('GET', `/procurements/${id}/bids`, auditor)).status).toBe(200);
    expect(await call('GET', `/procurements/${id}/bids`, otherPurchaser)).toMatchObject({ status: 403, body: { code: 'PURCHASING.NOT_THE_PURCHASER' } });
    clock.set(start);
  });

  it('eligibility frozen at the deadline and at award, scoring, award with standstill: an organization listed between deadline and award is refused with that evidence', async () => {
    const line = await budgetLine('AWD-1', 1_000_000);
    const p = await call('POST', '/procurements', purchaser, notice(line, { qualificationRequirements: { noMajorViolationYears: 3 } }));
    expect(p.status).toBe(201);
    const id = p.body.id as string;
    const deadline = new Date(p.body.bidDeadline);
    const [orgA, orgB, orgC] = [await organization(), await organization(), await organization()];
    const rep = (uscc: string) => tokenOf(`rep-${uscc}`, ['org-representative'], '110108', { organizationUscc: uscc });
    const listedBefore = await listed(orgC, ['SERIOUS'], ['NO_PURCHASE_OF_SERVICES']);
    for (const [org, priceFen] of [[orgA, 300_000], [orgB, 250_000], [orgC, 200_000]] as const)
      expect((await call('POST', `/procurements/${id}/bids`, rep(org), { priceFen, technicalProposal: `方案-${org}`, declarations: [] })).status).toBe(201);
    const marks = (uscc: string, plan: number, team: number) => ({ bidderUscc: uscc, quality: [{ criterion: '服务方案', points: plan }, { criterion: '团队与经验', points: team }] });

    // Before the deadline: nothing is scored, nothing awarded.
    expect(await call('POST', `/procurements/${id}/scores`, purchaser, { scores: [marks(orgA, 50, 20)] })).toMatchObject({ status: 409, body: { code: 'PURCHASING.BIDS_SEALED' } });
    expect(await call('GET', `/procurements/${id}/award`, null)).toMatchObject({ status: 404, body: { code: 'PURCHASING.AWARD_NOT_FOUND' } });

    // After the deadline the first opening records the evaluation at the deadline (frozen: a second opening returns the same).
    clock.set(new Date(deadline.getTime() + 3600_000));
    const opened = await call('GET', `/procurements/${id}/bids`, purchaser);
    expect(opened.status).toBe(200);
    const atDeadline = opened.body.eligibilityAtDeadline;
    expect(atDeadline).toMatchObject({ stage: 'DEADLINE', asOf: deadline.toISOString(), ruleVersion: 'purchasing/100000@v1' });
    const verdict = Object.fromEntries(atDeadline.bidders.map((b: { bidderUscc: string }) => [b.bidderUscc, b]));
    expect(verdict[orgA]).toMatchObject({ eligible: true });
    expect(verdict[orgC]).toMatchObject({ eligible: false });
    expect(verdict[orgC].rules).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ rule: 'NOT_BARRED_FROM_PURCHASE', outcome: 'FAIL', evidence: expect.objectContaining({ measuresEventId: listedBefore, lists: ['SERIOUS'] }) }),
        expect.objectContaining({ rule: 'ANNUAL_REPORT', outcome: 'NOT_EVALUATED' }),
      ]),
    );
    expect((await call('GET', `/procurements/${id}/bids`, auditor)).body.eligibilityAtDeadline).toEqual(atDeadline);

    // Scoring: the procurement's purchaser only; exactly the bids eligible at the deadline; points within the max.
    expect(await call('POST', `/procurements/${id}/scores`, otherPurchaser, { scores: [marks(orgA, 50, 20), marks(orgB, 30, 10)] })).toMatchObject({ status: 403 });
    expect(await call('POST', `/procurements/${id}/scores`, purchaser, { scores: [marks(orgA, 50, 20), marks(orgB, 30, 10), marks(orgC, 50, 20)] })).toMatchObject({
      status: 400,
      body: { code: 'PURCHASING.SCORES_INVALID', errors: [{ field: 'scores.2.bidderUscc' }] },
    });
    expect(await call('POST', `/procurements/${id}/scores`, purchaser, { scores: [marks(orgA, 51, 20), marks(orgB, 30, 10)] })).toMatchObject({
      status: 400,
      body: { code: 'PURCHASING.SCORES_INVALID', errors: [{ field: 'scores.0.quality.0.points' }] },
    });
    expect(await call('POST', `/procurements/${id}/scores`, purchaser, { scores: [{ bidderUscc: orgA, quality: [{ criterion: '服务方案', points: -1 }] }] })).toMatchObject({ status: 400, body: { code: 'VALIDATION.FAILED' } });
    const scored = await call('POST', `/procurements/${id}/scores`, purchaser, { scores: [marks(orgA, 50, 20), marks(orgB, 30, 10)] });
    expect(scored.status).toBe(201);
    // price: lowest eligible 250,000 / 300,000 × 30 = 25 for A, 30 for B (C's 200,000 is not eligible and not the benchmark)
    expect(scored.body).toMatchObject({ lowestPriceFen: 250_000, ruleVersion: 'purchasing/100000@v1' });
    expect(scored.body.bids.map((b: { bidderUscc: string; priceScore: number; qualityScore: number; total: number; rank: number }) => [b.bidderUscc, b.priceScore, b.qualityScore, b.total, b.rank])).toEqual([
      [orgA, 25, 70, 95, 1],
      [orgB, 30, 40, 70, 2],
    ]);
    expect(await call('POST', `/procurements/${id}/scores`, purchaser, { scores: [marks(orgA, 50, 20), marks(orgB, 30, 10)] })).toMatchObject({ status: 409, body: { code: 'PURCHASING.ALREADY_SCORED' } });
    expect((await call('GET', `/procurements/${id}/scores`, auditor)).body.bids).toHaveLength(2);

    // A is listed after the deadline, before the award: naming it is refused with the credit event as evidence.
    clock.set(new Date(deadline.getTime() + 2 * DAY));
    const listedAfter = await listed(orgA, ['SERIOUS'], ['NO_PURCHASE_OF_SERVICES']);
    const refused = await call('POST', `/procurements/${id}/award`, purchaser, { reasons: ['综合得分最高'], bidderUscc: orgA });
    expect(refused).toMatchObject({ status: 422, body: { code: 'PURCHASING.INELIGIBLE_AT_AWARD', errors: [{ field: 'bidderUscc', message: expect.stringMatching(/^NOT_BARRED_FROM_PURCHASE/) }, { field: 'bidderUscc', message: expect.stringMatching(/^NO_MAJOR_VIOLATION/) }] } });
    expect(refused.body.failed).toEqual(expect.arrayContaining([expect.objectContaining({ rule: 'NOT_BARRED_FROM_PURCHASE', evidence: expect.objectContaining({ measuresEventId: listedAfter }) })]));
    expect(await call('POST', `/procurements/${id}/award`, purchaser, { reasons: [] })).toMatchObject({ status: 400, body: { code: 'VALIDATION.FAILED' } });
    expect((await call('POST', `/procurements/${id}/award`, otherPurchaser, { reasons: ['x'] })).status).toBe(403);

    const awarded = await call('POST', `/procurements/${id}/award`, purchaser, { reasons: ['有效投标中综合得分最高'] });
    expect(awarded).toMatchObject({ status: 201, body: { winner: { bidderUscc: orgB, total: 70 }, bidCount: 3, standstill: { days: 7, confirmed: false } } });
    expect(awarded.body.standstill.endsAt).toBe(new Date(deadline.getTime() + 9 * DAY).toISOString());
    expect(awarded.body.eligibilityAtAward).toMatchObject({ stage: 'AWARD', asOf: clock.now().toISOString() });
    expect(awarded.body.refusedAtAward).toEqual([{ bidderUscc: orgA, failed: expect.arrayContaining([expect.objectContaining({ rule: 'NOT_BARRED_FROM_PURCHASE', evidence: expect.objectContaining({ measuresEventId: listedAfter }) })]) }]);
    expect(await call('POST', `/procurements/${id}/award`, purchaser, { reasons: ['again'] })).toMatchObject({ status: 409, body: { code: 'PURCHASING.ALREADY_AWARDED' } });
    expect(await call('POST', `/procurements/${id}/cancellation`, purchaser, { reasons: ['x'] })).toMatchObject({ status: 409, body: { code: 'PURCHASING.ALREADY_AWARDED' } });

    // The public award notice: the winner's evaluation per rule at the deadline and at award, the count of bids, nothing of the losing bids.
    const pub = await call('GET', `/procurements/${id}/award`, null);
    expect(pub).toMatchObject({ status: 200, body: { supplierUscc: orgB, priceFen: 250_000, bidCount: 3, scores: { total: 70 }, reasons: ['有效投标中综合得分最高'] } });
    expect(pub.body.eligibility.atDeadline).toMatchObject({ asOf: deadline.toISOString(), eligible: true });
    expect(pub.body.eligibility.atAward).toMatchObject({ eligible: true, rules: expect.arrayContaining([expect.objectContaining({ rule: 'NOT_BARRED_FROM_PURCHASE', outcome: 'PASS' })]) });
    const text = JSON.stringify(pub.body);
    for (const secret of ['300000', '200000', `方案-${orgA}`, orgA, orgC]) expect(text).not.toContain(secret);

    const types = (await ds.getRepository(OutboxMessageOrmEntity).find({ where: { messageKey: id }, order: { id: 'ASC' } })).map((r) => r.eventType).filter((t) => t !== BidReceived.type);
    expect(types).toEqual([ProcurementNoticePublished.type, EligibilityEvaluated.type, BidsScored.type, EligibilityEvaluated.type, ProcurementAwarded.type]);
    const awardEvent = await waitFor(() => onKafka.find((e) => e.type === ProcurementAwarded.type && e.subject === id), 60000, 'award on Kafka');
    expect(awardEvent).toMatchObject({ source: 'service-purchasing', data: { supplierUscc: orgB, bidCount: 3, standstillEndsAt: awarded.body.standstill.endsAt } });
    clock.set(start);
  });

  it('a minimum grade refuses an ungraded bidder at the deadline with the evidence; equal totals go to the 3A+ bidder (priority under equal conditions)', async () => {
    const line = await budgetLine('AWD-2', 1_000_000);
    const p = await call('POST', '/procurements', purchaser, notice(line, { qualificationRequirements: { minimumGrade: '2A' } }));
    const id = p.body.id as string;
    const deadline = new Date(p.body.bidDeadline);
    const [three, two, none] = [await organization('OTHER'), await organization('OTHER'), await organization('OTHER')];
    const gradeThree = await graded(three, '3A');
    await graded(two, '2A');
    for (const org of [three, two, none])
      expect((await call('POST', `/procurements/${id}/bids`, tokenOf(`rep-${org}`, ['org-representative'], '110108', { organizationUscc: org }), { priceFen: 280_000, technicalProposal: '方案', declarations: [] })).status).toBe(201);
    clock.set(new Date(deadline.getTime() + 1000));
    const marks = (uscc: string) => ({ bidderUscc: uscc, quality: [{ criterion: '服务方案', points: 40 }, { criterion: '团队与经验', points: 15 }] });
    // the ungraded bidder is not eligible at the deadline, so it cannot be scored
    expect(await call('POST', `/procurements/${id}/scores`, purchaser, { scores: [marks(three), marks(two), marks(none)] })).toMatchObject({ status: 400, body: { code: 'PURCHASING.SCORES_INVALID' } });
    const scored = await call('POST', `/procurements/${id}/scores`, purchaser, { scores: [marks(two), marks(three)] });
    expect(scored.status).toBe(201);
    const deadlineVerdict = scored.body.eligibilityAtDeadline.bidders.find((b: { bidderUscc: string }) => b.bidderUscc === none);
    expect(deadlineVerdict).toMatchObject({ eligible: false, rules: expect.arrayContaining([expect.objectContaining({ rule: 'MINIMUM_GRADE', outcome: 'FAIL', evidence: { minimumGrade: '2A', grade: null } })]) });
    // 40/50×50 + 15/20×20 + 30 = 40 + 15 + 30 = 85 each; the 3A bidder ranks first by priority
    expect(scored.body.bids.map((b: { bidderUscc: string; total: number; rank: number; priority: { code: string }[] }) => [b.bidderUscc, b.total, b.rank, b.priority.map((x) => x.code)])).toEqual([
      [three, 85, 1, ['GRADE_3A_OR_ABOVE']],
      [two, 85, 2, []],
    ]);
    expect(await call('POST', `/procurements/${id}/award`, purchaser, { reasons: ['x'], bidderUscc: two })).toMatchObject({ status: 422, body: { code: 'PURCHASING.AWARD_DEVIATION_REFUSED', errors: [{ field: 'bidderUscc' }] } });
    const awarded = await call('POST', `/procurements/${id}/award`, purchaser, { reasons: ['综合得分相同，按同等条件优先（3A以上）'] });
    expect(awarded).toMatchObject({ status: 201, body: { winner: { bidderUscc: three, priority: [{ code: 'GRADE_3A_OR_ABOVE' }] }, bidCount: 3 } });
    const pub = await call('GET', `/procurements/${id}/award`, null);
    expect(pub.body.eligibility.atAward.rules).toEqual(
      expect.arrayContaining([expect.objectContaining({ rule: 'MINIMUM_GRADE', outcome: 'PASS', evidence: expect.objectContaining({ grade: expect.objectContaining({ gradeId: gradeThree, grade: '3A', validUntil: '2030-12-31' }) }) })]),
    );
    clock.set(start);
  });

  it('frozen once under concurrency: 6 parallel first openings record one deadline evaluation; 4 parallel scorings and awards commit one each', async () => {
    const line = await budgetLine('AWD-3', 1_000_000);
    const p = await call('POST', '/procurements', purchaser, notice(line, { qualificationRequirements: {} }));
    const id = p.body.id as string;
    const [a, b] = [await organization(), await organization()];
    for (const [org, priceFen] of [[a, 200_000], [b, 210_000]] as const)
      expect((await call('POST', `/procurements/${id}/bids`, tokenOf(`rep-${org}`, ['org-representative'], '110108', { organizationUscc: org }), { priceFen, technicalProposal: '方案', declarations: [] })).status).toBe(201);
    clock.set(new Date(new Date(p.body.bidDeadline).getTime() + 1000));
    const openings = await Promise.all(Array.from({ length: 6 }, (_, i) => call('GET', `/procurements/${id}/bids`, i % 2 ? auditor : purchaser)));
    expect(openings.map((o) => o.status)).toEqual(Array(6).fill(200));
    expect(new Set(openings.map((o) => JSON.stringify(o.body.eligibilityAtDeadline))).size).toBe(1);
    const count = (type: string) => ds.getRepository(OutboxMessageOrmEntity).count({ where: { messageKey: id, eventType: type } });
    expect(await count(EligibilityEvaluated.type)).toBe(1);

    const marks = (uscc: string) => ({ bidderUscc: uscc, quality: [{ criterion: '服务方案', points: 45 }, { criterion: '团队与经验', points: 18 }] });
    const scorings = await Promise.all(Array.from({ length: 4 }, () => call('POST', `/procurements/${id}/scores`, purchaser, { scores: [marks(a), marks(b)] })));
    expect(scorings.map((r) => r.status).sort()).toEqual([201, 409, 409, 409]);
    const awards = await Promise.all(Array.from({ length: 4 }, () => call('POST', `/procurements/${id}/award`, purchaser, { reasons: ['综合得分最高'] })));
    expect(awards.map((r) => r.status).sort()).toEqual([201, 409, 409, 409]);
    expect(awards.find((r) => r.status === 201)?.body.winner.bidderUscc).toBe(a);
    expect(awards.filter((r) => r.status === 409).map((r) => r.body.code)).toEqual(Array(3).fill('PURCHASING.ALREADY_AWARDED'));
    expect([await count(EligibilityEvaluated.type), await count(BidsScored.type), await count(ProcurementAwarded.type)]).toEqual([2, 1, 1]);
    clock.set(start);
  });
});
