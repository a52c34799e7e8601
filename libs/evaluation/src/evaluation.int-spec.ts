import { startServiceContext } from '@sop/http';
import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '@sop/auth';
import {
  allTopicSpecs,
  AnnualReportOverdue,
  AnnualReportReviewed,
  GradeAdjusted,
  GradeAwarded,
  GradeExpired,
  JointMeasuresChanged,
  OrganizationDeregistered,
  OrganizationRegistered,
  OrganizationRevoked,
  PenaltyRecorded,
  type AnnualReportOverdueV1,
  type AnnualReportReviewedV1,
  type GradeAdjustedV1,
  type GradeAwardedV1,
  type GradeExpiredV1,
  type JointMeasuresChangedV1,
  type OrganizationDeregisteredV1,
  type OrganizationRegisteredV1,
  type OrganizationRevokedV1,
  type PenaltyRecordedV1,
} from '@sop/contracts';
import {
  buildCloudEvent,
  EventChain,
  dataschemaOf,
  InboxMessageOrmEntity,
  KafkaTransport,
  OutboxMessageOrmEntity,
  type CloudEvent,
  type Subscription,
} from '@sop/messaging';
import { dropDatabase } from '@sop/persistence';
import { testKafkaBrokers, testMysqlConfig, uniqueName, waitFor } from '@sop/testing';
import { randomUUID } from 'node:crypto';
import { buildCivilAffairsUscc, MovableClock } from '@sop/util';
import { PublishDueExpiries } from './application/expiry/publish-due-expiries.use-case';
import { AdjustGrade } from './application/grades/adjust-grade.use-case';
import { AwardGrade } from './application/grades/award-grade.use-case';
import { GradeHistoryQuery } from './application/grades/grade-history.query';
import { OrganizationViewQuery } from './application/organizations/organization-view.query';
import { RecordInvestigation } from './application/organizations/record-investigation.use-case';
import { EvaluationScheduler } from './application/schedulers/evaluation.scheduler';
import { VerificationCases } from './application/verification-cases/verification-cases.use-cases';
import { EvaluationModule } from './evaluation.module';
import { organizationRegisteredData } from './test-support/organization-registered.fixture';
import { insertBeijingTestRuleSet } from './test-support/test-rule-set.fixture';
import {
  EvaluationAnnualReportOrmEntity,
  EvaluationCreditMeasuresOrmEntity,
  EvaluationPenaltyOrmEntity,
  EvaluationGradeAdjustmentOrmEntity,
  EvaluationGradeOrmEntity,
  EvaluationOrganizationOrmEntity,
  EvaluationVerificationCaseOrmEntity,
} from './infrastructure/evaluation.orm-entities';

/** The other services' events these tests publish, chained as their relays would (consumers refuse unchained events). */
const producers = EventChain.detached();

/**
 * Registration's and credit supervision's events (envelopes built with the contracts, as their outbox relays
 * publish them) arrive over Kafka on real MySQL/MariaDB; grades decided through the service go out through the
 * outbox and the relay to Kafka, with the rule version (regulations §6).
 */
