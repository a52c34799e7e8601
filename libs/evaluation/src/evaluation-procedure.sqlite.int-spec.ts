import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { signAccessToken, type Role } from '@sop/auth';
import { allTopicSpecs } from '@sop/contracts';
import { createHttpApp, startServices } from '@sop/http';
import { InProcessTransport } from '@sop/messaging';
import { buildCivilAffairsUscc, MovableClock } from '@sop/util';
import { indicatorsOf, NATIONAL_FRAMEWORKS } from './domain/procedure/indicator-frameworks';
import { EvaluationModule } from './evaluation.module';
import { EvaluationOrganizationOrmEntity } from './infrastructure/evaluation.orm-entities';
import { insertBeijingTestRuleSet } from './test-support/test-rule-set.fixture';

const ISSUER = 'int-issuer';
const AUDIENCE = 'social-org-platform';
const keys = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const privateKeyPem = keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const token = (roles: Role[], jurisdiction: string, organizationUscc?: string) =>
  signAccessToken({ subject: `${roles.join('+')}-${jurisdiction}`, roles, jurisdiction, organizationUscc }, privateKeyPem, ISSUER, AUDIENCE);
const SG = NATIONAL_FRAMEWORKS.find((f) => f.form === 'SOCIAL_GROUP')!;
const scores = (deductions: Record<string, number>) => Object.fromEntries(indicatorsOf(SG).map((i) => [i.code, i.max - (deductions[i.code] ?? 0)]));

