import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { signAccessToken, type Role } from '@sop/auth';
import { allTopicSpecs, GradeExpired, JointMeasuresChanged, type JointMeasuresChangedV1 } from '@sop/contracts';
import { createHttpApp, startServices } from '@sop/http';
import { buildCloudEvent, EventChain, dataschemaOf, InProcessTransport, OutboxMessageOrmEntity } from '@sop/messaging';
import { waitFor } from '@sop/testing';
import { buildCivilAffairsUscc, MovableClock } from '@sop/util';
import { EvaluationScheduler } from './application/schedulers/evaluation.scheduler';
import { EvaluationModule } from './evaluation.module';
import { EvaluationOrganizationOrmEntity } from './infrastructure/evaluation.orm-entities';
import { insertBeijingTestRuleSet } from './test-support/test-rule-set.fixture';

/** The other services' events these tests publish, chained as their relays would (consumers refuse unchained events). */
const producers = EventChain.detached();

const ISSUER = 'int-issuer';
const AUDIENCE = 'social-org-platform';
const keys = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const privateKeyPem = keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const token = (roles: Role[], jurisdiction: string, organizationUscc?: string) =>
  signAccessToken({ subject: `${roles.join('+')}-${jurisdiction}`, roles, jurisdiction, organizationUscc }, privateKeyPem, ISSUER, AUDIENCE);