describe('evaluation grade decisions (MySQL + Kafka)', () => {
  const db = testMysqlConfig('evaluation');
  const transport = new KafkaTransport({ brokers: testKafkaBrokers(), clientId: uniqueName('evaluation-int') });
  const clock = new MovableClock(new Date('2026-06-01T00:00:00.000Z'));
  const groupId = uniqueName('evaluation-int-group');
  const evaluator: Principal = { subject: 'evaluator-beijing', roles: ['evaluator'], jurisdiction: '110000' };
  const committee = { members: 9, present: 7, inFavour: 6 };
  let app: INestApplicationContext;
  let awardGrade: AwardGrade;
  let adjustGrade: AdjustGrade;
  let gradeHistory: GradeHistoryQuery;
  let organizationView: OrganizationViewQuery;
  let verificationCases: VerificationCases;
  let publishDueExpiries: PublishDueExpiries;
  let scheduler: EvaluationScheduler;
  let ds: DataSource;
  let gradeTopic: Subscription;
  /** Evaluation's events read back from Kafka, by event id. */
  const onKafka = new Map<string, CloudEvent>();

  const serialBase = Math.floor(Math.random() * 800_000_000);
  let serial = 0;

  async function send<T extends object>(source: string, contract: { type: string; topic: string; version: number }, subject: string, data: T): Promise<CloudEvent<T>> {
    const event = producers.next(buildCloudEvent(source, dataschemaOf(contract), { type: contract.type, subject, data }, clock.now()));
    await redeliver(contract, event);
    return event;
  }
  async function redeliver(contract: { topic: string }, event: CloudEvent<object>): Promise<void> {
    await transport.publish([{ topic: contract.topic, key: event.subject, value: JSON.stringify(event) }]);
  }

  async function register(name: string, registeredAt = '2022-03-01T00:00:00.000Z'): Promise<string> {
    const uscc = buildCivilAffairsUscc('SOCIAL_SERVICE_ORGANIZATION', '110108', serialBase + ++serial);
    await send<OrganizationRegisteredV1>('registration', OrganizationRegistered, uscc, organizationRegisteredData({ uscc, name: `${name}第${serialBase}号`, registeredAt }));
    await waitFor(() => ds.getRepository(EvaluationOrganizationOrmEntity).findOneBy({ uscc }).then((r) => r ?? undefined), 60000, `organization ${uscc} projected`);
    return uscc;
  }

  function measuresChanged(uscc: string, lists: string[], measures: string[], effectiveFrom: string) {
    return send<JointMeasuresChangedV1>('credit-supervision', JointMeasuresChanged, uscc, { uscc, lists, measures, effectiveFrom, ruleVersion: 'credit-lists/order-60@v1' });
  }
  const measuresFrom = (eventId: string) =>
    waitFor(() => ds.getRepository(EvaluationCreditMeasuresOrmEntity).findOneBy({ lastEventId: eventId }).then((r) => r ?? undefined), 30000, `measures from ${eventId}`);

  async function outbox(uscc: string) {
    const rows = await ds.getRepository(OutboxMessageOrmEntity).find({ where: { messageKey: uscc }, order: { id: 'ASC' } });
    return rows.map((r) => JSON.parse(r.envelope) as CloudEvent);
  }
  const published = (eventId: string) => waitFor(() => onKafka.get(eventId), 60000, `event ${eventId} on Kafka`);

  beforeAll(async () => {
    await transport.ensureTopics([...allTopicSpecs(), { topic: `${groupId}.dlq`, partitions: 1 }]);
    app = await startServiceContext([EvaluationModule.register({ db, transport, clock, migrateOnStart: true, createDatabase: true }, { consumerGroupId: groupId, schedulerIntervalMs: 0 })]);
    awardGrade = app.get(AwardGrade);
    adjustGrade = app.get(AdjustGrade);
    gradeHistory = app.get(GradeHistoryQuery);
    organizationView = app.get(OrganizationViewQuery);
    verificationCases = app.get(VerificationCases);
    publishDueExpiries = app.get(PublishDueExpiries);
    scheduler = app.get(EvaluationScheduler);
    ds = app.get(DataSource);
    await insertBeijingTestRuleSet(ds);
    gradeTopic = await transport.subscribe({ groupId: uniqueName('evaluation-int-reader'), topics: [GradeAwarded.topic], fromBeginning: true }, async (m) => {
      if (!m.value) return;
      const event = JSON.parse(m.value.toString()) as CloudEvent;
      onKafka.set(event.id, event);
    });
  });

  afterAll(async () => {
    await gradeTopic?.stop();
    await app?.close();
    await transport.close();
    await dropDatabase(db);
  });

  it('organization registered → grade awarded → GradeAwarded in the outbox and on Kafka with ruleVersion; re-evaluation supersedes it', async () => {
    clock.set(new Date('2026-06-01T00:00:00.000Z'));
    const uscc = await register('北京市海淀区甲社区服务中心');

    const first = await awardGrade.execute({ uscc, score: 912, announcedAt: '2026-05-20T02:00:00.000Z', committee }, evaluator);
    expect(first).toMatchObject({ uscc, grade: '4A', validFrom: '2027-01-01', validUntil: '2031-12-31', status: 'ACTIVE', inForce: false, basis: 'FIRST_EVALUATION', ruleVersion: 'evaluation/measures-2026@v1' });
    const expected: GradeAwardedV1 = {
      gradeId: first.gradeId,
      uscc,
      grade: '4A',
      score: 912,
      evaluatingAuthority: '110108',
      announcedAt: '2026-05-20T02:00:00.000Z',
      validFrom: '2027-01-01',
      validUntil: '2031-12-31',
      ruleVersion: 'evaluation/measures-2026@v1',
      localRuleVersion: 'evaluation/110000@v1', // the cut-offs that decided it (regulations §6 Scoring: set locally)
    };
    const [inOutbox] = await outbox(uscc);
    expect(inOutbox).toMatchObject({ id: first.eventId, type: GradeAwarded.type, source: 'evaluation', subject: uscc, policyversion: 'evaluation/measures-2026@v1', data: expected });
    const onBroker = await published(first.eventId);
    expect(onBroker).toMatchObject({ type: 'evaluation.grade.awarded', data: expected });
    expect(onBroker.hash).toMatch(/^[0-9a-f]{64}$/); // chained by the relay

    // 2026 measures: re-evaluation within the first 4 years of validity replaces the grade.
    const second = await awardGrade.execute({ uscc, score: 955, announcedAt: '2026-05-28T02:00:00.000Z', committee: { members: 15, present: 10, inFavour: 8 } }, evaluator);
    expect(second).toMatchObject({ grade: '5A', basis: 'RE_EVALUATION', replacesGradeId: first.gradeId });
    expect((await published(second.eventId)).data).toMatchObject({ grade: '5A', replacesGradeId: first.gradeId, ruleVersion: 'evaluation/measures-2026@v1' });
    const history = await gradeHistory.execute(uscc, evaluator);
    expect(history.grades.map((g) => [g.grade, g.status, g.supersededByGradeId])).toEqual([
      ['5A', 'ACTIVE', null],
      ['4A', 'SUPERSEDED', second.gradeId],
    ]);
    expect((await organizationView.execute(uscc, evaluator)).currentGrade).toMatchObject({ gradeId: second.gradeId, grade: '5A' });

    // Refusals are problems naming field and rule; nothing is published for them.
    await expect(awardGrade.execute({ uscc, score: 960, announcedAt: '2026-05-30T00:00:00.000Z', committee: { members: 9, present: 5, inFavour: 5 } }, evaluator)).rejects.toMatchObject({
      kind: 'REFUSED',
      code: 'EVALUATION.COMMITTEE_NO_QUORUM',
      violations: [expect.objectContaining({ field: 'committee.present', rule: 'COMMITTEE_QUORUM_TWO_THIRDS' })],
    });
    await expect(awardGrade.execute({ uscc, score: 960, announcedAt: '2026-05-30T00:00:00.000Z', committee }, { ...evaluator, jurisdiction: '310000' })).rejects.toMatchObject({ kind: 'NOT_FOUND', code: 'EVALUATION.ORGANIZATION_NOT_FOUND' });
    expect((await outbox(uscc)).map((e) => e.type)).toEqual([GradeAwarded.type, GradeAwarded.type]);
  });

  it('JointMeasuresChanged with NO_EVALUATION → awarding is refused; the next set (lifted) replaces it', async () => {
    clock.set(new Date('2026-07-01T00:00:00.000Z'));
    const uscc = await register('北京市海淀区乙社区服务中心');
    const listed = await measuresChanged(uscc, ['ABNORMAL'], ['NO_PURCHASE_OF_SERVICES', 'NO_EVALUATION'], '2026-06-20T00:00:00.000Z');
    await measuresFrom(listed.id);

    await expect(awardGrade.execute({ uscc, score: 880, announcedAt: '2026-06-30T00:00:00.000Z', committee }, evaluator)).rejects.toMatchObject({
      kind: 'REFUSED',
      code: 'EVALUATION.NOT_ELIGIBLE',
      violations: [expect.objectContaining({ field: 'uscc', rule: 'CREDIT_MEASURE_NO_EVALUATION' })],
    });
    expect((await organizationView.execute(uscc, evaluator)).eligibility).toMatchObject({ eligible: false, reason: { code: 'EVALUATION.NOT_ELIGIBLE', rule: 'CREDIT_MEASURE_NO_EVALUATION' } });
    expect(await outbox(uscc)).toEqual([]);

    const lifted = await measuresChanged(uscc, [], [], '2026-06-29T00:00:00.000Z');
    expect(await measuresFrom(lifted.id)).toMatchObject({ lists: '', measures: '' });
    expect((await organizationView.execute(uscc, evaluator)).eligibility).toMatchObject({ eligible: true, basis: 'FIRST_EVALUATION' });
    expect(await awardGrade.execute({ uscc, score: 880, announcedAt: '2026-06-30T00:00:00.000Z', committee }, evaluator)).toMatchObject({ grade: '3A' });
  });

  it('GRADE_DOWNGRADE_REFERENCE → one verification case (redelivery adds nothing); the adjustment closes it and publishes GradeAdjusted', async () => {
    clock.set(new Date('2026-08-01T00:00:00.000Z'));
    const uscc = await register('北京市海淀区丙社区服务中心');
    const grade = await awardGrade.execute({ uscc, score: 930, announcedAt: '2026-07-15T00:00:00.000Z', committee }, evaluator);

    const serious = ['KEY_SUPERVISION', 'NO_FUNDING', 'NO_PURCHASE_OF_SERVICES', 'NO_HONOURS', 'GRADE_DOWNGRADE_REFERENCE', 'NO_EVALUATION'];
    const listed = await measuresChanged(uscc, ['SERIOUS'], serious, '2026-07-25T00:00:00.000Z');
    const cases = () => ds.getRepository(EvaluationVerificationCaseOrmEntity).find({ where: { uscc } });
    const [opened] = await waitFor(async () => ((await cases()).length ? cases() : undefined), 30000, 'verification case');
    expect(opened).toMatchObject({ gradeId: grade.gradeId, status: 'OPEN', cause: 'CREDIT_GRADE_DOWNGRADE_REFERENCE', evidence: JSON.stringify([listed.id]), ruleVersion: 'evaluation/measures-2026@v1' });

    // The same envelope again, then a later set on the same key (consumed after it): still one case, each event once.
    await redeliver(JointMeasuresChanged, listed);
    const again = await measuresChanged(uscc, ['SERIOUS'], serious, '2026-07-28T00:00:00.000Z');
    await measuresFrom(again.id);
    expect((await cases()).map((c) => [c.id, c.status, JSON.parse(c.evidence)])).toEqual([[opened.id, 'OPEN', [listed.id, again.id]]]);
    expect((await organizationView.execute(uscc, evaluator)).currentGrade).toMatchObject({ grade: '4A' }); // never lowered automatically
    expect((await verificationCases.list('OPEN', evaluator)).items.map((c) => c.id)).toContain(opened.id);
    expect((await verificationCases.list('OPEN', { ...evaluator, jurisdiction: '310000' })).items.map((c) => c.id)).not.toContain(opened.id);

    await expect(adjustGrade.execute(grade.gradeId, { newGrade: '5A', reason: 'SERIOUS_LIST', explanation: '列入严重违法失信名单' }, evaluator)).rejects.toMatchObject({ kind: 'REFUSED', code: 'EVALUATION.ADJUSTMENT_NOT_LOWER' });
    const adjusted = await adjustGrade.execute(grade.gradeId, { newGrade: '2A', reason: 'VERIFICATION_EVALUATION', explanation: '核查评估：列入严重违法失信名单', evidence: ['核查报告-2026-001'] }, evaluator);
    expect(adjusted).toMatchObject({ grade: { gradeId: grade.gradeId, grade: '2A', awardedGrade: '4A', status: 'ACTIVE' }, closedCases: [opened.id] });
    const expected: GradeAdjustedV1 = {
      gradeId: grade.gradeId,
      uscc,
      previousGrade: '4A',
      newGrade: '2A',
      reason: 'VERIFICATION_EVALUATION',
      explanation: '核查评估：列入严重违法失信名单',
      effectiveAt: '2026-08-01T00:00:00.000Z',
      evidence: ['核查报告-2026-001', listed.id, again.id],
      ruleVersion: 'evaluation/measures-2026@v1',
    };
    const events = await outbox(uscc);
    expect(events.map((e) => e.type)).toEqual([GradeAwarded.type, GradeAdjusted.type]);
    expect(events[1]).toMatchObject({ id: adjusted.adjustment.eventId, policyversion: 'evaluation/measures-2026@v1', data: expected });
    expect((await published(adjusted.adjustment.eventId)).data).toEqual(expected);
    expect((await cases())[0]).toMatchObject({ status: 'CLOSED', outcome: 'GRADE_ADJUSTED', adjustmentId: adjusted.adjustment.id });

    // Cancelling what is left; afterwards there is nothing in force to adjust.
    clock.set(new Date('2026-08-02T00:00:00.000Z'));
    const cancelled = await adjustGrade.execute(grade.gradeId, { reason: 'SERIOUS_LIST', explanation: '撤销等级' }, evaluator);
    expect(cancelled.grade).toMatchObject({ status: 'CANCELLED', grade: '2A' });
    expect((await published(cancelled.adjustment.eventId)).data).not.toHaveProperty('newGrade');
    await expect(adjustGrade.execute(grade.gradeId, { reason: 'SERIOUS_LIST', explanation: '再次' }, evaluator)).rejects.toMatchObject({ kind: 'CONFLICT', code: 'EVALUATION.GRADE_NOT_IN_FORCE' });
    // Certificate and plaque back within 15 days (Beijing dates, moved off rest days): notice on Saturday 1 August →
    // the 15th day, Sunday 16 August, moves to Monday 17 August; notice on Sunday 2 August → Monday 17 August.
    const history = (await gradeHistory.execute(uscc, evaluator)).grades[0];
    expect(history.adjustments.map((a) => [a.previousGrade, a.newGrade, a.effectiveOn, a.certificateReturnDueOn, a.calendarVersion])).toEqual([
      // The calendar's version is whatever this service holds: other suites publish test years to the shared broker.
      ['4A', '2A', '2026-08-01', '2026-08-17', expect.stringMatching(/^cn-official-holidays@v\d+$/)],
      ['2A', null, '2026-08-02', '2026-08-17', expect.stringMatching(/^cn-official-holidays@v\d+$/)],
    ]);
    expect(history).toMatchObject({ certificateReturnDueOn: '2026-08-17', certificateReturnDueBy: '2026-08-17T16:00:00.000Z' });
    expect(await ds.getRepository(EvaluationGradeAdjustmentOrmEntity).findOneByOrFail({ id: cancelled.adjustment.id })).toMatchObject({ certificateReturnDueOn: '2026-08-17', calendarVersion: expect.stringMatching(/^cn-official-holidays@v\d+$/) });
  });

  it('OrganizationRevoked → REVOKED, the grade in force kept under a REGISTRATION_REVOKED case, awarding refused (ORGANIZATION_NOT_ACTIVE); redelivery adds nothing', async () => {
    clock.set(new Date('2026-09-01T00:00:00.000Z'));
    const uscc = await register('北京市海淀区丁社区服务中心');
    const grade = await awardGrade.execute({ uscc, score: 905, announcedAt: '2026-08-20T00:00:00.000Z', committee }, evaluator);
    expect((await organizationView.execute(uscc, evaluator)).registrationStatus).toBe('ACTIVE');

    const revoked = await send<OrganizationRevokedV1>('registration', OrganizationRevoked, uscc, {
      uscc,
      registeringAuthority: '110108',
      reason: '连续两年未参加年度检查',
      legalBasis: '民办非企业单位登记管理暂行条例第二十五条',
      revokedAt: '2026-08-28T00:00:00.000Z',
    });
    const org = () => ds.getRepository(EvaluationOrganizationOrmEntity).findOneByOrFail({ uscc });
    await waitFor(async () => ((await org()).registrationStatus === 'REVOKED' ? true : undefined), 30000, `${uscc} revoked`);
    expect(await org()).toMatchObject({ registrationStatus: 'REVOKED', registrationStatusAt: new Date('2026-08-28T00:00:00.000Z'), registrationStatusEventId: revoked.id });

    const cases = () => ds.getRepository(EvaluationVerificationCaseOrmEntity).find({ where: { uscc } });
    const [opened] = await cases();
    expect(opened).toMatchObject({ gradeId: grade.gradeId, status: 'OPEN', cause: 'REGISTRATION_REVOKED', evidence: JSON.stringify([revoked.id]), ruleVersion: 'evaluation/measures-2026@v1' });
    const view = await organizationView.execute(uscc, evaluator);
    expect(view).toMatchObject({
      registrationStatus: 'REVOKED',
      registrationStatusAt: '2026-08-28T00:00:00.000Z',
      currentGrade: { gradeId: grade.gradeId, grade: '4A', status: 'ACTIVE' }, // not cancelled automatically
      eligibility: { eligible: false, reason: { code: 'EVALUATION.NOT_ELIGIBLE', field: 'uscc', rule: 'ORGANIZATION_NOT_ACTIVE' } },
    });
    await expect(awardGrade.execute({ uscc, score: 950, announcedAt: '2026-08-30T00:00:00.000Z', committee }, evaluator)).rejects.toMatchObject({
      kind: 'REFUSED',
      code: 'EVALUATION.NOT_ELIGIBLE',
      violations: [expect.objectContaining({ field: 'uscc', rule: 'ORGANIZATION_NOT_ACTIVE' })],
    });

    // The same envelope again, then a deregistration on the same key (consumed after it): still one case, the
    // revocation cited once, the deregistration added to it; nothing published but the grade.
    await redeliver(OrganizationRevoked, revoked);
    const deregistered = await send<OrganizationDeregisteredV1>('registration', OrganizationDeregistered, uscc, {
      uscc,
      registeringAuthority: '110108',
      reason: '清算完毕',
      liquidationCompletedOn: '2026-08-29',
      filedLate: false,
      deregisteredAt: '2026-08-31T00:00:00.000Z',
    });
    await waitFor(async () => ((await org()).registrationStatus === 'DEREGISTERED' ? true : undefined), 30000, `${uscc} deregistered`);
    expect((await cases()).map((c) => [c.id, c.status, c.cause, JSON.parse(c.evidence)])).toEqual([[opened.id, 'OPEN', 'REGISTRATION_REVOKED', [revoked.id, deregistered.id]]]);
    expect(await org()).toMatchObject({ registrationStatus: 'DEREGISTERED', registrationStatusEventId: deregistered.id });
    expect((await outbox(uscc)).map((e) => e.type)).toEqual([GradeAwarded.type]);
  });

  it('a revocation of an organization evaluation never projected records nothing', async () => {
    const uscc = buildCivilAffairsUscc('SOCIAL_SERVICE_ORGANIZATION', '110108', serialBase + ++serial);
    const revoked = await send<OrganizationRevokedV1>('registration', OrganizationRevoked, uscc, { uscc, registeringAuthority: '110108', reason: '未登记', legalBasis: '条例', revokedAt: '2026-08-28T00:00:00.000Z' });
    // Consumed once its inbox row exists (the handler ran without failing, so nothing was dead-lettered).
    await waitFor(() => ds.getRepository(InboxMessageOrmEntity).findOneBy({ eventId: revoked.id }).then((r) => r ?? undefined), 30000, `revocation ${revoked.id} consumed`);
    expect(await ds.getRepository(EvaluationOrganizationOrmEntity).findOneBy({ uscc })).toBeNull();
    expect(await ds.getRepository(EvaluationVerificationCaseOrmEntity).findBy({ uscc })).toEqual([]);
  });

  it('validity ended → the scheduler publishes one GradeExpired per ACTIVE grade (lowered: its grade now); again nothing; SUPERSEDED / CANCELLED never', async () => {
    clock.set(new Date('2026-10-01T00:00:00.000Z'));
    const plain = await register('北京市海淀区戊社区服务中心');
    const reEvaluated = await register('北京市海淀区己社区服务中心');
    const cancelledOrg = await register('北京市海淀区庚社区服务中心');
    const loweredOrg = await register('北京市海淀区辛社区服务中心');
    const expiring = await awardGrade.execute({ uscc: plain, score: 912, announcedAt: '2026-09-20T00:00:00.000Z', committee }, evaluator);
    const superseded = await awardGrade.execute({ uscc: reEvaluated, score: 880, announcedAt: '2026-09-20T00:00:00.000Z', committee }, evaluator);
    const replacing = await awardGrade.execute({ uscc: reEvaluated, score: 955, announcedAt: '2026-09-25T00:00:00.000Z', committee }, evaluator);
    const cancelled = await awardGrade.execute({ uscc: cancelledOrg, score: 905, announcedAt: '2026-09-20T00:00:00.000Z', committee }, evaluator);
    await adjustGrade.execute(cancelled.gradeId, { reason: 'SERIOUS_LIST', explanation: '撤销等级' }, evaluator);
    const lowered = await awardGrade.execute({ uscc: loweredOrg, score: 930, announcedAt: '2026-09-20T00:00:00.000Z', committee }, evaluator);
    await adjustGrade.execute(lowered.gradeId, { newGrade: '2A', reason: 'ADMINISTRATIVE_PENALTY', explanation: '行政处罚' }, evaluator);
    for (const g of [expiring, superseded, replacing, cancelled, lowered]) expect(g.validUntil).toBe('2031-12-31');
    const expiredIn = async (uscc: string) => (await outbox(uscc)).filter((e) => e.type === GradeExpired.type);

    // The last valid day, to the millisecond (23:59:59.999 Beijing time): nothing is due. (Was: 23:59:59.999Z.)
    clock.set(new Date('2031-12-31T15:59:59.999Z'));
    await scheduler.tick();
    for (const uscc of [plain, reEvaluated, cancelledOrg, loweredOrg]) expect(await expiredIn(uscc)).toEqual([]);

    // The first instant after it, 00:00 Beijing time on 1 January 2032; two instances' runs at once still publish each grade once.
    clock.set(new Date('2031-12-31T16:00:00.000Z'));
    const [a, b] = await Promise.all([scheduler.tick(), publishDueExpiries.execute()]);
    expect(a + b).toBeGreaterThanOrEqual(3); // grades of the earlier tests in this database expire too
    const expected: GradeExpiredV1 = {
      gradeId: expiring.gradeId,
      uscc: plain,
      grade: '4A',
      validUntil: '2031-12-31',
      expiredAt: '2031-12-31T16:00:00.000Z',
      ruleVersion: 'evaluation/measures-2026@v1',
    };
    const [event, ...more] = await expiredIn(plain);
    expect(more).toEqual([]);
    expect(event).toMatchObject({ type: 'evaluation.grade.expired', source: 'evaluation', subject: plain, policyversion: 'evaluation/measures-2026@v1' });
    expect(event.data).toEqual(expected);
    const onBroker = await published(event.id);
    expect(onBroker).toMatchObject({ type: GradeExpired.type, data: expected });
    expect(onBroker.hash).toMatch(/^[0-9a-f]{64}$/);
    expect((await ds.getRepository(EvaluationGradeOrmEntity).findOneByOrFail({ gradeId: expiring.gradeId })).expiryPublishedAt).toEqual(new Date('2031-12-31T16:00:00.000Z'));

    // Re-evaluated: only the grade in force expires, never the superseded one. Cancelled: nothing. Lowered: its grade now.
    expect((await expiredIn(reEvaluated)).map((e) => (e.data as GradeExpiredV1).gradeId)).toEqual([replacing.gradeId]);
    expect((await outbox(cancelledOrg)).map((e) => e.type)).toEqual([GradeAwarded.type, GradeAdjusted.type]);
    expect((await expiredIn(loweredOrg)).map((e) => e.data)).toEqual([{ ...expected, gradeId: lowered.gradeId, uscc: loweredOrg, grade: '2A' }]);

    // Again, and later: nothing new.
    expect(await scheduler.tick()).toBe(0);
    clock.set(new Date('2033-06-01T00:00:00.000Z'));
    expect(await scheduler.tick()).toBe(0);
    for (const uscc of [plain, reEvaluated, loweredOrg]) expect(await expiredIn(uscc)).toHaveLength(1);
    expect(await expiredIn(cancelledOrg)).toEqual([]);
  });

  describe('not evaluated: annual inspections and penalties from registration and credit (regulations §6, Order 39 Art. 7)', () => {
    const ORDER_39_ANNOUNCEMENT = '2026-02-10T02:00:00.000Z'; // Order 39 in force; last year = 2025 (Beijing)
    const MEASURES_ANNOUNCEMENT = '2026-05-20T02:00:00.000Z'; // 2026 measures in force
    const annualReportRow = (uscc: string, reportYear: number, until: (r: EvaluationAnnualReportOrmEntity) => boolean) =>
      waitFor(() => ds.getRepository(EvaluationAnnualReportOrmEntity).findOneBy({ uscc, reportYear }).then((r) => (r && until(r) ? r : undefined)), 30000, `annual report ${uscc}/${reportYear}`);
    const reviewed = (uscc: string, reportYear: number, outcome: AnnualReportReviewedV1['outcome'], reviewedAt: string) =>
      send<AnnualReportReviewedV1>('registration', AnnualReportReviewed, uscc, { uscc, registeringAuthority: '110108', reportYear, outcome, reviewedAt, ruleVersion: 'annual-report/national@v1' });
    const refusedWith = (rule: string) => ({ kind: 'REFUSED', code: 'EVALUATION.NOT_ELIGIBLE', violations: [expect.objectContaining({ field: 'uscc', rule })] });
    const award = (uscc: string, announcedAt: string) => awardGrade.execute({ uscc, score: 880, announcedAt, committee }, evaluator);

    it('AnnualReportOverdue for last year → refused under both rule sets (ANNUAL_INSPECTION_MISSED_LAST_YEAR); concluded PASS later → eligible', async () => {
      clock.set(new Date('2026-06-05T00:00:00.000Z'));
      const uscc = await register('北京市海淀区年报逾期社区服务中心');
      await send<AnnualReportOverdueV1>('registration', AnnualReportOverdue, uscc, {
        uscc,
        registeringAuthority: '110108',
        reportYear: 2025,
        dueDate: '2026-05-31',
        detectedAt: '2026-05-31T16:01:00.000Z',
        overdueOn: '2026-06-01',
        ruleVersion: 'annual-report/national@v1',
      });
      expect(await annualReportRow(uscc, 2025, (r) => Boolean(r.overdue))).toMatchObject({ overdueOn: '2026-06-01', outcome: null });
      await expect(award(uscc, MEASURES_ANNOUNCEMENT)).rejects.toMatchObject(refusedWith('ANNUAL_INSPECTION_MISSED_LAST_YEAR'));
      expect((await organizationView.execute(uscc, evaluator)).eligibility).toMatchObject({
        eligible: false,
        reason: { code: 'EVALUATION.NOT_ELIGIBLE', rule: 'ANNUAL_INSPECTION_MISSED_LAST_YEAR' },
        ruleVersion: 'evaluation/measures-2026@v1',
      });

      await reviewed(uscc, 2025, 'PASS', '2026-06-04T02:00:00.000Z');
      await annualReportRow(uscc, 2025, (r) => r.outcome === 'PASS');
      expect((await organizationView.execute(uscc, evaluator)).eligibility).toMatchObject({ eligible: true, basis: 'FIRST_EVALUATION' });
      expect(await outbox(uscc)).toEqual([]);
    });

    it('AnnualReportReviewed FAIL for last year → refused under Order 39 (ANNUAL_INSPECTION_FAILED_LAST_YEAR), eligible under the 2026 measures', async () => {
      clock.set(new Date('2026-06-05T00:00:00.000Z'));
      const uscc = await register('北京市海淀区年检不合格社区服务中心');
      await reviewed(uscc, 2025, 'FAIL', '2026-01-20T02:00:00.000Z');
      await annualReportRow(uscc, 2025, (r) => r.outcome === 'FAIL');
      await expect(award(uscc, ORDER_39_ANNOUNCEMENT)).rejects.toMatchObject(refusedWith('ANNUAL_INSPECTION_FAILED_LAST_YEAR'));
      expect((await organizationView.execute(uscc, evaluator)).eligibility).toMatchObject({ eligible: true, ruleVersion: 'evaluation/measures-2026@v1' });
      expect(await award(uscc, MEASURES_ANNOUNCEMENT)).toMatchObject({ grade: '3A', ruleVersion: 'evaluation/measures-2026@v1' });
    });

    it('BASIC_PASS for 2024 and 2025 → refused under Order 39 (ANNUAL_INSPECTION_BASIC_PASS_YEARS_RUNNING); a redelivered review changes nothing', async () => {
      clock.set(new Date('2026-06-05T00:00:00.000Z'));
      const uscc = await register('北京市海淀区连续基本合格社区服务中心');
      await reviewed(uscc, 2024, 'BASIC_PASS', '2025-06-20T02:00:00.000Z');
      const latest = await reviewed(uscc, 2025, 'BASIC_PASS', '2026-01-20T02:00:00.000Z');
      await annualReportRow(uscc, 2025, (r) => r.outcome === 'BASIC_PASS');
      await annualReportRow(uscc, 2024, (r) => r.outcome === 'BASIC_PASS');
      await redeliver(AnnualReportReviewed, latest);
      await expect(award(uscc, ORDER_39_ANNOUNCEMENT)).rejects.toMatchObject(refusedWith('ANNUAL_INSPECTION_BASIC_PASS_YEARS_RUNNING'));
      expect((await organizationView.execute(uscc, evaluator)).eligibility).toMatchObject({ eligible: true });
      expect(await ds.getRepository(EvaluationAnnualReportOrmEntity).countBy({ uscc })).toBe(2);
    });

    it('credit.penalty.recorded in 2025 → refused under Order 39 (ADMINISTRATIVE_PENALTY_LAST_YEAR); under the 2026 measures a warning does not bar, a RMB 60,000 fine does', async () => {
      clock.set(new Date('2026-06-05T00:00:00.000Z'));
      const uscc = await register('北京市海淀区受处罚社区服务中心');
      const penalty = (kind: PenaltyRecordedV1['kind'], decidedAt: string, amountFen?: number): PenaltyRecordedV1 => ({
        penaltyId: randomUUID(),
        uscc,
        kind,
        ...(amountFen ? { amountFen } : {}),
        decidedAt,
        decidingBody: '北京市海淀区民政局',
        basis: '民办非企业单位登记管理暂行条例第二十五条',
        recordedAt: decidedAt,
        captureDeadline: '2025-07-10T16:00:00.000Z',
      });
      const warning = await send<PenaltyRecordedV1>('credit-supervision', PenaltyRecorded, uscc, penalty('WARNING', '2025-07-01T02:00:00.000Z'));
      await waitFor(() => ds.getRepository(EvaluationPenaltyOrmEntity).findOneBy({ eventId: warning.id }).then((r) => r ?? undefined), 30000, `penalty ${warning.id}`);
      await expect(award(uscc, ORDER_39_ANNOUNCEMENT)).rejects.toMatchObject(refusedWith('ADMINISTRATIVE_PENALTY_LAST_YEAR'));
      expect((await organizationView.execute(uscc, evaluator)).eligibility).toMatchObject({ eligible: true, ruleVersion: 'evaluation/measures-2026@v1' });

      const fine = await send<PenaltyRecordedV1>('credit-supervision', PenaltyRecorded, uscc, penalty('FINE', '2025-09-01T02:00:00.000Z', 6_000_000));
      expect(await waitFor(() => ds.getRepository(EvaluationPenaltyOrmEntity).findOneBy({ eventId: fine.id }).then((r) => r ?? undefined), 30000, `penalty ${fine.id}`)).toMatchObject({ kind: 'FINE', amountFen: '6000000' });
      await expect(award(uscc, MEASURES_ANNOUNCEMENT)).rejects.toMatchObject(refusedWith('ADMINISTRATIVE_PENALTY_LAST_YEAR'));
      expect((await organizationView.execute(uscc, evaluator)).eligibility).toMatchObject({
        eligible: false,
        reason: { rule: 'ADMINISTRATIVE_PENALTY_LAST_YEAR', message: expect.stringMatching(/FINE 6000000 fen decided 2025-09-01/) },
        ruleVersion: 'evaluation/measures-2026@v1',
      });
      expect(await outbox(uscc)).toEqual([]);
    });

    it('under investigation (officer-set: no event carries it) → refused under Order 39 (UNDER_INVESTIGATION), not under the 2026 measures; stored on the organization row', async () => {
      clock.set(new Date('2026-06-05T00:00:00.000Z'));
      const uscc = await register('北京市海淀区被调查社区服务中心');
      await app.get(RecordInvestigation).execute({ uscc, underInvestigation: true, basis: '北京市公安局海淀分局立案通知' }, evaluator);
      expect(await ds.getRepository(EvaluationOrganizationOrmEntity).findOneBy({ uscc })).toMatchObject({ underInvestigation: true, investigationBasis: '北京市公安局海淀分局立案通知', investigationRecordedBy: evaluator.subject });
      await expect(award(uscc, ORDER_39_ANNOUNCEMENT)).rejects.toMatchObject(refusedWith('UNDER_INVESTIGATION'));
      expect(await organizationView.execute(uscc, evaluator)).toMatchObject({ investigation: { underInvestigation: true }, eligibility: { eligible: true, ruleVersion: 'evaluation/measures-2026@v1' } });
      await app.get(RecordInvestigation).execute({ uscc, underInvestigation: false, basis: '撤销案件决定书' }, evaluator);
      expect(await award(uscc, ORDER_39_ANNOUNCEMENT)).toMatchObject({ ruleVersion: 'evaluation/order-39@v1', basis: 'FIRST_EVALUATION' });
    });
  });
});
