import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { allTopicSpecs, OrganizationRegistered, ProcurementAmended, ProcurementAwarded, ProcurementCancelled, ProcurementNoticePublished } from '@sop/contracts';
import { createHttpApp, startServices } from '@sop/http';
import { buildCloudEvent, dataschemaOf, EventChain, KafkaTransport, OutboxMessageOrmEntity } from '@sop/messaging';
import { dropDatabase } from '@sop/persistence';
import { testKafkaBrokers, testMysqlConfig, uniqueName, waitFor } from '@sop/testing';
import { buildCivilAffairsUscc, MovableClock } from '@sop/util';
import { ocdsViolations } from './domain/ocds/ocds-schema.validator';
import { PurchasingOcdsReleaseOrmEntity } from './infrastructure/ocds/ocds-release.orm-entities';
import { ServicePurchasingModule } from './service-purchasing.module';
import { httpCaller, TEST_AUTH, tokenOf } from './test-support/http-client.fixture';
import { organizationRegisteredData } from './test-support/organization-registered.fixture';

const DAY = 24 * 3600 * 1000;
/** The public address the packages name (PURCHASING_OCDS_BASE_URL); the test follows links on its own server. */
const PUBLIC_BASE = 'https://open-data.test.invalid/purchasing';

interface Release {
  id: string;
  ocid: string;
  tag: string[];
  date: string;
  [k: string]: unknown;
}

/**
 * OCDS 1.1 publication on real MySQL/MariaDB and Kafka (issue 11 item 6): releases frozen in the transactions of the
 * notice, amendment, cancellation and award; release packages (paged), record packages and the bulk download over
 * HTTP, each checked against the OCDS 1.1 schema written in this repository.
 */
