import { startServiceContext } from '@sop/http';
import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '@sop/auth';
import { allTopicSpecs, CertificateIssued, EvaluationApplied, GradeAwarded, OrganizationRegistered, type OrganizationRegisteredV1 } from '@sop/contracts';
import { buildCloudEvent, EventChain, dataschemaOf, KafkaTransport, OutboxMessageOrmEntity, type CloudEvent, type Subscription } from '@sop/messaging';
import { dropDatabase } from '@sop/persistence';
import { testKafkaBrokers, testMysqlConfig, uniqueName, waitFor } from '@sop/testing';
import { buildCivilAffairsUscc, MovableClock } from '@sop/util';
import { CertificateReturns } from './application/certificates/certificates.use-cases';
import { AdjustGrade } from './application/grades/adjust-grade.use-case';
import { GradeHistoryQuery } from './application/grades/grade-history.query';
import { AnnounceResult } from './application/procedure/announce-result.use-case';
import { ApplyForEvaluation } from './application/procedure/apply-for-evaluation.use-cases';
import { AssessmentSteps } from './application/procedure/assessment-steps.use-cases';
import { DecisionSteps } from './application/procedure/decision-steps.use-cases';
import { DeclareExpertLink } from './application/procedure/expert-links.use-case';
import { ProcedureQueries } from './application/procedure/procedure.queries';
import { indicatorsOf, NATIONAL_FRAMEWORKS } from './domain/procedure/indicator-frameworks';
import { EvaluationModule } from './evaluation.module';
import { EvaluationOrganizationOrmEntity } from './infrastructure/evaluation.orm-entities';
import { organizationRegisteredData } from './test-support/organization-registered.fixture';
import { insertBeijingTestRuleSet } from './test-support/test-rule-set.fixture';

const producers = EventChain.detached();
const SSO = NATIONAL_FRAMEWORKS.find((f) => f.form === 'SOCIAL_SERVICE_ORGANIZATION')!;
/** Every indicator at its maximum, less the deductions given. */
const sheetScores = (deductions: Record<string, number>) => Object.fromEntries(indicatorsOf(SSO).map((i) => [i.code, i.max - (deductions[i.code] ?? 0)]));

/**
 * The evaluation procedure (issue 13; regulations §6 Procedure) on real MySQL/MariaDB and Kafka: application,
 * eligibility rule by rule, expert group with recusal, expert score sheets and their aggregation, committee, public
 * notice, a review that changes the grade, the announcement through the grade award with certificate and plaque,
 * a review request after the notice (refused), and the return of the certificate after a lowering.
 */
