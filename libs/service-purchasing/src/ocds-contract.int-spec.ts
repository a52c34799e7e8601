import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { allTopicSpecs, ContractSigned, ContractTerminated, MilestoneAccepted, OrganizationRegistered, PaymentMade, ProcurementAwarded, ProcurementNoticePublished } from '@sop/contracts';
import { createHttpApp, startServices } from '@sop/http';
import { buildCloudEvent, dataschemaOf, EventChain, KafkaTransport, OutboxMessageOrmEntity, type CloudEvent, type Subscription } from '@sop/messaging';
import { dropDatabase } from '@sop/persistence';
import { testKafkaBrokers, testMysqlConfig, uniqueName, waitFor } from '@sop/testing';
import { buildCivilAffairsUscc, MovableClock } from '@sop/util';
import { ocdsViolations } from './domain/ocds/ocds-schema.validator';
import { PurchasingOcdsReleaseOrmEntity } from './infrastructure/ocds/ocds-release.orm-entities';
import { ServicePurchasingModule } from './service-purchasing.module';
import { httpCaller, TEST_AUTH, tokenOf } from './test-support/http-client.fixture';
import { organizationRegisteredData } from './test-support/organization-registered.fixture';

const DAY = 24 * 3600 * 1000;
const PUBLIC_BASE = 'https://open-data.test.invalid/purchasing';
const content = {
  serviceContent: '为辖区老年人提供居家养老上门服务',
  quantity: '200户，每户每月4次',
  qualityStandards: '符合居家养老服务规范',
  paymentSchedule: '按里程碑验收合格后支付',
  rightsAndObligations: '见合同第5条',
  assessmentMethod: '按绩效评价指标打分',
  breachLiability: '违约方承担违约金并赔偿损失',
};

interface Release {
  id: string;
  ocid: string;
  tag: string[];
  date: string;
  [k: string]: unknown;
}

interface Tendered {
  id: string;
  ocid: string;
  winner: string;
  loser: string;
  contractId: string;
  /** Bid content that must never be published: the losing bidder, its price, both technical proposals, the bid ids. */
  secrets: string[];
}

/**
 * OCDS contract publication on real MySQL/MariaDB and Kafka (issue 11 item 6, the contract half): open tenders from
 * the notice through the contract to the final payment, and to a termination, each step's release frozen in its own
 * transaction; release and record packages checked against the OCDS 1.1 schema; stand-alone contracts publish nothing.
 */
