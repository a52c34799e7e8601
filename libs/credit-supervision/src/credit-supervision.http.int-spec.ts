import { generateKeyPairSync } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { signAccessToken, type Role } from '@sop/auth';
import { allTopicSpecs } from '@sop/contracts';
import { createHttpApp, startServices } from '@sop/http';
import { KafkaTransport, OutboxMessageOrmEntity } from '@sop/messaging';
import { dropDatabase } from '@sop/persistence';
import { testKafkaBrokers, testMysqlConfig, uniqueName } from '@sop/testing';
import { buildCivilAffairsUscc, MovableClock } from '@sop/util';
import { CreditSupervisionModule } from './credit-supervision.module';
import { CreditInformationOrmEntity, CreditOrganizationOrmEntity } from './infrastructure/credit.orm-entities';

/** Issue #4 item 9 over HTTP: who may do what (credit officers in jurisdiction, organizations for themselves, auditors read-only). */
const ISSUER = 'int-issuer';
const AUDIENCE = 'social-org-platform';
const keys = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const privateKeyPem = keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const token = (roles: Role[], jurisdiction: string, organizationUscc?: string) =>
  signAccessToken({ subject: `${roles.join('+')}-${jurisdiction}`, roles, jurisdiction, organizationUscc }, privateKeyPem, ISSUER, AUDIENCE);