describe('evaluation procedure (MySQL + Kafka)', () => {
  const db = testMysqlConfig('evaluation_procedure');
  const transport = new KafkaTransport({ brokers: testKafkaBrokers(), clientId: uniqueName('evaluation-procedure-int') });
  const clock = new MovableClock(new Date('2026-06-01T02:00:00.000Z'));
  const groupId = uniqueName('evaluation-procedure-int-group');
  const evaluator: Principal = { subject: 'evaluator-haidian', roles: ['evaluator'], jurisdiction: '110108' };
  const auditor: Principal = { subject: 'auditor-1', roles: ['auditor'], jurisdiction: '100000' };
  let app: INestApplicationContext;
  let ds: DataSource;
  let topic: Subscription;
  const onKafka = new Map<string, CloudEvent>();
  const serialBase = Math.floor(Math.random() * 800_000_000);
  let serial = 0;

  async function register(name: string): Promise<string> {
    const uscc = buildCivilAffairsUscc('SOCIAL_SERVICE_ORGANIZATION', '110108', serialBase + ++serial);
    const data = organizationRegisteredData({ uscc, name: `${name}第${serialBase}号`, registeredAt: '2022-03-01T00:00:00.000Z' });
    const event = producers.next(buildCloudEvent<OrganizationRegisteredV1>('registration', dataschemaOf(OrganizationRegistered), { type: OrganizationRegistered.type, subject: uscc, data }, clock.now()));
    await transport.publish([{ topic: OrganizationRegistered.topic, key: uscc, value: JSON.stringify(event) }]);
    await waitFor(() => ds.getRepository(EvaluationOrganizationOrmEntity).findOneBy({ uscc }).then((r) => r ?? undefined), 60000, `organization ${uscc} projected`);
    return uscc;
  }
  const outboxTypes = async (uscc: string) => (await ds.getRepository(OutboxMessageOrmEntity).find({ where: { messageKey: uscc }, order: { id: 'ASC' } })).map((r) => (JSON.parse(r.envelope) as CloudEvent).type);
  const at = (iso: string) => clock.set(new Date(iso));

  beforeAll(async () => {
    await transport.ensureTopics([...allTopicSpecs(), { topic: `${groupId}.dlq`, partitions: 1 }]);
    app = await startServiceContext([EvaluationModule.register({ db, transport, clock, migrateOnStart: true, createDatabase: true }, { consumerGroupId: groupId, schedulerIntervalMs: 0 })]);
    ds = app.get(DataSource);
    await insertBeijingTestRuleSet(ds); // Beijing cut-offs: 5A ≥ 950, 4A ≥ 901, 3A ≥ 851 (a fixture, regulations §6 Scoring)
    topic = await transport.subscribe({ groupId: uniqueName('evaluation-procedure-reader'), topics: [GradeAwarded.topic], fromBeginning: true }, async (m) => {
      if (!m.value) return;
      const event = JSON.parse(m.value.toString()) as CloudEvent;
      onKafka.set(event.id, event);
    });
  });

  afterAll(async () => {
    await topic?.stop();
    await app?.close();
    await transport.close();
    await dropDatabase(db);
  });

  it('application → eligibility → experts (a linked expert recused) → scores → notice → a review raising the grade → announcement with certificate; a late review request is refused; the certificate comes back after a lowering', async () => {
    const apply = app.get(ApplyForEvaluation);
    const steps = app.get(AssessmentSteps);
    const decisions = app.get(DecisionSteps);
    const queries = app.get(ProcedureQueries);
    const uscc = await register('北京市海淀区评估程序社区服务中心');
    const rep: Principal = { subject: 'rep-1', roles: ['org-representative'], jurisdiction: '110108', organizationUscc: uscc };

    // 1. The organization applies (voluntary, 2026 measures); the eligibility review is due in 10 working days.
    at('2026-06-01T02:00:00.000Z');
    const applied = await apply.apply(uscc, rep);
    expect(applied).toMatchObject({ status: 'APPLIED', kind: 'EVALUATION', ruleVersion: 'evaluation/measures-2026@v1', frameworkVersion: 'evaluation-indicators/100000/SOCIAL_SERVICE_ORGANIZATION@v1', eligibilityReviewDueOn: '2026-06-15' });
    const id = applied.procedureId;
    await expect(apply.apply(uscc, rep)).rejects.toMatchObject({ code: 'EVALUATION.PROCEDURE_ALREADY_OPEN' });

    // 2. Eligibility, rule by rule, each with its evidence.
    at('2026-06-05T02:00:00.000Z');
    const reviewed = await steps.reviewEligibility(id, evaluator);
    expect(reviewed.status).toBe('ELIGIBLE');
    expect(reviewed.eligibility!.checks.every((c) => c.passed)).toBe(true);
    expect(reviewed.eligibility!.checks.find((c) => c.rule === 'REGISTERED_TWO_FULL_YEARS')?.evidence).toContain('2022-03-01');

    // 3. Recusal: an expert declared linked to the organization cannot be assigned (409, naming the rule); nothing is published.
    await app.get(DeclareExpertLink).declare('expert-linked', { uscc, basis: '曾任该中心理事' }, evaluator);
    const group = [{ expertId: 'expert-a', name: '张一' }, { expertId: 'expert-b', name: '李二' }, { expertId: 'expert-c', name: '王三' }];
    await expect(steps.assignExperts(id, [...group.slice(0, 2), { expertId: 'expert-linked', name: '赵四' }], evaluator)).rejects.toMatchObject({
      code: 'EVALUATION.EXPERT_CONFLICT_OF_INTEREST',
      kind: 'CONFLICT',
      violations: [expect.objectContaining({ field: 'experts', rule: 'EXPERT_RECUSAL_LINKED_ORGANIZATION' })],
    });
    expect(await outboxTypes(uscc)).not.toContain('evaluation.procedure.experts-assigned');
    await steps.assignExperts(id, group, evaluator);

    // 4. Field assessment and each expert's score sheet (no indicator above its maximum).
    at('2026-06-10T02:00:00.000Z');
    const assessed = await steps.recordFieldAssessment(id, '实地查看档案与服务现场', evaluator);
    // 7 working days: 11, 12, 15–18 June, then 19 June is the Dragon Boat Festival holiday → Monday 22 June; 30 days → 10 July.
    expect(assessed.fieldAssessment).toMatchObject({ fieldOpinionDueOn: '2026-06-22', reportDueOn: '2026-07-10' });
    await expect(steps.recordScoreSheet(id, { expertId: 'expert-a', scores: { ...sheetScores({}), 'BA.1': 161 } }, evaluator)).rejects.toMatchObject({
      code: 'EVALUATION.SCORE_SHEET_INVALID',
      violations: [expect.objectContaining({ field: 'scores.BA.1', rule: 'AT_MOST_THE_INDICATOR_MAXIMUM' })],
    });
    await steps.recordScoreSheet(id, { expertId: 'expert-a', scores: sheetScores({ 'BA.1': 70, 'IG.5': 60 }) }, evaluator); // 870
    await steps.recordScoreSheet(id, { expertId: 'expert-b', scores: sheetScores({ 'BA.1': 80, 'IG.5': 60 }) }, evaluator); // 860
    await expect(steps.givePreliminaryOpinion(id, '建议评为3A', evaluator)).rejects.toMatchObject({ code: 'EVALUATION.PROCEDURE_STEP_OUT_OF_ORDER', extensions: { rule: 'EVERY_EXPERT_SCORED' } });
    await steps.recordScoreSheet(id, { expertId: 'expert-c', scores: sheetScores({ 'BA.1': 65, 'IG.5': 60 }) }, evaluator); // 875

    // 5. Preliminary opinion: (870 + 860 + 875) / 3 = 868.33 → 868 by MEAN_PER_INDICATOR@v1 → 3A under the Beijing cut-offs.
    at('2026-06-12T02:00:00.000Z');
    const opinion = await steps.givePreliminaryOpinion(id, '建议评为3A', evaluator);
    expect(opinion.opinion).toMatchObject({ proposedGrade: '3A', late: false, localRuleVersion: 'evaluation/110000@v1', aggregation: { method: 'MEAN_PER_INDICATOR@v1', total: 868, exactTotal: 868.33, experts: 3 } });
    expect(opinion.opinion!.aggregation.indicators.find((i) => i.code === 'BA.1')).toEqual({ code: 'BA.1', max: 160, mean: 88.33 });

    // 6. The committee (quorum and vote as the grade award), the public notice with written notice.
    at('2026-06-23T02:00:00.000Z');
    await expect(decisions.recordCommitteeDecision(id, { committee: { members: 9, present: 5, inFavour: 5 } }, evaluator)).rejects.toMatchObject({ code: 'EVALUATION.COMMITTEE_NO_QUORUM' });
    expect((await decisions.recordCommitteeDecision(id, { committee: { members: 9, present: 7, inFavour: 6 } }, evaluator)).decision).toMatchObject({ grade: '3A', total: 868 });
    at('2026-06-24T02:00:00.000Z');
    const onNotice = await decisions.publishNotice(id, evaluator);
    expect(onNotice.notice).toMatchObject({ endsOn: '2026-07-01', endsAt: '2026-07-01T16:00:00.000Z', writtenNoticeAt: '2026-06-24T02:00:00.000Z' });

    // 7. A review during the notice, decided by named vote, raises the total to 905: 4A.
    at('2026-06-26T02:00:00.000Z');
    const review = await decisions.requestReview(id, '对“业务活动”得分有异议，补充材料', rep);
    expect(review.decisionDueOn).toBe('2026-07-13'); // 15 days → Saturday 11 July → Monday 13 July
    at('2026-06-30T02:00:00.000Z');
    const votes = ['委员1', '委员2', '委员3', '委员4', '委员5', '委员6', '委员7'].map((member, i) => ({ member, inFavour: i < 6 }));
    const decided = await decisions.decideReview(id, review.reviewId, { members: 9, votes, total: 905, explanation: '补充材料证实业务活动得分应予提高' }, evaluator);
    expect(decided.decision).toMatchObject({ body: 'EVALUATION_COMMITTEE', previousGrade: '3A', grade: '4A', total: 905, late: false });

    // The announcement waits for the end of the notice (24:00 Beijing time on 1 July).
    at('2026-07-01T10:00:00.000Z');
    await expect(app.get(AnnounceResult).announce(id, evaluator)).rejects.toMatchObject({ extensions: { rule: 'ANNOUNCE_AFTER_PUBLIC_NOTICE' } });
    // A review request after the notice: refused with its code.
    at('2026-07-01T16:00:00.000Z');
    await expect(decisions.requestReview(id, '再次异议', rep)).rejects.toMatchObject({ code: 'EVALUATION.REVIEW_PERIOD_OVER', kind: 'REFUSED', extensions: { rule: 'REVIEW_DURING_PUBLIC_NOTICE' } });

    // 8. The announcement: GradeAwarded through the grade award with the reviewed total, then certificate and plaque.
    at('2026-07-02T02:00:00.000Z');
    const announced = await app.get(AnnounceResult).announce(id, evaluator);
    expect(announced.grade).toMatchObject({ grade: '4A', score: 905, validFrom: '2027-01-01', validUntil: '2031-12-31', basis: 'FIRST_EVALUATION' });
    expect(announced.certificate).toMatchObject({ grade: '4A', status: 'ISSUED', certificateNumber: expect.stringMatching(/^C110108-2026-4A-\d{5}$/), plaqueNumber: expect.stringMatching(/^P110108-2026-4A-\d{5}$/) });
    expect(await outboxTypes(uscc)).toEqual([
      'evaluation.procedure.applied',
      'evaluation.procedure.eligibility-reviewed',
      'evaluation.procedure.experts-assigned',
      'evaluation.procedure.field-assessed',
      'evaluation.procedure.indicators-scored',
      'evaluation.procedure.indicators-scored',
      'evaluation.procedure.indicators-scored',
      'evaluation.procedure.preliminary-opinion-given',
      'evaluation.procedure.committee-decided',
      'evaluation.procedure.notice-published',
      'evaluation.procedure.review-requested',
      'evaluation.procedure.review-decided',
      'evaluation.grade.awarded',
      'evaluation.procedure.announced',
      'evaluation.certificate.issued',
    ]);
    // On Kafka, chained, keyed by the USCC; experts only by pseudonym.
    const onBroker = await waitFor(() => {
      const mine = [...onKafka.values()].filter((e) => e.subject === uscc);
      return mine.some((e) => e.type === CertificateIssued.type) ? mine : undefined;
    }, 60000, 'the certificate on Kafka');
    expect(onBroker.find((e) => e.type === EvaluationApplied.type)?.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(onBroker)).not.toMatch(/expert-a|张一/);
    expect(onBroker.find((e) => e.type === 'evaluation.procedure.experts-assigned')?.data).toMatchObject({ experts: ['expert 1', 'expert 2', 'expert 3'] });

    // Scorecards: the organization sees its own indicator-level scorecard with pseudonymous experts; the committee sees names.
    const own = await queries.procedure(id, rep);
    expect(own.experts).toEqual([{ pseudonym: 'expert 1' }, { pseudonym: 'expert 2' }, { pseudonym: 'expert 3' }]);
    const ba1 = own.scorecard!.sections[2].indicators.find((i) => i.code === 'BA.1');
    expect(ba1).toEqual({ code: 'BA.1', name: '业务活动', max: 160, mean: 88.33, byExpert: [{ expert: 'expert 1', points: 90 }, { expert: 'expert 2', points: 80 }, { expert: 'expert 3', points: 95 }] });
    expect(JSON.stringify(own)).not.toMatch(/expert-a|张一|委员1/);
    expect(JSON.stringify(await queries.procedure(id, auditor))).not.toMatch(/张一/);
    expect((await queries.procedure(id, evaluator)).experts[0]).toEqual({ pseudonym: 'expert 1', expertId: 'expert-a', name: '张一' });
    await expect(queries.procedure(id, { ...rep, organizationUscc: '52110108MJ0000018M' })).rejects.toMatchObject({ code: 'EVALUATION.NOT_OWN_ORGANIZATION' });
    // The public: the grade, its validity and what it unlocks.
    expect(await queries.publicGrade(uscc)).toMatchObject({
      grade: '4A',
      validFrom: '2027-01-01',
      validUntil: '2031-12-31',
      benefits: expect.arrayContaining([expect.objectContaining({ benefit: 'PURCHASING_PRIORITY' }), expect.objectContaining({ benefit: 'PRE_TAX_DEDUCTION_ELIGIBILITY' }), expect.objectContaining({ benefit: 'SIMPLIFIED_ANNUAL_INSPECTION' })]),
    });

    // 9. A lowering: the certificate is due back within 15 days (Monday 3 August → Tuesday 18 August); returned in time.
    const returns = app.get(CertificateReturns);
    const certificateId = announced.certificate!.certificateId;
    await expect(returns.recordReturn(certificateId, evaluator)).rejects.toMatchObject({ code: 'EVALUATION.CERTIFICATE_NOT_DUE' });
    at('2026-08-03T02:00:00.000Z');
    await app.get(AdjustGrade).execute(announced.grade.gradeId, { newGrade: '2A', reason: 'ADMINISTRATIVE_PENALTY', explanation: '受到行政处罚' }, evaluator);
    expect((await returns.list(uscc, rep))[0]).toMatchObject({ status: 'ISSUED', returnDueOn: '2026-08-18' });
    at('2026-08-10T02:00:00.000Z');
    await expect(returns.void(certificateId, '作废公告', evaluator)).rejects.toMatchObject({ code: 'EVALUATION.CERTIFICATE_RETURN_PERIOD_RUNNING' });
    expect(await returns.recordReturn(certificateId, evaluator)).toMatchObject({ status: 'RETURNED', returnedAt: '2026-08-10T02:00:00.000Z' });
    await expect(returns.recordReturn(certificateId, evaluator)).rejects.toMatchObject({ code: 'EVALUATION.CERTIFICATE_NOT_DUE' });
    expect((await outboxTypes(uscc)).slice(-2)).toEqual(['evaluation.grade.adjusted', 'evaluation.certificate.returned']);
    expect((await app.get(GradeHistoryQuery).execute(uscc, evaluator)).grades[0]).toMatchObject({ grade: '2A', awardedGrade: '4A' });
    expect((await queries.publicGrade(uscc)).benefits).toEqual([]);
  });

  it('a certificate not returned within the 15 days is voided by announcement; a tracking evaluation samples 4A+ only', async () => {
    const uscc = await register('北京市海淀区跟踪评估社区服务中心');
    const rep: Principal = { subject: 'rep-2', roles: ['org-representative'], jurisdiction: '110108', organizationUscc: uscc };
    const apply = app.get(ApplyForEvaluation);
    await expect(apply.openTracking(uscc, evaluator)).rejects.toMatchObject({ code: 'EVALUATION.TRACKING_NOT_ADMITTED' });
    // A whole procedure at 5A (all experts at the maximum), quickly.
    at('2026-09-01T02:00:00.000Z');
    const id = (await apply.apply(uscc, rep)).procedureId;
    const steps = app.get(AssessmentSteps);
    const decisions = app.get(DecisionSteps);
    await steps.reviewEligibility(id, evaluator);
    await steps.assignExperts(id, [{ expertId: 'expert-d', name: '钱五' }], evaluator);
    await steps.recordFieldAssessment(id, '实地考察', evaluator);
    await steps.recordScoreSheet(id, { expertId: 'expert-d', scores: sheetScores({}) }, evaluator);
    await steps.givePreliminaryOpinion(id, '建议评为5A', evaluator);
    await decisions.recordCommitteeDecision(id, { committee: { members: 9, present: 9, inFavour: 9 } }, evaluator);
    await decisions.publishNotice(id, evaluator);
    at('2026-09-20T02:00:00.000Z');
    const { grade, certificate } = await app.get(AnnounceResult).announce(id, evaluator);
    expect(grade.grade).toBe('5A');
    // Tracking evaluation of the 5A organization (2026 measures): a procedure of kind TRACKING, no eligibility review.
    const tracking = await apply.openTracking(uscc, evaluator);
    expect(tracking).toMatchObject({ kind: 'TRACKING', status: 'ELIGIBLE' });
    // Cancelled; the certificate stays out past the 15 days → voided by announcement.
    at('2026-10-09T02:00:00.000Z');
    await app.get(AdjustGrade).execute(grade.gradeId, { reason: 'SERIOUS_LIST', explanation: '列入严重违法失信名单' }, evaluator);
    const returns = app.get(CertificateReturns);
    const due = (await returns.list(uscc, evaluator))[0].returnDueOn!;
    at(new Date(new Date(`${due}T16:00:00.000Z`).getTime()).toISOString());
    expect(await returns.void(certificate!.certificateId, '关于宣布证书牌匾作废的公告', evaluator)).toMatchObject({ status: 'VOIDED', voidAnnouncement: '关于宣布证书牌匾作废的公告' });
    expect((await outboxTypes(uscc)).slice(-1)).toEqual(['evaluation.certificate.voided']);
  });
});