describe('service purchasing: OCDS contract and implementation releases (MySQL + Kafka)', () => {
  const db = testMysqlConfig('purchasing_ocds_contract');
  const transport = new KafkaTransport({ brokers: testKafkaBrokers(), clientId: uniqueName('purchasing-ocds-contract-int') });
  const start = new Date('2026-03-02T08:00:00.000Z');
  const clock = new MovableClock(start);
  const producers = EventChain.detached();
  const finance = tokenOf('fin-beijing', ['finance-officer'], '110000');
  const purchaser = tokenOf('purchaser-haidian', ['purchaser'], '110000', { unitId: 'unit-haidian-mca' });
  const serialBase = Math.floor(Math.random() * 800_000_000);
  let serial = 0;
  let app: INestApplication;
  let base: string;
  let ds: DataSource;
  let observer: Subscription;
  const onKafka: CloudEvent[] = [];
  const saved = { key: process.env['PURCHASING_BID_KEY'], url: process.env['PURCHASING_OCDS_BASE_URL'] };
  const call = httpCaller(() => base);
  const rep = (uscc: string) => tokenOf(`rep-${uscc}`, ['org-representative'], '110108', { organizationUscc: uscc });
  const releaseRows = async (procurementId?: string) =>
    ds.getRepository(PurchasingOcdsReleaseOrmEntity).find({ where: procurementId ? { procurementId } : {}, order: { sequence: 'ASC' } });
  /** Event ids from the outbox by key, in commit order: [type, id]. */
  const outbox = async (key: string) => (await ds.getRepository(OutboxMessageOrmEntity).find({ where: { messageKey: key }, order: { id: 'ASC' } })).map((r) => [r.eventType, r.eventId] as const);

  async function organization(): Promise<string> {
    const uscc = buildCivilAffairsUscc('SOCIAL_SERVICE_ORGANIZATION', '110108', serialBase + ++serial);
    const data = organizationRegisteredData(uscc, { name: `居家养老服务中心${serialBase}-${serial}` });
    const event = producers.next(buildCloudEvent('registration', dataschemaOf(OrganizationRegistered), { type: OrganizationRegistered.type, subject: uscc, data }, clock.now()));
    await transport.publish([{ topic: OrganizationRegistered.topic, key: uscc, value: JSON.stringify(event) }]);
    await waitFor(async () => ((await call('GET', `/suppliers/${uscc}`, purchaser)).status === 200 ? true : undefined), 60000, `supplier ${uscc}`);
    return uscc;
  }

  /** Notice → two bids → deadline → scoring → award → standstill → contract with these milestones (clock moves from `from`). */
  async function tenderToContract(from: Date, lineCode: string, prices: [number, number], milestones: { sequence: number; title: string; deliverables: string[]; dueOn: string; amountFen: number }[], term: [string, string]): Promise<Tendered> {
    clock.set(from);
    const line = await call('POST', '/budgets', finance, { organUnitId: 'unit-haidian-mca', fiscalYear: 2026, lineCode, description: '2026年社区养老服务购买经费', amountFen: 10_000_000 });
    expect(line.status).toBe(201);
    const notice = await call('POST', '/procurements', purchaser, {
      title: `海淀区社区居家养老服务项目 ${lineCode}`,
      description: '为辖区老年人提供居家养老上门服务',
      method: 'OPEN_TENDERING',
      catalogueItemCode: 'PS-ELDERLY-CARE',
      budgetLineId: line.body.id,
      estimatedFen: 3_000_000,
      qualificationRequirements: { noMajorViolationYears: 3 },
      scoring: { priceWeight: 30, criteria: [{ name: '服务方案', weight: 50, maxPoints: 50 }, { name: '团队与经验', weight: 20, maxPoints: 20 }] },
      bidDeadline: new Date(from.getTime() + 25 * DAY).toISOString(),
    });
    expect(notice.status).toBe(201);
    const id = notice.body.id as string;
    const [winner, loser] = [await organization(), await organization()];
    const proposals = [`甲方案-${lineCode}：每周上门三次`, `乙方案-${lineCode}：每周上门两次`];
    const bidIds: string[] = [];
    for (const [i, org] of [winner, loser].entries()) {
      const bid = await call('POST', `/procurements/${id}/bids`, rep(org), { priceFen: prices[i], technicalProposal: proposals[i], declarations: [] });
      expect(bid.status).toBe(201);
      const bidId = bid.body.id ?? bid.body.bidId;
      expect(typeof bidId).toBe('string');
      bidIds.push(bidId);
    }
    clock.set(new Date(from.getTime() + 26 * DAY));
    const marks = (uscc: string, plan: number) => ({ bidderUscc: uscc, quality: [{ criterion: '服务方案', points: plan }, { criterion: '团队与经验', points: 15 }] });
    expect((await call('POST', `/procurements/${id}/scores`, purchaser, { scores: [marks(winner, 48), marks(loser, 20)] })).status).toBe(201);
    const award = await call('POST', `/procurements/${id}/award`, purchaser, { reasons: ['综合得分最高'] });
    expect(award).toMatchObject({ status: 201, body: { winner: { bidderUscc: winner, priceFen: prices[0] } } });
    const standstillEndsAt = new Date(award.body.standstill.endsAt);
    clock.set(new Date(standstillEndsAt.getTime() + 2 * 3600_000));
    const signed = await call('POST', `/procurements/${id}/contract`, purchaser, {
      content,
      termStart: term[0],
      termEnd: term[1],
      signedAt: new Date(standstillEndsAt.getTime() + 3600_000).toISOString(),
      milestones,
    });
    expect(signed).toMatchObject({ status: 201, body: { supplierUscc: winner, valueFen: prices[0], ocid: notice.body.ocid } });
    const yuan = (fen: number) => (fen / 100).toFixed(2).replace(/\.?0+$/, '');
    return { id, ocid: notice.body.ocid, winner, loser, contractId: signed.body.id, secrets: [loser, String(prices[1]), yuan(prices[1]), ...proposals, '甲方案', '乙方案', 'technicalProposal', 'priceScore', ...bidIds] };
  }

  beforeAll(async () => {
    process.env['PURCHASING_BID_KEY'] = randomBytes(32).toString('base64');
    process.env['PURCHASING_OCDS_BASE_URL'] = PUBLIC_BASE;
    await transport.ensureTopics(allTopicSpecs());
    app = await createHttpApp([ServicePurchasingModule.register({ db, transport, clock, migrateOnStart: true, createDatabase: true }, { consumerGroupId: uniqueName('purchasing-ocds-contract-group') })], TEST_AUTH, []);
    await startServices(app);
    await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    ds = app.get(DataSource, { strict: false });
    expect((await call('POST', '/organs', finance, { unitId: 'unit-haidian-mca', name: '北京市海淀区民政局', kind: 'STATE_ORGAN', jurisdiction: '110108' })).status).toBe(201);
    observer = await transport.subscribe({ groupId: uniqueName('purchasing-ocds-contract-observer'), topics: [ContractSigned.topic], fromBeginning: true }, async (m) => {
      onKafka.push(JSON.parse(m.value?.toString('utf8') ?? '{}') as CloudEvent);
    });
  }, 120_000);

  afterAll(async () => {
    await observer?.stop();
    await app?.close();
    await transport.close();
    await dropDatabase(db);
    for (const [name, value] of [['PURCHASING_BID_KEY', saved.key], ['PURCHASING_OCDS_BASE_URL', saved.url]] as const) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });

  /** Every release package and the record package of the ocid: 0 schema violations; the releases of the process. */
  async function published(ocid: string) {
    const pkg = await call('GET', `/ocds/releases?ocid=${ocid}`, null);
    expect(pkg.status).toBe(200);
    expect(ocdsViolations('releasePackage', pkg.body)).toEqual([]);
    const releases = pkg.body.releases as Release[];
    for (const r of releases) {
      const one = await call('GET', `/ocds/releases/${r.id}`, null);
      expect(one.status).toBe(200);
      expect(ocdsViolations('releasePackage', one.body)).toEqual([]);
    }
    const recordPkg = await call('GET', `/ocds/records/${ocid}`, null);
    expect(recordPkg.status).toBe(200);
    expect(ocdsViolations('recordPackage', recordPkg.body)).toEqual([]);
    const raw = await (await fetch(`${base}/ocds/records/${ocid}`)).text();
    return { releases, record: recordPkg.body.records[0], raw };
  }

  it('a full open tender from the notice to the final payment: contract and implementation releases in their transactions, the compiled contract met and paid in full', async () => {
    const before = (await releaseRows()).length;
    const milestones = [
      { sequence: 1, title: '入户评估与服务计划', deliverables: ['200户评估报告', '服务计划'], dueOn: '2026-07-31', amountFen: 1_000_001 },
      { sequence: 2, title: '上门服务（上半期）', deliverables: ['服务记录'], dueOn: '2026-12-31', amountFen: 1_000_000 },
      { sequence: 3, title: '上门服务（下半期）与总结', deliverables: ['服务记录', '总结报告'], dueOn: '2027-03-31', amountFen: 876_542 },
    ];
    const t = await tenderToContract(start, 'OCDS-C1', [2_876_543, 2_987_654], milestones, ['2026-04-06', '2027-04-05']);
    const pay = async (sequence: number, amountFen: number) => expect((await call('POST', `/contracts/${t.contractId}/payments`, finance, { sequence, amountFen, paidAt: clock.now().toISOString() })).status).toBe(201);
    const accept = async (sequence: number, passed: boolean, score: number) =>
      expect((await call('POST', `/contracts/${t.contractId}/milestones/${sequence}/acceptance`, purchaser, { passed, score, findings: ['按合同验收'] })).status).toBe(201);

    clock.set(new Date('2026-08-01T02:00:00.000Z'));
    await accept(1, true, 92);
    clock.set(new Date('2026-08-03T02:00:00.000Z'));
    await pay(1, 600_000);
    // A refused payment (beyond the milestone) rolls back with its release.
    const rowsBefore = (await releaseRows(t.id)).length;
    expect((await call('POST', `/contracts/${t.contractId}/payments`, finance, { sequence: 1, amountFen: 400_002, paidAt: clock.now().toISOString() })).body.code).toBe('PURCHASING.MILESTONE_OVERPAID');
    expect(await releaseRows(t.id)).toHaveLength(rowsBefore);
    clock.set(new Date('2026-08-04T02:00:00.000Z'));
    await pay(1, 400_001);
    clock.set(new Date('2027-01-05T02:00:00.000Z'));
    await accept(2, false, 50);
    clock.set(new Date('2027-01-12T02:00:00.000Z'));
    await accept(2, true, 85);
    clock.set(new Date('2027-01-13T02:00:00.000Z'));
    await pay(2, 1_000_000);
    clock.set(new Date('2027-04-01T02:00:00.000Z'));
    await accept(3, true, 80);
    clock.set(new Date('2027-04-02T02:00:00.000Z'));
    const last = await call('POST', `/contracts/${t.contractId}/payments`, finance, { sequence: 3, amountFen: 876_542, paidAt: clock.now().toISOString() });
    expect(last).toMatchObject({ status: 201, body: { contractPaidFen: 2_876_543, contractStatus: 'COMPLETED' } });

    // One release per step, its id the step's event id (notice and award keyed by procurement, contract events by supplier).
    const rows = await releaseRows(t.id);
    const procurementEvents = await outbox(t.id);
    const contractEvents = (await outbox(t.winner)).filter(([type]) => type.startsWith('purchasing.contract.'));
    expect(contractEvents.map(([type]) => type)).toEqual([ContractSigned.type, MilestoneAccepted.type, PaymentMade.type, PaymentMade.type, MilestoneAccepted.type, MilestoneAccepted.type, PaymentMade.type, MilestoneAccepted.type, PaymentMade.type]);
    const idOf = (type: string) => procurementEvents.find(([t2]) => t2 === type)?.[1];
    expect(rows.map((r) => [r.step, r.eventId])).toEqual([
      ['tender', idOf(ProcurementNoticePublished.type)],
      ['award', idOf(ProcurementAwarded.type)],
      ...contractEvents.map(([type, id]) => [type === ContractSigned.type ? 'contract' : 'implementation', id]),
    ]);
    expect(rows.every((r) => r.releaseId === r.eventId && r.ocid === t.ocid)).toBe(true);
    expect((await releaseRows()).length - before).toBe(11);

    const { releases, record, raw } = await published(t.ocid);
    expect(releases.map((r) => r.tag)).toEqual([['tender'], ['award'], ['contract'], ...Array(8).fill(['implementation'])]);
    const dates = releases.map((r) => Date.parse(r.date));
    expect(dates).toEqual([...dates].sort((a, b) => a - b));
    expect(record.releases.map((r: { tag: string[] }) => r.tag[0])).toEqual(['tender', 'award', 'contract', ...Array(8).fill('implementation')]);

    // The contract release: signed, active, every milestone scheduled, no transaction yet.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a release read back as JSON
    const signing = releases[2] as Release & { contracts: Record<string, any>[] };
    expect(signing.contracts[0]).toMatchObject({ id: t.contractId, awardID: releases[1].id, status: 'active', value: { amount: 28765.43, currency: 'CNY' }, period: { startDate: '2026-04-06T00:00:00+08:00', endDate: '2027-04-05T23:59:59+08:00' } });
    expect(signing.contracts[0].implementation.milestones.map((m: { status: string }) => m.status)).toEqual(['scheduled', 'scheduled', 'scheduled']);
    expect(signing.contracts[0].implementation.transactions).toEqual([]);
    // The failed acceptance of milestone 2 was published as not met, the re-acceptance as met.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a release read back as JSON
    const m2 = (r: Release) => (r as Release & { contracts: Record<string, any>[] }).contracts[0].implementation.milestones[1];
    expect([m2(releases[6]).status, m2(releases[7]).status]).toEqual(['notMet', 'met']);
    // Until the completing payment the contract is active; from it on, terminated (OCDS: closed by completion).
    expect(releases.slice(2).map((r) => (r as Release & { contracts: { status: string }[] }).contracts[0].status)).toEqual([...Array(8).fill('active'), 'terminated']);

    // The compiled release: milestones met, transactions from the organ to the supplier summing exactly to what was paid.
    const compiled = record.compiledRelease;
    const c = compiled.contracts[0];
    expect(c).toMatchObject({ id: t.contractId, status: 'terminated', value: { amount: 28765.43, currency: 'CNY' } });
    expect(c.implementation.milestones.map((m: { id: string; status: string; dateMet?: string }) => [m.id, m.status, typeof m.dateMet])).toEqual([
      ['1', 'met', 'string'],
      ['2', 'met', 'string'],
      ['3', 'met', 'string'],
    ]);
    const transactions = c.implementation.transactions as { id: string; value: { amount: number; currency: string }; payer: { id: string }; payee: { id: string } }[];
    expect(transactions).toHaveLength(4);
    expect(transactions.reduce((sum, x) => sum + Math.round(x.value.amount * 100), 0)).toBe(2_876_543);
    for (const x of transactions) expect(x).toMatchObject({ value: { currency: 'CNY' }, payer: { id: 'SOP-PURCHASING-ORGAN-unit-haidian-mca' }, payee: { id: `CN-USCI-${t.winner}` } });
    for (const exact of ['6000', '4000.01', '10000', '8765.42']) expect(raw).toContain(`"value":{"amount":${exact},"currency":"CNY"},"payer"`);
    expect(compiled.parties).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: 'SOP-PURCHASING-ORGAN-unit-haidian-mca', roles: ['buyer', 'procuringEntity', 'payer'] }),
        expect.objectContaining({ id: `CN-USCI-${t.winner}`, identifier: expect.objectContaining({ scheme: 'CN-USCI', id: t.winner }), roles: ['supplier', 'payee'] }),
      ]),
    );

    // Contract releases never carry bid content: not the losing bidder, its price, a proposal, a score or a bid id.
    for (const r of releases.slice(2)) {
      const text = JSON.stringify(r);
      for (const secret of t.secrets) expect(text).not.toContain(secret);
    }
    // The signing's ContractSigned on Kafka names the ocid of the process and is the contract release's id.
    const signedOnKafka = await waitFor(() => onKafka.find((e) => e.type === ContractSigned.type && (e.data as { contractId: string }).contractId === t.contractId), 60000, 'ContractSigned on Kafka');
    expect(signedOnKafka).toMatchObject({ id: releases[2].id, data: { ocid: t.ocid, procurementId: t.id } });
  });

  it('a termination publishes contractTermination with its reasons and the payments made; a stand-alone contract publishes nothing', async () => {
    const milestones = [
      { sequence: 1, title: '上半年服务', deliverables: ['服务记录'], dueOn: '2026-11-30', amountFen: 1_200_000 },
      { sequence: 2, title: '下半年服务', deliverables: ['服务记录', '总结报告'], dueOn: '2027-05-31', amountFen: 1_345_678 },
    ];
    const t = await tenderToContract(new Date('2026-04-01T02:00:00.000Z'), 'OCDS-C2', [2_545_678, 2_700_000], milestones, ['2026-06-01', '2027-05-31']);
    clock.set(new Date('2026-12-02T02:00:00.000Z'));
    expect((await call('POST', `/contracts/${t.contractId}/milestones/1/acceptance`, purchaser, { passed: true, score: 88, findings: ['合格'] })).status).toBe(201);
    clock.set(new Date('2026-12-03T02:00:00.000Z'));
    expect((await call('POST', `/contracts/${t.contractId}/payments`, finance, { sequence: 1, amountFen: 1_200_000, paidAt: clock.now().toISOString() })).status).toBe(201);
    clock.set(new Date('2027-01-10T02:00:00.000Z'));
    const terminated = await call('POST', `/contracts/${t.contractId}/termination`, purchaser, { reasons: ['承接主体服务质量严重不达标', '经催告仍未改正'], cause: 'SUPPLIER_BREACH' });
    expect(terminated).toMatchObject({ status: 201, body: { status: 'TERMINATED', paidFen: 1_200_000, unpaidFen: 1_345_678 } });

    const { releases, record } = await published(t.ocid);
    expect(releases.map((r) => r.tag[0])).toEqual(['tender', 'award', 'contract', 'implementation', 'implementation', 'contractTermination']);
    const [type, terminationEventId] = (await outbox(t.winner)).filter(([x]) => x.startsWith('purchasing.contract.')).slice(-1)[0];
    expect(type).toBe(ContractTerminated.type);
    expect(releases[5].id).toBe(terminationEventId);
    const c = record.compiledRelease.contracts[0];
    expect(c).toMatchObject({ status: 'terminated', documents: [{ id: 'termination', documentType: 'contractArrangements', description: '承接主体服务质量严重不达标；经催告仍未改正', datePublished: '2027-01-10T10:00:00+08:00' }] });
    expect(c.implementation.milestones.map((m: { status: string }) => m.status)).toEqual(['met', 'scheduled']);
    expect(c.implementation.transactions.map((x: { value: { amount: number } }) => x.value.amount)).toEqual([12000]);
    for (const r of releases.slice(2)) for (const secret of t.secrets) expect(JSON.stringify(r)).not.toContain(secret);

    // A stand-alone contract (POST /contracts, no procurement, no ocid): signed, accepted, paid, terminated — no release.
    const count = (await releaseRows()).length;
    const org = await organization();
    clock.set(new Date('2027-02-01T02:00:00.000Z'));
    const alone = await call('POST', '/contracts', purchaser, {
      supplierUscc: org,
      title: '社区助餐服务',
      method: 'COMPETITIVE_CONSULTATION',
      valueFen: 200_000,
      termStart: '2027-02-01',
      termEnd: '2027-12-31',
      signedAt: clock.now().toISOString(),
      milestones: [
        { sequence: 1, title: '上半年', deliverables: ['服务记录'], dueOn: '2027-06-30', amountFen: 120_000 },
        { sequence: 2, title: '下半年', deliverables: ['服务记录'], dueOn: '2027-12-31', amountFen: 80_000 },
      ],
    });
    expect(alone.status).toBe(201);
    expect((await call('POST', `/contracts/${alone.body.id}/milestones/1/acceptance`, purchaser, { passed: true, score: 90, findings: ['合格'] })).status).toBe(201);
    expect((await call('POST', `/contracts/${alone.body.id}/payments`, finance, { sequence: 1, amountFen: 120_000, paidAt: clock.now().toISOString() })).status).toBe(201);
    expect((await call('POST', `/contracts/${alone.body.id}/termination`, purchaser, { reasons: ['合同目的无法实现'], cause: 'MUTUAL_AGREEMENT' })).status).toBe(201);
    expect((await outbox(org)).filter(([x]) => x.startsWith('purchasing.contract.'))).toHaveLength(4);
    expect(await releaseRows()).toHaveLength(count);
  });
});