/** The embedded mode's storage and bus (both migrations on SQLite, the in-process bus) behind the HTTP API. */
describe('evaluation on SQLite over HTTP (embedded mode)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'evaluation-sqlite-'));
  const transport = new InProcessTransport(join(dir, 'bus.sqlite'));
  const clock = new MovableClock(new Date('2025-11-20T00:00:00.000Z'));
  const uscc = buildCivilAffairsUscc('SOCIAL_GROUP', '110108', 41);
  const other = buildCivilAffairsUscc('SOCIAL_GROUP', '110105', 42);
  const evaluator = token(['evaluator'], '110000');
  const evaluatorShanghai = token(['evaluator'], '310000');
  const auditor = token(['auditor'], '100000');
  const rep = token(['org-representative'], '110108', uscc);
  const repOther = token(['org-representative'], '110105', other);
  let app: INestApplication;
  let base: string;

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
    await transport.ensureTopics(allTopicSpecs());
    app = await createHttpApp(
      [EvaluationModule.register({ db: { type: 'sqlite', path: join(dir, 'evaluation.sqlite') }, transport, clock, migrateOnStart: true, createDatabase: false }, { schedulerIntervalMs: 0 })],
      { publicKeyPem: keys.publicKey.export({ type: 'spki', format: 'pem' }).toString(), issuer: ISSUER, audience: AUDIENCE },
      [],
    );
    await startServices(app);
    await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    await insertBeijingTestRuleSet(app.get(DataSource, { strict: false }));
    for (const [code, authority] of [
      [uscc, '110108'],
      [other, '110105'],
    ]) {
      await app.get(DataSource, { strict: false }).getRepository(EvaluationOrganizationOrmEntity).insert({
        uscc: code,
        name: `北京市测试协会${code}`,
        form: 'SOCIAL_GROUP',
        category: 'SCIENCE_TECHNOLOGY',
        registeringAuthority: authority,
        registeredAt: new Date('2020-01-02T00:00:00Z'),
        eligibleFrom: new Date('2022-01-02T00:00:00Z'),
        lastEventId: '00000000-0000-4000-8000-000000000000',
      });
    }
  });

  afterAll(async () => {
    await app?.close();
    await transport.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const award = { uscc, score: 905, announcedAt: '2025-11-18T00:00:00.000Z', committee: { members: 9, present: 6, inFavour: 5 } };

  it('evaluators award within jurisdiction under Order 39; others are refused with problems naming field and rule', async () => {
    expect((await call('POST', '/grades', undefined, award)).body).toMatchObject({ status: 401 });
    expect((await call('POST', '/grades', auditor, award)).body).toMatchObject({ status: 403, code: 'AUTH.ROLE_REQUIRED' });
    expect((await call('POST', '/grades', rep, award)).body).toMatchObject({ status: 403, code: 'AUTH.ROLE_REQUIRED' });
    expect((await call('POST', '/grades', evaluatorShanghai, award)).body).toMatchObject({ status: 404, code: 'EVALUATION.ORGANIZATION_NOT_FOUND' });
    const invalid = await call('POST', '/grades', evaluator, { ...award, score: 1200, committee: { members: 9, present: 6 } });
    expect(invalid.body).toMatchObject({ status: 400, code: 'VALIDATION.FAILED' });
    expect([...new Set(invalid.body.errors.map((e: { field: string }) => e.field))].sort()).toEqual(['committee.inFavour', 'score']);
    expect((await call('POST', '/grades', evaluator, { ...award, score: 650 })).body).toMatchObject({ status: 422, code: 'EVALUATION.SCORE_BELOW_LOWEST_GRADE', errors: [{ field: 'score', rule: 'GRADE_CUT_OFFS' }] });
    expect((await call('POST', '/grades', evaluator, { ...award, committee: { members: 9, present: 9, inFavour: 4 } })).body).toMatchObject({
      status: 422,
      code: 'EVALUATION.COMMITTEE_NO_MAJORITY',
      errors: [{ field: 'committee.inFavour', rule: 'COMMITTEE_MAJORITY_OF_ALL_MEMBERS' }],
    });
    expect((await call('POST', '/grades', evaluator, { ...award, announcedAt: '2025-12-01T00:00:00.000Z' })).body).toMatchObject({ status: 400, code: 'EVALUATION.DATE_IN_FUTURE' });
    // Instants need an offset: a bare date or a local time is refused, naming the field.
    for (const announcedAt of ['2025-11-18', '2025-11-18T08:00:00', '2025-11-18T08:00:00.000']) {
      const noOffset = await call('POST', '/grades', evaluator, { ...award, announcedAt });
      expect(noOffset.body).toMatchObject({ status: 400, code: 'VALIDATION.FAILED' });
      expect([...new Set(noOffset.body.errors.map((e: { field: string }) => e.field))]).toEqual(['announcedAt']);
    }

    const awarded = await call('POST', '/grades', evaluator, award);
    expect(awarded.status).toBe(201);
    expect(awarded.body).toMatchObject({ grade: '4A', announcedOn: '2025-11-18', validFrom: '2025-11-18', validUntil: '2030-11-17', validityEndsAt: '2030-11-17T16:00:00.000Z', inForce: true, ruleVersion: 'evaluation/order-39@v1' });
    // Order 39: no new evaluation while the grade is valid.
    expect((await call('POST', '/grades', evaluator, { ...award, announcedAt: '2025-11-19T00:00:00.000Z', score: 990 })).body).toMatchObject({
      status: 422,
      code: 'EVALUATION.NOT_ELIGIBLE',
      errors: [{ field: 'uscc', rule: 'PREVIOUS_GRADE_STILL_VALID' }],
    });
    const rows = await app.get(DataSource, { strict: false }).getRepository(OutboxMessageOrmEntity).find({ where: { messageKey: uscc } });
    expect(rows.map((r) => JSON.parse(r.envelope).data.ruleVersion)).toEqual(['evaluation/order-39@v1']);
  });

  it('reads: evaluators and auditors, an organization only its own record; eligibility says why not', async () => {
    const own = await call('GET', `/organizations/${uscc}`, rep);
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({
      uscc,
      registrationStatus: 'ACTIVE', // the migration's column default
      registrationStatusAt: null,
      // Registered 2020-01-02T00:00Z (08:00 Beijing time): eligible from 00:00 Beijing time on 2022-01-02.
      eligibleForEvaluationOn: '2022-01-02',
      eligibleForEvaluationFrom: '2022-01-01T16:00:00.000Z',
      currentGrade: { grade: '4A', validUntil: '2030-11-17', validityEndsAt: '2030-11-17T16:00:00.000Z' },
      eligibility: { eligible: false, reason: { code: 'EVALUATION.NOT_ELIGIBLE', rule: 'PREVIOUS_GRADE_STILL_VALID' }, ruleVersion: 'evaluation/order-39@v1' },
      creditMeasures: null,
    });
    expect((await call('GET', `/organizations/${uscc}`, repOther)).body).toMatchObject({ status: 403, code: 'EVALUATION.NOT_OWN_ORGANIZATION' });
    expect((await call('GET', `/organizations/${uscc}/grades`, repOther)).body).toMatchObject({ status: 403, code: 'EVALUATION.NOT_OWN_ORGANIZATION' });
    expect((await call('GET', `/organizations/${uscc}`, evaluatorShanghai)).body).toMatchObject({ status: 404, code: 'EVALUATION.ORGANIZATION_NOT_FOUND' });
    expect((await call('GET', `/organizations/${other}`, auditor)).body).toMatchObject({ uscc: other, currentGrade: null, eligibility: { eligible: true, basis: 'FIRST_EVALUATION' } });
    expect((await call('GET', `/organizations/${uscc}/grades`, auditor)).body.grades).toHaveLength(1);
    expect((await call('GET', '/verification-cases?status=OPEN', rep)).body).toMatchObject({ status: 403, code: 'AUTH.ROLE_REQUIRED' });
    expect((await call('GET', '/verification-cases?status=MAYBE', evaluator)).body).toMatchObject({ status: 400, code: 'VALIDATION.FAILED' });
  });

  it('the in-process bus delivers credit measures; a verification case opens; the adjustment (Order 39 reasons) closes it', async () => {
    clock.set(new Date('2026-01-10T00:00:00.000Z'));
    const data: JointMeasuresChangedV1 = { uscc, lists: ['SERIOUS'], measures: ['KEY_SUPERVISION', 'GRADE_DOWNGRADE_REFERENCE'], effectiveFrom: '2026-01-09T00:00:00.000Z', ruleVersion: 'credit-lists/order-60@v1' };
    const event = producers.next(buildCloudEvent('credit-supervision', dataschemaOf(JointMeasuresChanged), { type: JointMeasuresChanged.type, subject: uscc, data }, clock.now()));
    await transport.publish([{ topic: JointMeasuresChanged.topic, key: uscc, value: JSON.stringify(event) }]);
    const [opened] = await waitFor(async () => {
      const r = await call('GET', '/verification-cases?status=OPEN', evaluator);
      return r.body.items?.length ? r.body.items : undefined;
    }, 20000, 'verification case');
    expect(opened).toMatchObject({ uscc, status: 'OPEN', evidence: [event.id], ruleVersion: 'evaluation/order-39@v1' });
    expect((await call('GET', '/verification-cases?status=OPEN', evaluatorShanghai)).body.items).toEqual([]);

    const gradeId = opened.gradeId;
    // Before 2026-03-01 the verification evaluation is not a reason (Order 39).
    expect((await call('POST', `/grades/${gradeId}/adjustments`, evaluator, { reason: 'VERIFICATION_EVALUATION', explanation: '核查' })).body).toMatchObject({
      status: 422,
      code: 'EVALUATION.ADJUSTMENT_REASON_NOT_ADMITTED',
      errors: [{ field: 'reason' }],
    });
    expect((await call('POST', `/grades/${gradeId}/adjustments`, evaluator, { reason: 'SERIOUS_LIST', explanation: '列入严重违法失信名单', newGrade: '4A' })).body).toMatchObject({ status: 422, code: 'EVALUATION.ADJUSTMENT_NOT_LOWER' });
    const lowered = await call('POST', `/grades/${gradeId}/adjustments`, evaluator, { reason: 'SERIOUS_LIST', explanation: '列入严重违法失信名单', newGrade: '1A' });
    expect(lowered.status).toBe(201);
    // Certificate and plaque back within 15 days of 2026-01-10: the 15th day, Sunday 25 January, moves to Monday 26 January.
    const certificateReturn = { certificateReturnDueOn: '2026-01-26', certificateReturnDueBy: '2026-01-26T16:00:00.000Z' };
    expect(lowered.body).toMatchObject({
      grade: { grade: '1A', ...certificateReturn },
      adjustment: { evidence: [event.id], ruleVersion: 'evaluation/order-39@v1', effectiveAt: '2026-01-10T00:00:00.000Z', effectiveOn: '2026-01-10', ...certificateReturn, calendarVersion: 'cn-official-holidays@v1' },
      closedCases: [opened.id] });
    expect((await call('GET', '/verification-cases?status=OPEN', evaluator)).body.items).toEqual([]);
    expect((await call('GET', '/verification-cases?status=CLOSED', auditor)).body.items).toEqual([expect.objectContaining({ id: opened.id, outcome: 'GRADE_ADJUSTED' })]);
    expect((await call('GET', `/organizations/${uscc}`, evaluator)).body).toMatchObject({ currentGrade: { grade: '1A', awardedGrade: '4A', ...certificateReturn }, creditMeasures: { lists: ['SERIOUS'] } });
    expect((await call('GET', `/organizations/${uscc}/grades`, auditor)).body.grades[0]).toMatchObject({ ...certificateReturn, adjustments: [{ ...certificateReturn, calendarVersion: 'cn-official-holidays@v1' }] });

    // A later set still carrying the reference opens a new case; verified without change, the grade is confirmed.
    const later = producers.next(buildCloudEvent('credit-supervision', dataschemaOf(JointMeasuresChanged), { type: JointMeasuresChanged.type, subject: uscc, data: { ...data, effectiveFrom: '2026-01-10T00:00:00.000Z' } }, clock.now()));
    await transport.publish([{ topic: JointMeasuresChanged.topic, key: uscc, value: JSON.stringify(later) }]);
    const [reopened] = await waitFor(async () => {
      const r = await call('GET', '/verification-cases?status=OPEN', evaluator);
      return r.body.items?.length ? r.body.items : undefined;
    }, 20000, 'second verification case');
    expect(reopened).toMatchObject({ gradeId, evidence: [later.id] });
    expect((await call('POST', `/verification-cases/${reopened.id}/confirmation`, auditor)).body).toMatchObject({ status: 403, code: 'AUTH.ROLE_REQUIRED' });
    expect((await call('POST', `/verification-cases/${reopened.id}/confirmation`, evaluator)).body).toMatchObject({ id: reopened.id, status: 'CLOSED', outcome: 'GRADE_CONFIRMED' });
    expect((await call('POST', `/verification-cases/${reopened.id}/confirmation`, evaluator)).body).toMatchObject({ status: 409, code: 'EVALUATION.CASE_NOT_OPEN' });
    expect((await call('GET', `/organizations/${uscc}`, evaluator)).body.currentGrade).toMatchObject({ grade: '1A' });
  });

  it('after validUntil the scheduler publishes one GradeExpired with the lowered grade (Order 39); a second tick nothing', async () => {
    const scheduler = app.get(EvaluationScheduler, { strict: false });
    const expired = async () =>
      (await app.get(DataSource, { strict: false }).getRepository(OutboxMessageOrmEntity).find({ where: { messageKey: uscc } })).map((r) => JSON.parse(r.envelope)).filter((e) => e.type === GradeExpired.type);
    // Beijing midnight after validUntil is 16:00Z on validUntil (was: 00:00Z the day after).
    clock.set(new Date('2030-11-17T15:59:59.999Z'));
    expect(await scheduler.tick()).toBe(0);
    clock.set(new Date('2030-11-17T16:00:00.000Z'));
    expect(await scheduler.tick()).toBe(1);
    expect(await scheduler.tick()).toBe(0);
    const [event, ...more] = await expired();
    expect(more).toEqual([]);
    expect(event).toMatchObject({ subject: uscc, policyversion: 'evaluation/order-39@v1' });
    expect(event.data).toEqual({ gradeId: expect.any(String), uscc, grade: '1A', validUntil: '2030-11-17', expiredAt: '2030-11-17T16:00:00.000Z', ruleVersion: 'evaluation/order-39@v1' });
    expect((await call('GET', `/organizations/${uscc}`, evaluator)).body).toMatchObject({ currentGrade: null, eligibility: { eligible: true } });
  });

  it('local rule sets (issue §2; cut-offs are local, regulations §6 Scoring): GET public, POST by a national or provincial evaluator covering the jurisdiction, effective from a later Beijing date; a grade records the version whose cut-offs decided it', async () => {
    clock.set(new Date('2026-06-01T00:00:00.000Z'));
    const huaining = buildCivilAffairsUscc('SOCIAL_GROUP', '340822', 43);
    const shanghai = buildCivilAffairsUscc('SOCIAL_GROUP', '310101', 44);
    for (const [code, authority] of [
      [huaining, '340822'],
      [shanghai, '310101'],
    ])
      await app.get(DataSource, { strict: false }).getRepository(EvaluationOrganizationOrmEntity).insert({
        uscc: code,
        name: `测试协会${code}`,
        form: 'SOCIAL_GROUP',
        category: 'SCIENCE_TECHNOLOGY',
        registeringAuthority: authority,
        registeredAt: new Date('2020-01-02T00:00:00Z'),
        eligibleFrom: new Date('2022-01-02T00:00:00Z'),
        lastEventId: '00000000-0000-4000-8000-000000000000',
      });
    const anhui = token(['evaluator'], '340000');
    const shanghaiCity = token(['evaluator'], '310100');
    const outboxOf = async (code: string) => (await app.get(DataSource, { strict: false }).getRepository(OutboxMessageOrmEntity).find({ where: { messageKey: code } })).map((r) => JSON.parse(r.envelope));

    // The seeds: the two local tables regulations §6 names; no token needed.
    const listed = await call('GET', '/rule-sets');
    expect(listed.status).toBe(200);
    expect(listed.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ ruleVersion: 'evaluation/340822@v1', jurisdiction: '340822', effectiveOn: '2011-03-01', cutOffs: expect.arrayContaining([{ grade: '5A', minScore: 950 }, { grade: '1A', minScore: 701 }]) }),
        expect.objectContaining({ ruleVersion: 'evaluation/410304@v1', jurisdiction: '410304', cutOffs: expect.arrayContaining([{ grade: '5A', minScore: 900 }]) }),
      ]),
    );

    // Huaining: its own cut-offs (949 is 4A there: 5A needs 950); the national rule set decides the rest.
    const committee = { members: 9, present: 6, inFavour: 5 };
    const inHuaining = await call('POST', '/grades', anhui, { uscc: huaining, score: 949, announcedAt: '2026-05-20T00:00:00.000Z', committee });
    expect(inHuaining.status).toBe(201);
    expect(inHuaining.body).toMatchObject({ grade: '4A', ruleVersion: 'evaluation/measures-2026@v1', localRuleVersion: 'evaluation/340822@v1' });
    expect((await call('GET', `/organizations/${huaining}/grades`, auditor)).body.grades[0]).toMatchObject({ grade: '4A', localRuleVersion: 'evaluation/340822@v1' });
    expect((await outboxOf(huaining))[0].data).toMatchObject({ grade: '4A', ruleVersion: 'evaluation/measures-2026@v1', localRuleVersion: 'evaluation/340822@v1' });

    // Shanghai: no local version covers it and the national rule sets set no cut-offs.
    const shanghaiAward = { uscc: shanghai, score: 949, announcedAt: '2026-05-20T00:00:00.000Z', committee };
    expect((await call('POST', '/grades', evaluatorShanghai, shanghaiAward)).body).toMatchObject({ status: 422, code: 'EVALUATION.NO_CUT_OFFS', errors: [{ field: 'score', rule: 'GRADE_CUT_OFFS' }] });

    // Publishing: who, where, when, what.
    const body = { effectiveOn: '2026-06-02', cutOffs: [{ grade: '5A', minScore: 900 }, { grade: '4A', minScore: 850 }, { grade: '3A', minScore: 800 }, { grade: '2A', minScore: 750 }, { grade: '1A', minScore: 600 }], source: '上海市社会组织评估等级标准（测试）' };
    expect((await call('POST', '/rule-sets/310000/versions', undefined, body)).body).toMatchObject({ status: 401 });
    expect((await call('POST', '/rule-sets/310000/versions', auditor, body)).body).toMatchObject({ status: 403, code: 'AUTH.ROLE_REQUIRED' });
    expect((await call('POST', '/rule-sets/310000/versions', shanghaiCity, body)).body).toMatchObject({ status: 403, code: 'EVALUATION.RULE_SET_PUBLISHER_LEVEL' });
    expect((await call('POST', '/rule-sets/310000/versions', anhui, body)).body).toMatchObject({ status: 403, code: 'AUTH.OUT_OF_JURISDICTION' });
    expect((await call('POST', '/rule-sets/100000/versions', evaluatorShanghai, body)).body).toMatchObject({ status: 400, code: 'EVALUATION.RULE_SET_JURISDICTION' });
    expect((await call('POST', '/rule-sets/310000/versions', evaluatorShanghai, { ...body, effectiveOn: '2026-06-01' })).body).toMatchObject({ status: 400, code: 'EVALUATION.RULE_SET_EFFECTIVE_DATE_NOT_FUTURE' });
    expect((await call('POST', '/rule-sets/310000/versions', evaluatorShanghai, { ...body, cutOffs: [...body.cutOffs].reverse() })).body).toMatchObject({ status: 400, code: 'EVALUATION.CUT_OFFS_INVALID' });
    const published = await call('POST', '/rule-sets/310000/versions', evaluatorShanghai, body);
    expect(published.status).toBe(201);
    expect(published.body).toMatchObject({ ruleVersion: 'evaluation/310000@v1', jurisdiction: '310000', version: 1, effectiveOn: '2026-06-02', publishedBy: 'evaluator-310000' });
    expect((await call('GET', '/rule-sets')).body.items).toEqual(expect.arrayContaining([expect.objectContaining({ ruleVersion: 'evaluation/310000@v1' })]));

    // Not before 00:00 Beijing time on its date; from then the province's cut-offs grade its districts (949 → 5A).
    clock.set(new Date('2026-06-01T15:59:00.000Z'));
    expect((await call('POST', '/grades', evaluatorShanghai, { ...shanghaiAward, announcedAt: '2026-06-01T15:58:00.000Z' })).body).toMatchObject({ status: 422, code: 'EVALUATION.NO_CUT_OFFS' });
    clock.set(new Date('2026-06-02T01:00:00.000Z'));
    const inShanghai = await call('POST', '/grades', evaluatorShanghai, { ...shanghaiAward, announcedAt: '2026-06-01T16:00:00.000Z' });
    expect(inShanghai.status).toBe(201);
    expect(inShanghai.body).toMatchObject({ grade: '5A', ruleVersion: 'evaluation/measures-2026@v1' });
    expect((await outboxOf(shanghai))[0].data).toMatchObject({ grade: '5A', localRuleVersion: 'evaluation/310000@v1' });
  });

  it('GET /errors (no token) lists every evaluation code with its status and meaning, beside the platform codes', async () => {
    const res = await call('GET', '/errors');
    expect(res.status).toBe(200);
    const codes = res.body.codes as { code: string; status: number; kind: string; meaning: string }[];
    const byCode = new Map(codes.map((c) => [c.code, c]));
    expect(byCode.get('EVALUATION.SCORE_BELOW_LOWEST_GRADE')).toMatchObject({ status: 422, kind: 'REFUSED' });
    expect(byCode.get('EVALUATION.DATE_IN_FUTURE')).toMatchObject({ status: 400, kind: 'INVALID' });
    expect(byCode.get('EVALUATION.NOT_OWN_ORGANIZATION')).toMatchObject({ status: 403 });
    expect(byCode.get('EVALUATION.GRADE_NOT_FOUND')).toMatchObject({ status: 404 });
    expect(byCode.get('EVALUATION.CASE_NOT_OPEN')).toMatchObject({ status: 409 });
    expect(byCode.get('AUTH.ROLE_REQUIRED')).toMatchObject({ status: 403 });
    expect(codes.filter((c) => c.code.startsWith('EVALUATION.'))).toHaveLength(37); // 25 + the procedure's 12 (issue 13)
  });
});