describe('service purchasing: OCDS 1.1 releases, records and bulk download (MySQL + Kafka)', () => {
  const db = testMysqlConfig('purchasing_ocds');
  const transport = new KafkaTransport({ brokers: testKafkaBrokers(), clientId: uniqueName('purchasing-ocds-int') });
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
  const saved = { key: process.env['PURCHASING_BID_KEY'], url: process.env['PURCHASING_OCDS_BASE_URL'] };
  const call = httpCaller(() => base);
  /** A URL the packages name, fetched from the test's server (same path under the public base). */
  const local = (url: string) => {
    expect(url.startsWith(`${PUBLIC_BASE}/ocds/`)).toBe(true);
    return url.slice(PUBLIC_BASE.length);
  };
  let tendered: { id: string; ocid: string; winner: string; loser: string; events: Record<string, string> };
  let cancelled: { id: string; ocid: string; events: Record<string, string> };

  async function organization(): Promise<string> {
    const uscc = buildCivilAffairsUscc('SOCIAL_SERVICE_ORGANIZATION', '110108', serialBase + ++serial);
    const data = organizationRegisteredData(uscc, { name: `社区服务中心${serialBase}-${serial}` });
    const event = producers.next(buildCloudEvent('registration', dataschemaOf(OrganizationRegistered), { type: OrganizationRegistered.type, subject: uscc, data }, clock.now()));
    await transport.publish([{ topic: OrganizationRegistered.topic, key: uscc, value: JSON.stringify(event) }]);
    await waitFor(async () => ((await call('GET', `/suppliers/${uscc}`, purchaser)).status === 200 ? true : undefined), 60000, `supplier ${uscc}`);
    return uscc;
  }

  const eventIds = async (id: string) =>
    Object.fromEntries((await ds.getRepository(OutboxMessageOrmEntity).find({ where: { messageKey: id }, order: { id: 'ASC' } })).map((r) => [r.eventType, r.eventId]));

  beforeAll(async () => {
    process.env['PURCHASING_BID_KEY'] = randomBytes(32).toString('base64');
    process.env['PURCHASING_OCDS_BASE_URL'] = PUBLIC_BASE;
    await transport.ensureTopics(allTopicSpecs());
    app = await createHttpApp([ServicePurchasingModule.register({ db, transport, clock, migrateOnStart: true, createDatabase: true }, { consumerGroupId: uniqueName('purchasing-ocds-int-group') })], TEST_AUTH, []);
    await startServices(app);
    await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    ds = app.get(DataSource, { strict: false });
    expect((await call('POST', '/organs', finance, { unitId: 'unit-haidian-mca', name: '北京市海淀区民政局', kind: 'STATE_ORGAN', jurisdiction: '110108' })).status).toBe(201);
    const line = await call('POST', '/budgets', finance, { organUnitId: 'unit-haidian-mca', fiscalYear: 2026, lineCode: 'OCDS-1', description: '2026年社区养老服务购买经费', amountFen: 10_000_000 });
    expect(line.status).toBe(201);
    const notice = {
      title: '海淀区社区居家养老服务项目',
      description: '为辖区老年人提供居家养老上门服务',
      method: 'OPEN_TENDERING',
      catalogueItemCode: 'PS-ELDERLY-CARE',
      budgetLineId: line.body.id,
      estimatedFen: 3_000_000,
      qualificationRequirements: { noMajorViolationYears: 3 },
      scoring: { priceWeight: 30, criteria: [{ name: '服务方案', weight: 50, maxPoints: 50 }, { name: '团队与经验', weight: 20, maxPoints: 20 }] },
      bidDeadline: new Date(start.getTime() + 25 * DAY).toISOString(),
    };

    // An open tender: notice → amendment (deadline extended) → two bids → deadline → scoring → award.
    const [winner, loser] = [await organization(), await organization()];
    const p = await call('POST', '/procurements', purchaser, notice);
    expect(p.status).toBe(201);
    const id = p.body.id as string;
    clock.set(new Date(start.getTime() + 5 * DAY));
    const amended = await call('POST', `/procurements/${id}/amendments`, purchaser, { reasons: ['答疑后延长投标截止时间'], bidDeadline: new Date(start.getTime() + 30 * DAY).toISOString() });
    expect(amended.status).toBe(201);
    const rep = (uscc: string) => tokenOf(`rep-${uscc}`, ['org-representative'], '110108', { organizationUscc: uscc });
    expect((await call('POST', `/procurements/${id}/bids`, rep(winner), { priceFen: 2_876_543, technicalProposal: '甲方案：每周上门三次', declarations: [] })).status).toBe(201);
    expect((await call('POST', `/procurements/${id}/bids`, rep(loser), { priceFen: 2_987_654, technicalProposal: '乙方案：每周上门两次', declarations: [] })).status).toBe(201);
    clock.set(new Date(start.getTime() + 30 * DAY + 3600_000));
    const marks = (uscc: string, plan: number) => ({ bidderUscc: uscc, quality: [{ criterion: '服务方案', points: plan }, { criterion: '团队与经验', points: 15 }] });
    expect((await call('POST', `/procurements/${id}/scores`, purchaser, { scores: [marks(winner, 48), marks(loser, 30)] })).status).toBe(201);
    clock.set(new Date(start.getTime() + 31 * DAY));
    const awarded = await call('POST', `/procurements/${id}/award`, purchaser, { reasons: ['综合得分最高'] });
    expect(awarded).toMatchObject({ status: 201, body: { winner: { bidderUscc: winner } } });
    tendered = { id, ocid: p.body.ocid, winner, loser, events: await eventIds(id) };

    // A second notice, cancelled.
    clock.set(new Date(start.getTime() + 32 * DAY));
    const q = await call('POST', '/procurements', purchaser, { ...notice, title: '海淀区助餐服务项目', bidDeadline: new Date(start.getTime() + 60 * DAY).toISOString() });
    expect(q.status).toBe(201);
    clock.set(new Date(start.getTime() + 33 * DAY));
    expect((await call('POST', `/procurements/${q.body.id}/cancellation`, purchaser, { reasons: ['预算调整'] })).status).toBe(200);
    cancelled = { id: q.body.id, ocid: q.body.ocid, events: await eventIds(q.body.id) };
  }, 240_000);

  afterAll(async () => {
    await app?.close();
    await transport.close();
    await dropDatabase(db);
    for (const [name, value] of [['PURCHASING_BID_KEY', saved.key], ['PURCHASING_OCDS_BASE_URL', saved.url]] as const) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });

  it('freezes one release per step in the step’s transaction: tags in order, id = the event id, date = the step', async () => {
    const rows = await ds.getRepository(PurchasingOcdsReleaseOrmEntity).find({ order: { sequence: 'ASC' } });
    expect(rows.map((r) => [r.procurementId, r.step, r.eventId])).toEqual([
      [tendered.id, 'tender', tendered.events[ProcurementNoticePublished.type]],
      [tendered.id, 'tenderAmendment', tendered.events[ProcurementAmended.type]],
      [tendered.id, 'award', tendered.events[ProcurementAwarded.type]],
      [cancelled.id, 'tender', cancelled.events[ProcurementNoticePublished.type]],
      [cancelled.id, 'tenderCancellation', cancelled.events[ProcurementCancelled.type]],
    ]);
    expect(rows.map((r) => r.sequence)).toEqual([1, 2, 3, 4, 5]);
    expect(rows.every((r) => r.releaseId === r.eventId)).toBe(true);
    // A refused step publishes nothing: the cancellation of an awarded procurement rolls back whole.
    expect((await call('POST', `/procurements/${tendered.id}/cancellation`, purchaser, { reasons: ['x'] })).status).toBe(409);
    expect(await ds.getRepository(PurchasingOcdsReleaseOrmEntity).count()).toBe(5);

    const a = await call('GET', `/ocds/releases?ocid=${tendered.ocid}`, null);
    expect(a.status).toBe(200);
    expect(a.headers.get('content-type')).toContain('application/json');
    expect(ocdsViolations('releasePackage', a.body)).toEqual([]);
    expect(a.body.releases.map((r: Release) => r.tag)).toEqual([['tender'], ['tenderAmendment'], ['award']]);
    expect(a.body.releases.map((r: Release) => r.date)).toEqual(['2026-03-02T16:00:00+08:00', '2026-03-07T16:00:00+08:00', '2026-04-02T16:00:00+08:00']);
    expect(a.body.releases[1].tender).toMatchObject({ status: 'active', tenderPeriod: { endDate: '2026-04-01T16:00:00+08:00' }, amendments: [{ id: '1', rationale: '答疑后延长投标截止时间' }] });
    expect(a.body.publisher).toEqual({ name: expect.any(String) });
    expect(a.body.uri).toBe(`${PUBLIC_BASE}/ocds/releases?ocid=${tendered.ocid}`);
    const b = await call('GET', `/ocds/releases?ocid=${cancelled.ocid}`, null);
    expect(ocdsViolations('releasePackage', b.body)).toEqual([]);
    expect(b.body.releases.map((r: Release) => r.tag)).toEqual([['tender'], ['tenderCancellation']]);
    expect(b.body.releases[1].tender).toMatchObject({ status: 'cancelled', documents: [{ documentType: 'cancellationDetails', description: '预算调整' }] });
    expect((await call('GET', `/ocds/releases?since=${encodeURIComponent('2026-04-03T00:00:00+08:00')}`, null)).body.releases.map((r: Release) => r.tag[0])).toEqual(['tender', 'tenderCancellation']);
  });

  it('keeps bids out of every release before the award; the award names the supplier by USCC (CN-USCI) with the exact price', async () => {
    const { body } = await call('GET', `/ocds/releases?ocid=${tendered.ocid}`, null);
    const [notice, amendment, award] = body.releases as Release[];
    for (const r of [notice, amendment]) {
      const text = JSON.stringify(r);
      for (const secret of [tendered.winner, tendered.loser, '2876543', '28765.43', '2987654', '29876.54', '甲方案', 'numberOfTenderers', 'awards']) expect(text).not.toContain(secret);
    }
    expect(award.parties).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: `CN-USCI-${tendered.winner}`, identifier: expect.objectContaining({ scheme: 'CN-USCI', id: tendered.winner }), roles: ['supplier'] })]),
    );
    expect(award.awards).toEqual([expect.objectContaining({ status: 'pending', value: { amount: 28765.43, currency: 'CNY' }, suppliers: [{ id: `CN-USCI-${tendered.winner}`, name: expect.any(String) }] })]);
    expect(award.tender).toMatchObject({ status: 'complete', numberOfTenderers: 2, items: [{ classification: { id: 'PS-ELDERLY-CARE' } }] });
    // The losing bid is nowhere, not even after the award.
    for (const secret of [tendered.loser, '29876.54', '乙方案']) expect(JSON.stringify(award)).not.toContain(secret);
    // Amounts go out as exact decimals.
    const raw = await (await fetch(`${base}/ocds/releases/${award.id}`)).text();
    expect(raw).toContain('"value":{"amount":28765.43,"currency":"CNY"}');
  });

  it('pages across all releases (page sizes 1 and 2) following links.next: each release exactly once, in order', async () => {
    const all = (await call('GET', '/ocds/releases', null)).body.releases.map((r: Release) => r.id);
    expect(all).toHaveLength(5);
    for (const limit of [1, 2]) {
      const seen: string[] = [];
      let path: string | undefined = `/ocds/releases?limit=${limit}`;
      let pages = 0;
      while (path) {
        const page = await call('GET', path, null);
        expect(page.status).toBe(200);
        expect(ocdsViolations('releasePackage', page.body)).toEqual([]);
        expect(page.body.releases.length).toBeLessThanOrEqual(limit);
        seen.push(...page.body.releases.map((r: Release) => r.id));
        path = page.body.links?.next ? local(page.body.links.next) : undefined;
        pages++;
      }
      expect(seen).toEqual(all);
      expect(pages).toBe(Math.ceil(5 / limit));
    }
    expect(await call('GET', '/ocds/releases?after=5', null)).toMatchObject({ status: 404, body: { code: 'PURCHASING.OCDS_NO_RELEASES' } });
    expect(await call('GET', '/ocds/releases?limit=501', null)).toMatchObject({ status: 400, body: { code: 'VALIDATION.FAILED' } });
    expect(await call('GET', '/ocds/releases?since=yesterday', null)).toMatchObject({ status: 400, body: { code: 'VALIDATION.FAILED' } });
  });

  it('serves each release alone, 404 problem+json for an unknown release or ocid', async () => {
    for (const id of Object.values({ ...tendered.events, ...cancelled.events })) {
      const one = await call('GET', `/ocds/releases/${id}`, null);
      if (one.status === 404) continue; // events without a release (bids, eligibility, scores)
      expect(ocdsViolations('releasePackage', one.body)).toEqual([]);
      expect(one.body.releases.map((r: Release) => r.id)).toEqual([id]);
    }
    const missing = await call('GET', '/ocds/releases/00000000-0000-4000-8000-000000000000', null);
    expect(missing).toMatchObject({ status: 404, body: { code: 'PURCHASING.OCDS_RELEASE_NOT_FOUND' } });
    expect(missing.headers.get('content-type')).toContain('application/problem+json');
    expect(await call('GET', `/ocds/records/${tendered.ocid.replace(/.$/, 'f')}x`, null)).toMatchObject({ status: 404, body: { code: 'PURCHASING.OCDS_RECORD_NOT_FOUND' } });
  });

  it('compiles a record per contracting process, releases linked by URL, and pages records by process', async () => {
    const a = await call('GET', `/ocds/records/${tendered.ocid}`, null);
    expect(a.status).toBe(200);
    expect(ocdsViolations('recordPackage', a.body)).toEqual([]);
    const [record] = a.body.records;
    expect(record.releases.map((r: { tag: string[] }) => r.tag[0])).toEqual(['tender', 'tenderAmendment', 'award']);
    for (const linked of record.releases as { url: string }[]) {
      const pkg = await call('GET', local(linked.url), null);
      expect(pkg.status).toBe(200);
    }
    expect(record.compiledRelease).toMatchObject({
      ocid: tendered.ocid,
      tag: ['compiled'],
      tender: { status: 'complete', numberOfTenderers: 2, tenderPeriod: { endDate: '2026-04-01T16:00:00+08:00' } },
      awards: [{ value: { amount: 28765.43 }, suppliers: [{ id: `CN-USCI-${tendered.winner}` }] }],
    });
    const b = await call('GET', `/ocds/records/${cancelled.ocid}`, null);
    expect(ocdsViolations('recordPackage', b.body)).toEqual([]);
    expect(b.body.records[0].compiledRelease.tender.status).toBe('cancelled');

    const ocids: string[] = [];
    let path: string | undefined = '/ocds/records?limit=1';
    while (path) {
      const page = await call('GET', path, null);
      expect(ocdsViolations('recordPackage', page.body)).toEqual([]);
      ocids.push(...page.body.records.map((r: { ocid: string }) => r.ocid));
      path = page.body.links?.next ? local(page.body.links.next) : undefined;
    }
    expect(ocids).toEqual([tendered.ocid, cancelled.ocid]);
  });

  it('bulk download: an attachment holding every release, as a release package or JSON Lines', async () => {
    const all = (await call('GET', '/ocds/releases', null)).body.releases as Release[];
    const json = await fetch(`${base}/ocds/bulk`);
    expect(json.status).toBe(200);
    expect(json.headers.get('content-disposition')).toBe('attachment; filename="ocds-releases.json"');
    expect(json.headers.get('content-type')).toContain('application/json');
    const pkg = JSON.parse(await json.text());
    expect(ocdsViolations('releasePackage', pkg)).toEqual([]);
    expect(pkg.releases).toEqual(all);
    expect(pkg.publishedDate).toBe('2026-04-04T16:00:00+08:00');
    const lines = await fetch(`${base}/ocds/bulk?format=jsonl`);
    expect(lines.headers.get('content-disposition')).toBe('attachment; filename="ocds-releases.jsonl"');
    const parsed = (await lines.text()).trimEnd().split('\n').map((l) => JSON.parse(l) as Release);
    expect(parsed).toEqual(all);
    for (const r of parsed) expect(ocdsViolations('release', r)).toEqual([]);
  });

  it('six concurrent notices get distinct, gap-free sequences (the counter row serializes them); paging still sees each release once', async () => {
    const before = await ds.getRepository(PurchasingOcdsReleaseOrmEntity).count();
    const lines = await Promise.all(
      Array.from({ length: 6 }, async (_, i) => (await call('POST', '/budgets', finance, { organUnitId: 'unit-haidian-mca', fiscalYear: 2026, lineCode: `PAR-${i}`, description: '并发', amountFen: 1_000_000 })).body.id as string),
    );
    const notice = (budgetLineId: string) => ({
      title: '并发公告',
      description: '并发',
      method: 'OPEN_TENDERING',
      catalogueItemCode: 'PS-ELDERLY-CARE',
      budgetLineId,
      estimatedFen: 100_000,
      qualificationRequirements: {},
      scoring: { priceWeight: 100, criteria: [] },
      bidDeadline: new Date(clock.now().getTime() + 25 * DAY).toISOString(),
    });
    const published = await Promise.all(lines.map((line) => call('POST', '/procurements', purchaser, notice(line))));
    expect(published.map((p) => p.status)).toEqual(Array(6).fill(201));
    const rows = await ds.getRepository(PurchasingOcdsReleaseOrmEntity).find({ order: { sequence: 'ASC' } });
    expect(rows.map((r) => r.sequence)).toEqual(Array.from({ length: before + 6 }, (_, i) => i + 1));
    expect(new Set(rows.slice(before).map((r) => r.procurementId))).toEqual(new Set(published.map((p) => p.body.id)));
    const seen: string[] = [];
    let path: string | undefined = `/ocds/releases?limit=2&after=${before - 1}`;
    while (path) {
      const page = await call('GET', path, null);
      seen.push(...page.body.releases.map((r: Release) => r.id));
      path = page.body.links?.next ? local(page.body.links.next) : undefined;
    }
    expect(seen).toEqual(rows.slice(before - 1).map((r) => r.releaseId));
  });
});