/** The procedure in the embedded mode (SQLite, in-process bus) over HTTP: a local framework with a bonus, the steps and their problems. */
describe('evaluation procedure on SQLite over HTTP (embedded mode)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'evaluation-procedure-sqlite-'));
  const transport = new InProcessTransport(join(dir, 'bus.sqlite'));
  const clock = new MovableClock(new Date('2026-06-01T02:00:00.000Z'));
  const uscc = buildCivilAffairsUscc('SOCIAL_GROUP', '110108', 51);
  const evaluator = token(['evaluator'], '110000');
  const rep = token(['org-representative'], '110108', uscc);
  let app: INestApplication;
  let base: string;

  async function call(method: string, path: string, bearer?: string, body?: unknown) {
    const res = await fetch(`${base}${path}`, { method, headers: { ...(bearer ? { authorization: `Bearer ${bearer}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  }
  const at = (iso: string) => clock.set(new Date(iso));

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
    const ds = app.get(DataSource, { strict: false });
    await insertBeijingTestRuleSet(ds);
    await ds.getRepository(EvaluationOrganizationOrmEntity).insert({ uscc, name: '北京市测试学会', form: 'SOCIAL_GROUP', category: 'SCIENCE_TECHNOLOGY', registeringAuthority: '110108', registeredAt: new Date('2020-01-02T00:00:00Z'), eligibleFrom: new Date('2022-01-02T00:00:00Z'), lastEventId: '00000000-0000-4000-8000-000000000000' });
  });

  afterAll(async () => {
    await app?.close();
    await transport.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a local framework with a 50-point bonus, published for tomorrow, scores the procedure; 5A over HTTP with its certificate; problems name their rules', async () => {
    const sections = SG.sections.map((s) => ({ section: s.section, name: s.name, indicators: s.indicators.map((i) => ({ ...i })) }));
    const publish = (body: object, bearer = evaluator) => call('POST', '/indicator-frameworks/110000/SOCIAL_GROUP/versions', bearer, body);
    expect((await publish({ effectiveOn: '2026-06-02', sections, maxBonus: 101, source: 'test' })).body).toMatchObject({ status: 400, code: 'VALIDATION.FAILED' });
    const short = sections.map((s, i) => (i === 0 ? { ...s, indicators: s.indicators.slice(1) } : s));
    expect((await publish({ effectiveOn: '2026-06-02', sections: short, maxBonus: 50, source: 'test' })).body).toMatchObject({ status: 400, code: 'EVALUATION.FRAMEWORK_INVALID', errors: [{ rule: 'THOUSAND_POINT_SCALE' }] });
    expect((await publish({ effectiveOn: '2026-06-02', sections, maxBonus: 50, source: 'test' }, token(['evaluator'], '110108'))).body).toMatchObject({ status: 403, code: 'EVALUATION.RULE_SET_PUBLISHER_LEVEL' });
    const published = await publish({ effectiveOn: '2026-06-02', sections, maxBonus: 50, source: '北京市社会组织评估指标（测试）' });
    expect(published.body).toMatchObject({ frameworkVersion: 'evaluation-indicators/110000/SOCIAL_GROUP@v1', total: 1000, maxBonus: 50, effectiveOn: '2026-06-02' });
    expect((await call('GET', '/indicator-frameworks')).body.items).toHaveLength(4);

    at('2026-06-02T02:00:00.000Z');
    expect((await call('POST', '/procedures', evaluator, { uscc })).body).toMatchObject({ status: 403, code: 'AUTH.ROLE_REQUIRED' });
    const applied = await call('POST', '/procedures', rep, { uscc });
    expect(applied.body).toMatchObject({ status: 'APPLIED', frameworkVersion: 'evaluation-indicators/110000/SOCIAL_GROUP@v1' });
    const id = applied.body.procedureId;
    const step = (path: string, body?: object, bearer = evaluator) => call('POST', `/procedures/${id}/${path}`, bearer, body ?? {});
    expect((await step('experts', { experts: [{ expertId: 'x1', name: '甲' }] })).body).toMatchObject({ status: 409, code: 'EVALUATION.PROCEDURE_STEP_OUT_OF_ORDER' });
    // Outside the jurisdiction the procedure is as if missing (issue 10); another organization's representative is refused.
    expect((await step('eligibility-review', {}, token(['evaluator'], '310000'))).body).toMatchObject({ status: 404, code: 'EVALUATION.PROCEDURE_NOT_FOUND' });
    expect((await call('GET', `/procedures/${id}`, token(['org-representative'], '110108', buildCivilAffairsUscc('SOCIAL_GROUP', '110108', 52)))).body).toMatchObject({ status: 403, code: 'EVALUATION.NOT_OWN_ORGANIZATION' });
    expect((await step('eligibility-review')).body).toMatchObject({ status: 'ELIGIBLE' });
    expect((await call('POST', '/experts/x9/links', evaluator, { uscc, basis: '会员单位负责人' })).status).toBe(201);
    expect((await step('experts', { experts: [{ expertId: 'x1', name: '甲' }, { expertId: 'x9', name: '己' }] })).body).toMatchObject({ status: 409, code: 'EVALUATION.EXPERT_CONFLICT_OF_INTEREST', errors: [{ field: 'experts', rule: 'EXPERT_RECUSAL_LINKED_ORGANIZATION' }] });
    await step('experts', { experts: [{ expertId: 'x1', name: '甲' }, { expertId: 'x2', name: '乙' }] });
    await step('field-assessment', { summary: '实地考察' });
    expect((await step('score-sheets', { expertId: 'x1', scores: scores({}), bonus: 51 })).body).toMatchObject({ status: 400, code: 'EVALUATION.SCORE_SHEET_INVALID', errors: [{ field: 'bonus', rule: 'AT_MOST_THE_LOCAL_BONUS' }] });
    await step('score-sheets', { expertId: 'x1', scores: scores({ 'WP.1': 60 }), bonus: 30 }); // 970
    await step('score-sheets', { expertId: 'x2', scores: scores({ 'WP.1': 80 }), bonus: 20 }); // 940
    const opinion = await step('preliminary-opinion', { opinion: '建议评为5A' });
    expect(opinion.body.opinion).toMatchObject({ proposedGrade: '5A', aggregation: { total: 955, bonusMean: 25 } });
    await step('committee-decision', { committee: { members: 9, present: 8, inFavour: 8 } });
    at('2026-06-03T02:00:00.000Z');
    expect((await step('notice')).body.notice).toMatchObject({ endsOn: '2026-06-10' });
    at('2026-06-10T16:00:00.000Z'); // 00:00 Beijing time on 11 June: the notice is over
    expect((await step('reviews', { grounds: '异议' }, rep)).body).toMatchObject({ status: 422, code: 'EVALUATION.REVIEW_PERIOD_OVER', errors: [{ rule: 'REVIEW_DURING_PUBLIC_NOTICE' }] });
    const announced = await step('announcement');
    expect(announced.body).toMatchObject({ grade: { grade: '5A', score: 955 }, certificate: { certificateNumber: 'C110108-2026-5A-00001', plaqueNumber: 'P110108-2026-5A-00001' } });

    const card = await call('GET', `/procedures/${id}`, rep);
    expect(card.body.experts).toEqual([{ pseudonym: 'expert 1' }, { pseudonym: 'expert 2' }]);
    expect(card.body.scorecard.bonus).toEqual({ max: 50, byExpert: [{ expert: 'expert 1', points: 30 }, { expert: 'expert 2', points: 20 }], mean: 25 });
    expect((await call('GET', `/organizations/${uscc}/procedures`, rep)).body).toHaveLength(1);
    const pub = await call('GET', `/organizations/${uscc}/public-grade`);
    expect(pub.body).toMatchObject({ grade: '5A', validFrom: '2027-01-01', validUntil: '2031-12-31' });
    expect(pub.body.benefits.map((b: { benefit: string }) => b.benefit)).toEqual(['TRANSFERRED_FUNCTIONS_PRIORITY', 'PURCHASING_PRIORITY', 'GOVERNMENT_AWARDS_PRIORITY', 'PRE_TAX_DEDUCTION_ELIGIBILITY', 'SIMPLIFIED_ANNUAL_INSPECTION']);
    expect((await call('GET', `/organizations/${uscc}/certificates`, rep)).body).toEqual([expect.objectContaining({ status: 'ISSUED', grade: '5A', returnDueOn: null })]);
  });
});