describe('credit supervision HTTP authorization (MySQL + Kafka)', () => {
  const db = testMysqlConfig('credit_http');
  const transport = new KafkaTransport({ brokers: testKafkaBrokers(), clientId: uniqueName('credit-http') });
  const clock = new MovableClock(new Date('2026-11-25T08:00:00Z'));
  const groupId = uniqueName('credit-http-group');
  let app: INestApplication;
  let base: string;
  const serial = Math.floor(Math.random() * 800_000_000);
  const haidian = buildCivilAffairsUscc('SOCIAL_GROUP', '110108', serial);
  const chaoyang = buildCivilAffairsUscc('SOCIAL_GROUP', '110105', serial + 1);
  // Local rules (issue §2, regulations §5.3): an organization registered in Suining (四川省遂宁市船山区) and one in Beijing.
  const suining = buildCivilAffairsUscc('SOCIAL_GROUP', '510903', serial + 2);
  const dongcheng = buildCivilAffairsUscc('SOCIAL_GROUP', '110101', serial + 3);

  const officerBeijing = token(['credit-officer'], '110000');
  const officerShanghai = token(['credit-officer'], '310000');
  const auditor = token(['auditor'], '100000');
  const repHaidian = token(['org-representative'], '110108', haidian);
  const repChaoyang = token(['org-representative'], '110105', chaoyang);

  async function call(method: string, path: string, bearer?: string, body?: unknown) {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { ...(bearer ? { authorization: `Bearer ${bearer}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  }

  beforeAll(async () => {
    await transport.ensureTopics([...allTopicSpecs(), { topic: `${groupId}.dlq`, partitions: 1 }]);
    app = await createHttpApp(
      [CreditSupervisionModule.register({ db, transport, clock, migrateOnStart: true, createDatabase: true }, { consumerGroupId: groupId, timerIntervalMs: 0 })],
      { publicKeyPem: keys.publicKey.export({ type: 'spki', format: 'pem' }).toString(), issuer: ISSUER, audience: AUDIENCE },
      [],
    );
    await startServices(app);
    await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    const ds = app.get(DataSource, { strict: false });
    for (const [uscc, authority] of [
      [haidian, '110108'],
      [chaoyang, '110105'],
      [suining, '510903'],
      [dongcheng, '110101'],
    ]) {
      await ds.getRepository(CreditOrganizationOrmEntity).insert({
        uscc,
        name: `北京市测试协会${uscc}`,
        form: 'SOCIAL_GROUP',
        category: 'SCIENCE_TECHNOLOGY',
        registeringAuthority: authority,
        domicile: '北京市',
        registrationStatus: 'REGISTERED',
        registeredAt: new Date('2025-01-01T00:00:00Z'),
        updatedAt: new Date('2025-01-01T00:00:00Z'),
      });
    }
  });

  afterAll(async () => {
    await app?.close();
    await transport.close();
    await dropDatabase(db);
  });

  const warning = (uscc: string) => ({ uscc, kind: 'WARNING', decidedAt: '2026-11-20T00:00:00.000Z', decidingBody: '北京市海淀区民政局', basis: '社团条例 Art. 30' });

  it('local credit rule sets (issue §2, regulations §5.3): Suining bars abnormal-listed organizations from purchases, elsewhere the national rules; list events record the version', async () => {
    const sichuan = token(['credit-officer'], '510000');
    const listed = await call('GET', '/rule-sets');
    expect(listed.status).toBe(200);
    expect(listed.body.items).toEqual([
      expect.objectContaining({ ruleVersion: 'credit-lists/order-60@v1', jurisdiction: '100000', jointMeasures: expect.objectContaining({ ABNORMAL: ['NO_EVALUATION'] }) }),
      expect.objectContaining({ ruleVersion: 'credit-lists/510900@v1', jurisdiction: '510900', effectiveFrom: '2018-01-24', jointMeasures: expect.objectContaining({ ABNORMAL: ['NO_EVALUATION', 'NO_PURCHASE_OF_SERVICES'] }) }),
    ]);

    // A warning (§5.1 (5)) lists both on the abnormal list; the measures and recorded version follow their rule sets.
    expect((await call('POST', '/penalties', sichuan, { ...warning(suining), decidingBody: '遂宁市船山区民政局' })).status).toBe(201);
    expect((await call('POST', '/penalties', officerBeijing, warning(dongcheng))).status).toBe(201);
    const local = (await call('GET', `/records/${suining}`, auditor)).body;
    expect(local.jointMeasures).toMatchObject({ lists: ['ABNORMAL'], measures: ['NO_EVALUATION', 'NO_PURCHASE_OF_SERVICES'], ruleVersion: 'credit-lists/510900@v1' });
    expect(local.history).toEqual([expect.objectContaining({ kind: 'ENTERED', list: 'ABNORMAL', ruleVersion: 'credit-lists/510900@v1' })]);
    const national = (await call('GET', `/records/${dongcheng}`, auditor)).body;
    expect(national.jointMeasures).toMatchObject({ lists: ['ABNORMAL'], measures: ['NO_EVALUATION'], ruleVersion: 'credit-lists/order-60@v1' });
    expect(national.history).toEqual([expect.objectContaining({ kind: 'ENTERED', ruleVersion: 'credit-lists/order-60@v1' })]);
    expect((await call('GET', `/profiles/${suining}`)).body.jointMeasures).toEqual(['NO_EVALUATION', 'NO_PURCHASE_OF_SERVICES']);
    expect((await call('GET', `/profiles/${dongcheng}`)).body.jointMeasures).toEqual(['NO_EVALUATION']);
    // The published events carry it too (credit.list.entered data.ruleVersion, credit.joint-measures.changed).
    const outbox = await app.get(DataSource, { strict: false }).getRepository(OutboxMessageOrmEntity).find({ where: { messageKey: suining } });
    const envelopes = outbox.map((o) => JSON.parse(o.envelope) as { type: string; data: { ruleVersion?: string; measures?: string[] } });
    expect(envelopes.find((e) => e.type === 'credit.list.entered')?.data.ruleVersion).toBe('credit-lists/510900@v1');
    expect(envelopes.find((e) => e.type === 'credit.joint-measures.changed')?.data).toMatchObject({ ruleVersion: 'credit-lists/510900@v1', measures: ['NO_EVALUATION', 'NO_PURCHASE_OF_SERVICES'] });

    // Publishing: a national or provincial credit officer covering the jurisdiction, a later Beijing date (today: 2026-11-25).
    const body = { effectiveFrom: '2026-11-26', jointMeasures: { ABNORMAL: ['NO_PURCHASE_OF_SERVICES'], SERIOUS: ['KEY_SUPERVISION', 'NO_PURCHASE_OF_SERVICES'] }, source: '北京市社会组织信用信息管理办法 (test)' };
    expect((await call('POST', '/rule-sets/110000/versions', undefined, body)).status).toBe(401);
    expect((await call('POST', '/rule-sets/110000/versions', auditor, body)).body).toMatchObject({ status: 403, code: 'AUTH.ROLE_REQUIRED' });
    expect((await call('POST', '/rule-sets/110000/versions', officerShanghai, body)).body).toMatchObject({ status: 403, code: 'AUTH.OUT_OF_JURISDICTION' });
    expect((await call('POST', '/rule-sets/110108/versions', token(['credit-officer'], '110108'), body)).body).toMatchObject({ status: 403, code: 'CREDIT.RULE_SET_PUBLISHER_LEVEL' });
    expect((await call('POST', '/rule-sets/100000/versions', token(['credit-officer'], '100000'), body)).body).toMatchObject({ status: 400, code: 'CREDIT.RULE_SET_JURISDICTION' });
    expect((await call('POST', '/rule-sets/110000/versions', officerBeijing, { ...body, effectiveFrom: '2026-11-25' })).body).toMatchObject({ status: 400, code: 'CREDIT.RULE_SET_EFFECTIVE_DATE_NOT_FUTURE' });
    expect((await call('POST', '/rule-sets/110000/versions', officerBeijing, { ...body, jointMeasures: { ABNORMAL: ['NOPE'], SERIOUS: [] } })).status).toBe(400);
    expect((await call('POST', '/rule-sets/110000/versions', officerBeijing, { effectiveFrom: body.effectiveFrom, source: body.source })).status).toBe(400);
    expect((await call('POST', '/rule-sets/110000/versions', officerBeijing, { ...body, jointMeasures: { ABNORMAL: [] } })).status).toBe(400);
    const published = await call('POST', '/rule-sets/110000/versions', officerBeijing, body);
    expect(published.status).toBe(201);
    expect(published.body).toMatchObject({ ruleVersion: 'credit-lists/110000@v1', jurisdiction: '110000', version: 1, effectiveFrom: '2026-11-26', publishedBy: 'credit-officer-110000' });
    expect((await call('GET', '/rule-sets')).body.items.map((v: { ruleVersion: string }) => v.ruleVersion)).toEqual(['credit-lists/order-60@v1', 'credit-lists/110000@v1', 'credit-lists/510900@v1']);
  });

  it('officers act within their jurisdiction; auditors and organizations cannot change records', async () => {
    expect((await call('POST', '/penalties', undefined, warning(haidian))).body).toMatchObject({ status: 401, code: 'AUTH.TOKEN_REQUIRED' });
    expect((await call('POST', '/penalties', auditor, warning(haidian))).body).toMatchObject({ status: 403, code: 'AUTH.ROLE_REQUIRED' });
    expect((await call('POST', '/penalties', repHaidian, warning(haidian))).body).toMatchObject({ status: 403, code: 'AUTH.ROLE_REQUIRED' });
    expect((await call('POST', '/penalties', officerShanghai, warning(haidian))).body).toMatchObject({ status: 404, code: 'CREDIT.ORGANIZATION_NOT_FOUND' });
    const bad = await call('POST', '/penalties', officerBeijing, { ...warning(haidian), kind: 'FINE', amountFen: 12.5 });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'amountFen' })]);
    expect((await call('POST', '/penalties', officerBeijing, warning(haidian))).status).toBe(201);
    const late = await call('POST', '/inspections', officerBeijing, { uscc: haidian, inspectedAt: '2026-11-10T00:00:00.000Z', conclusion: '年度抽查：财务制度基本健全' });
    // Inspected Tuesday 10 November 2026 (Beijing): Wed 11 … Tue 17 November, until 24:00 Beijing time (16:00 UTC;
    // updated for civil time, was 23:59:59.999 UTC); the Beijing date beside the instant.
    expect(late.body).toMatchObject({ captureDeadline: '2026-11-17T16:00:00.000Z', captureDueOn: '2026-11-17', capturedLate: true });
    // Civil dates are YYYY-MM-DD (Beijing); a bad one is a 400 naming the field. Instants carry an offset.
    const notice = { uscc: haidian, inspectedAt: '2026-11-20T10:00:00+08:00', findings: '账目不全' };
    for (const deadline of ['2026-12-31T00:00:00Z', '2026-02-30', '20261231']) {
      const refused = await call('POST', '/rectification-notices', officerBeijing, { ...notice, deadline });
      expect(refused.status).toBe(400);
      expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'deadline' })]);
    }
    const issued = await call('POST', '/rectification-notices', officerBeijing, { ...notice, deadline: '2026-12-31' });
    expect(issued).toMatchObject({ status: 201, body: { deadlineOn: '2026-12-31', deadline: '2026-12-31T16:00:00.000Z', status: 'OPEN' } });
    expect((await call('POST', '/inspections', auditor, { uscc: haidian, inspectedAt: '2026-11-10T00:00:00.000Z', conclusion: 'x' })).status).toBe(403);
  });

  it('officer-entered triggers: derived ones are refused, an unreachable domicile needs two unsigned letters (§5.1)', async () => {
    const trigger = { uscc: chaoyang, list: 'ABNORMAL', evidence: ['doc-1'], occurredAt: '2026-11-01T00:00:00.000Z' };
    expect((await call('POST', '/list-triggers', officerBeijing, { ...trigger, reason: 'ANNUAL_REPORT_OVERDUE' })).body).toMatchObject({ status: 422, code: 'CREDIT.TRIGGER_DERIVED' });
    expect((await call('POST', '/list-triggers', officerBeijing, { ...trigger, reason: 'LARGE_FINE' })).body).toMatchObject({ status: 400, code: 'CREDIT.UNKNOWN_REASON' });
    const oneLetter = { ...trigger, reason: 'UNREACHABLE_AT_DOMICILE', unsignedLetters: [{ reference: 'L-1', mailedOn: '2026-09-01' }] };
    expect((await call('POST', '/list-triggers', officerBeijing, oneLetter)).body).toMatchObject({ status: 422, code: 'CREDIT.UNREACHABLE_LETTERS' });
    // §5.1 (6): letters' dates are Beijing civil dates (an instant is a 400 naming the field), 20–60 days apart (2017 draft).
    const instantLetter = await call('POST', '/list-triggers', officerBeijing, { ...oneLetter, unsignedLetters: [{ reference: 'L-1', mailedAt: '2026-09-01T00:00:00.000Z' }] });
    expect(instantLetter.status).toBe(400);
    const tooClose = await call('POST', '/list-triggers', officerBeijing, { ...oneLetter, unsignedLetters: [...oneLetter.unsignedLetters, { reference: 'L-2', mailedOn: '2026-09-20' }] });
    expect(tooClose.body).toMatchObject({ status: 422, code: 'CREDIT.UNREACHABLE_LETTER_INTERVAL', errors: [expect.objectContaining({ field: 'unsignedLetters[1].mailedOn' })] });
    // A certified exemption refuses the trigger with its own code and is recorded as credit information (once).
    const exempted = { ...oneLetter, unsignedLetters: [...oneLetter.unsignedLetters, { reference: 'L-2', mailedOn: '2026-10-15' }], exemption: { certifiedBy: 'SUPERVISING_UNIT', reference: 'SU-2026-42', certifiedOn: '2026-10-20' } };
    for (let i = 0; i < 2; i++)
      expect((await call('POST', '/list-triggers', officerBeijing, exempted)).body).toMatchObject({ status: 422, code: 'CREDIT.UNREACHABLE_EXEMPTED', errors: [expect.objectContaining({ field: 'exemption' })] });
    const certification = await app.get(DataSource, { strict: false }).getRepository(CreditInformationOrmEntity).find({ where: { uscc: chaoyang, factType: 'UNREACHABLE_EXEMPTION_CERTIFIED' } });
    expect(certification).toEqual([expect.objectContaining({ category: 'OTHER', summary: expect.stringContaining('SU-2026-42') })]);
    const twoLetters = { ...oneLetter, unsignedLetters: [...oneLetter.unsignedLetters, { reference: 'L-2', mailedOn: '2026-10-15' }] };
    const listed = await call('POST', '/list-triggers', officerBeijing, twoLetters);
    expect(listed.status).toBe(201);
    expect(listed.body[0]).toMatchObject({ kind: 'ENTERED', reason: 'UNREACHABLE_AT_DOMICILE', evidence: ['doc-1', 'L-1', 'L-2'], ruleVersion: 'credit-lists/order-60@v1' });
  });

  it('organizations see and object to their own entries only; an officer decides; auditors read everything', async () => {
    const own = await call('GET', `/records/${haidian}`, repHaidian);
    expect(own.status).toBe(200);
    const entryId = own.body.entries[0].entryId as string;
    expect((await call('GET', `/records/${haidian}`, repChaoyang)).body).toMatchObject({ status: 403, code: 'CREDIT.NOT_OWN_ORGANIZATION' });
    expect((await call('GET', `/records/${haidian}`, officerShanghai)).body).toMatchObject({ status: 404, code: 'CREDIT.ORGANIZATION_NOT_FOUND' });
    expect((await call('GET', `/records/${haidian}`, auditor)).status).toBe(200);

    expect((await call('POST', `/entries/${entryId}/objections`, repChaoyang, { grounds: 'x' })).body).toMatchObject({ status: 403, code: 'CREDIT.NOT_OWN_ORGANIZATION' });
    expect((await call('POST', `/entries/${entryId}/objections`, officerBeijing, { grounds: 'x' })).body).toMatchObject({ status: 403, code: 'AUTH.ROLE_REQUIRED' });
    const objection = await call('POST', `/entries/${entryId}/objections`, repHaidian, { grounds: '处罚决定已撤销' });
    expect(objection.status).toBe(201);
    expect((await call('POST', `/objections/${objection.body.id}/decision`, auditor, { upheld: true, reason: 'x' })).body).toMatchObject({ status: 403 });
    expect((await call('POST', `/objections/${objection.body.id}/decision`, officerShanghai, { upheld: true, reason: 'x' })).body).toMatchObject({ status: 404, code: 'CREDIT.ORGANIZATION_NOT_FOUND' });
    const decided = await call('POST', `/objections/${objection.body.id}/decision`, officerBeijing, { upheld: true, reason: '确认有误' });
    expect(decided.body).toMatchObject({ status: 'UPHELD' });
    const after = await call('GET', `/records/${haidian}`, auditor);
    expect(after.body.entries[0]).toMatchObject({ status: 'ANNULLED' });
    expect(after.body.history.map((h: { kind: string }) => h.kind)).toEqual(['ENTERED', 'ANNULLED']);
    expect((await call('POST', `/entries/00000000-0000-4000-8000-000000000000/removal`, officerBeijing)).body).toMatchObject({ status: 404, code: 'CREDIT.ENTRY_NOT_FOUND' });
    expect((await call('GET', '/list-view/verification', auditor)).body).toMatchObject({ identical: true });
  });

  it('GET /errors lists the credit codes with status, kind and meaning; problem bodies keep their shape', async () => {
    const catalogue = await call('GET', '/errors');
    expect(catalogue.status).toBe(200);
    expect(catalogue.body.codes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: 'CREDIT.REMOVAL_NOT_YET_ELIGIBLE', status: 422, kind: 'REFUSED', meaning: expect.stringContaining('§5.2') }),
        expect.objectContaining({ code: 'CREDIT.EXPORT_EXPIRED', status: 410, kind: 'GONE' }),
        expect.objectContaining({ code: 'CREDIT.NOT_OWN_ORGANIZATION', status: 403 }),
        expect.objectContaining({ code: 'AUTH.ROLE_REQUIRED', status: 403 }),
      ]),
    );
    const derived = await call('POST', '/list-triggers', officerBeijing, { uscc: chaoyang, list: 'ABNORMAL', reason: 'RECTIFICATION_NOT_MET', evidence: ['doc-2'], occurredAt: '2026-11-01T00:00:00.000Z' });
    expect(derived.status).toBe(422);
    expect(derived.body).toMatchObject({ type: 'urn:sop:problem:CREDIT.TRIGGER_DERIVED', title: 'Unprocessable content', errors: [{ field: 'reason', rule: '§5.1 (3)', message: 'derived trigger' }] });
    expect(derived.body).not.toHaveProperty('rule');
  });

  it('public disclosure needs no token: profile, search, asOf', async () => {
    const profile = await call('GET', `/profiles/${chaoyang}`);
    expect(profile.status).toBe(200);
    expect(profile.body.lists.abnormalActivity[0]).toMatchObject({ reason: 'UNREACHABLE_AT_DOMICILE', status: 'ACTIVE' });
    expect(profile.body.lists.abnormalActivity[0].evidence).toBeUndefined();
    const before = await call('GET', `/profiles/${chaoyang}?asOf=2026-10-01T00:00:00.000Z`);
    expect(before.body.lists.abnormalActivity).toEqual([]);
    const search = await call('GET', `/profiles?q=${encodeURIComponent('测试协会')}&limit=1`);
    expect(search.body.items).toHaveLength(1);
    expect(search.body.nextCursor).toBe(search.body.items[0].uscc);
    const next = await call('GET', `/profiles?q=${encodeURIComponent('测试协会')}&limit=1&cursor=${search.body.nextCursor}`);
    expect(next.body.items).toHaveLength(1);
    expect(next.body.items[0].uscc).not.toBe(search.body.items[0].uscc);
    expect((await call('GET', `/profiles/${haidian}`)).body.penalties).toEqual([expect.objectContaining({ kind: 'WARNING' })]);
    // Bitemporal: knownAt is an instant with an offset, not in the future; the answer says what it describes.
    expect((await call('GET', `/profiles/${chaoyang}?knownAt=2026-11-25`)).status).toBe(400);
    expect((await call('GET', `/profiles/${chaoyang}?knownAt=2026-11-26T00:00:00Z`)).body).toMatchObject({ status: 400, code: 'CREDIT.KNOWN_AT_IN_FUTURE' });
    const known = await call('GET', `/profiles/${chaoyang}?knownAt=2026-11-25T08:00:00Z`);
    expect(known.body).toMatchObject({ knownAt: '2026-11-25T08:00:00.000Z', asOf: '2026-11-25T08:00:00.000Z', onAbnormalList: true });
    expect(profile.body.knownAt).toBeUndefined();
  });
});
