import { randomUUID } from 'node:crypto';
import { startServiceContext } from '@sop/http';
import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '@sop/auth';
import {
  allTopicSpecs,
  ContractTerminated,
  FunctionStageMoved,
  MilestoneAccepted,
  OrganizationRegistered,
  TransferAgreementConcluded,
  TransferAgreementTakenBack,
  type ContractTerminatedV1,
  type FunctionStageMovedV1,
  type MilestoneAcceptedV1,
  type OrganizationRegisteredV1,
  type TransferAgreementConcludedV1,
  type TransferAgreementTakenBackV1,
} from '@sop/contracts';
import { buildCloudEvent, EventChain, dataschemaOf, KafkaTransport, type CloudEvent } from '@sop/messaging';
import { dropDatabase } from '@sop/persistence';
import { testKafkaBrokers, testMysqlConfig, uniqueName, waitFor } from '@sop/testing';
import { buildCivilAffairsUscc, MovableClock } from '@sop/util';
import { ApplyForEvaluation } from './application/procedure/apply-for-evaluation.use-cases';
import { AssessmentSteps } from './application/procedure/assessment-steps.use-cases';
import { ProcedureQueries } from './application/procedure/procedure.queries';
import { indicatorsOf, NATIONAL_FRAMEWORKS } from './domain/procedure/indicator-frameworks';
import { EvaluationModule } from './evaluation.module';
import { EvaluationOrganizationOrmEntity } from './infrastructure/evaluation.orm-entities';
import { EvaluationFunctionItemOrmEntity, EvaluationPerformanceEvidenceOrmEntity, EvaluationTransferAgreementOrmEntity } from './infrastructure/performance-evidence.orm-entities';
import { organizationRegisteredData } from './test-support/organization-registered.fixture';

type Contract = { type: string; topic: string; version: number };
const producers = EventChain.detached();
const SSO = NATIONAL_FRAMEWORKS.find((f) => f.form === 'SOCIAL_SERVICE_ORGANIZATION')!;

/**
 * Performance evidence from service purchasing (issue 12 item 5; regulations §8 item 4, §7.2) on real MariaDB and
 * Kafka: take-backs of transferred functions, milestone acceptances and terminations consumed once each, shown in
 * the procedure's view within the 2-year look-back (UNCONFIRMED), and frozen at the field assessment and each score
 * sheet so that a later item does not change what the experts are recorded to have had before them.
 */
describe('performance evidence from service purchasing (MySQL + Kafka)', () => {
  const db = testMysqlConfig('evaluation_perf_evidence');
  const transport = new KafkaTransport({ brokers: testKafkaBrokers(), clientId: uniqueName('evaluation-perf-evidence-int') });
  const clock = new MovableClock(new Date('2026-05-25T02:00:00.000Z'));
  const groupId = uniqueName('evaluation-perf-evidence-group');
  const evaluator: Principal = { subject: 'evaluator-haidian', roles: ['evaluator'], jurisdiction: '110108' };
  const auditor: Principal = { subject: 'auditor-1', roles: ['auditor'], jurisdiction: '100000' };
  let app: INestApplicationContext;
  let ds: DataSource;
  const serialBase = Math.floor(Math.random() * 800_000_000);
  const at = (iso: string) => clock.set(new Date(iso));

  async function publish<T extends object>(contract: Contract, subject: string, data: T, source = 'service-purchasing'): Promise<CloudEvent<T>> {
    const event = producers.next(buildCloudEvent<T>(source, dataschemaOf(contract), { type: contract.type, subject, data }, clock.now()));
    await redeliver(contract, event);
    return event;
  }
  const redeliver = (contract: Contract, event: CloudEvent<object>) => transport.publish([{ topic: contract.topic, key: event.subject, value: JSON.stringify(event) }]);
  const evidenceRow = (evidenceId: string) => waitFor(() => ds.getRepository(EvaluationPerformanceEvidenceOrmEntity).findOneBy({ evidenceId }).then((r) => r ?? undefined), 60000, `evidence ${evidenceId}`);

  beforeAll(async () => {
    await transport.ensureTopics([...allTopicSpecs(), { topic: `${groupId}.dlq`, partitions: 1 }]);
    app = await startServiceContext([EvaluationModule.register({ db, transport, clock, migrateOnStart: true, createDatabase: true }, { consumerGroupId: groupId, schedulerIntervalMs: 0 })]);
    ds = app.get(DataSource);
  });

  afterAll(async () => {
    await app?.close();
    await transport.close();
    await dropDatabase(db);
  });

  it('a take-back for cause and a failed acceptance reach the procedure once each; older items stay out; the ids frozen at the field assessment stay after a later termination', async () => {
    const uscc = buildCivilAffairsUscc('SOCIAL_SERVICE_ORGANIZATION', '110108', serialBase + 1);
    const rep: Principal = { subject: 'rep-pe', roles: ['org-representative'], jurisdiction: '110108', organizationUscc: uscc };
    await publish<OrganizationRegisteredV1>(OrganizationRegistered, uscc, organizationRegisteredData({ uscc, name: `北京市海淀区南锣社区服务中心第${serialBase}号`, registeredAt: '2022-03-01T00:00:00.000Z' }), 'registration');
    await waitFor(() => ds.getRepository(EvaluationOrganizationOrmEntity).findOneBy({ uscc }).then((r) => r ?? undefined), 60000, `organization ${uscc} projected`);

    // The catalogue item and the agreement the take-back names (keys: item id, agreement id, as service purchasing publishes them).
    const itemId = randomUUID();
    const agreementId = randomUUID();
    const contractId = randomUUID();
    const moved: FunctionStageMovedV1 = {
      itemId,
      departmentUnitId: 'unit-hd-samr',
      jurisdiction: '110108',
      functionArea: 'MARKET_REGULATION',
      title: '临街商户门脸装修图纸初审',
      kindOfAct: 'FIRST_REVIEW',
      from: 'TRANSFERRED',
      to: 'UNDERTAKEN',
      legalBasis: '北京市海淀区职能转移目录（2025）第3项',
      reason: '由社会组织承接',
      movedBy: 'officer-hd-samr',
      movedAt: '2025-02-01T02:00:00.000Z',
      ruleVersion: 'function-transfer/100000@v1',
    };
    await publish(FunctionStageMoved, itemId, moved);
    const concluded: TransferAgreementConcludedV1 = {
      agreementId,
      itemId,
      departmentUnitId: 'unit-hd-samr',
      uscc,
      qualificationId: randomUUID(),
      area: '110108',
      mode: 'COMMISSIONED',
      procurementId: null,
      valueFen: 0,
      termStart: '2025-03-01',
      termEnd: '2027-02-28',
      firstReviewWorkingDays: 5,
      supervisor: '海淀区市场监管局综合科',
      concludedAt: '2025-02-20T02:00:00.000Z',
    };
    await publish(TransferAgreementConcluded, agreementId, concluded);
    await waitFor(() => ds.getRepository(EvaluationTransferAgreementOrmEntity).findOneBy({ agreementId }).then((r) => r ?? undefined), 60000, 'agreement');

    // Acceptances (key: the supplier's USCC): one failed in March 2024 (before the look-back), one failed in November 2025, one passed.
    const acceptance = (over: Partial<MilestoneAcceptedV1>): MilestoneAcceptedV1 => ({
      contractId,
      supplierUscc: uscc,
      acceptanceId: randomUUID(),
      sequence: 1,
      attempt: 1,
      passed: false,
      score: 52,
      band: 'UNQUALIFIED',
      findings: ['服务记录缺失'],
      acceptedAt: '2025-11-10T02:00:00.000Z',
      ruleVersion: 'purchasing/110000@v1',
      ...over,
    });
    const tooOld = await publish(MilestoneAccepted, uscc, acceptance({ contractId: randomUUID(), acceptedAt: '2024-03-01T02:00:00.000Z' }));
    const failed = await publish(MilestoneAccepted, uscc, acceptance({}));
    const passed = await publish(MilestoneAccepted, uscc, acceptance({ attempt: 2, passed: true, score: 81, band: 'GOOD', findings: [], acceptedAt: '2025-12-01T02:00:00.000Z' }));

    // The take-back for cause, redelivered; a later revocation on the same key is the marker that the redelivery was consumed.
    const takeBack = (over: Partial<TransferAgreementTakenBackV1>): TransferAgreementTakenBackV1 => ({
      agreementId,
      uscc,
      departmentUnitId: 'unit-hd-samr',
      action: 'SUSPENDED',
      forCause: true,
      reasons: ['初审意见多次与事实不符', '超期未审'],
      legalBasis: '委托协议第十二条',
      returnedCaseIds: [randomUUID()],
      takenBy: 'officer-hd-samr',
      takenAt: '2026-05-10T02:00:00.000Z',
      ...over,
    });
    const suspended = await publish(TransferAgreementTakenBack, agreementId, takeBack({}));
    await evidenceRow(suspended.id);
    await redeliver(TransferAgreementTakenBack, suspended);
    const revoked = await publish(TransferAgreementTakenBack, agreementId, takeBack({ action: 'REVOKED', reasons: ['整改不到位'], takenAt: '2026-05-20T02:00:00.000Z' }));
    await Promise.all([tooOld, failed, passed, revoked].map((e) => evidenceRow(e.id)));
    const repo = ds.getRepository(EvaluationPerformanceEvidenceOrmEntity);
    expect(await repo.countBy({ evidenceId: suspended.id })).toBe(1);
    expect(await repo.countBy({ uscc })).toBe(5);

    // Application on 1 June 2026: the look-back starts on 1 June 2024 (Beijing).
    at('2026-06-01T02:00:00.000Z');
    const id = (await app.get(ApplyForEvaluation).apply(uscc, rep)).procedureId;
    const steps = app.get(AssessmentSteps);
    at('2026-06-05T02:00:00.000Z');
    expect((await steps.reviewEligibility(id, evaluator)).status).toBe('ELIGIBLE');
    await steps.assignExperts(id, [{ expertId: 'expert-a', name: '张一' }, { expertId: 'expert-b', name: '李二' }], evaluator);
    at('2026-06-10T02:00:00.000Z');
    const assessed = await steps.recordFieldAssessment(id, '实地查看承接职能的初审记录', evaluator);
    const frozen = [failed.id, passed.id, suspended.id, revoked.id];
    expect(assessed.fieldAssessment!.evidence).toEqual({ ruleVersion: 'evaluation/performance-evidence@v1', fromDate: '2024-06-01', asOf: '2026-06-10T02:00:00.000Z', evidenceIds: frozen });
    await steps.recordScoreSheet(id, { expertId: 'expert-a', scores: Object.fromEntries(indicatorsOf(SSO).map((i) => [i.code, i.max])) }, evaluator);

    // A later event: the contract terminated for the supplier's breach on 11 June.
    at('2026-06-11T02:00:00.000Z');
    const terminated: ContractTerminatedV1 = { contractId, supplierUscc: uscc, reasons: ['连续两次验收不合格'], cause: 'SUPPLIER_BREACH', terminatedAt: '2026-06-11T02:00:00.000Z', paidFen: 3_000_000, unpaidFen: 7_000_000 };
    const termination = await publish(ContractTerminated, uscc, terminated);
    await evidenceRow(termination.id);
    at('2026-06-12T02:00:00.000Z');
    await steps.recordScoreSheet(id, { expertId: 'expert-b', scores: Object.fromEntries(indicatorsOf(SSO).map((i) => [i.code, i.max])) }, evaluator);

    // The committee's view: the items of the look-back (not the 2024 one), the section they concern, what the experts had.
    const view = await app.get(ProcedureQueries).procedure(id, evaluator);
    expect(view.fieldAssessment!.evidence!.evidenceIds).toEqual(frozen);
    const evidence = view.performanceEvidence!;
    expect(evidence).toMatchObject({
      ruleVersion: 'evaluation/performance-evidence@v1',
      lookBack: { years: 2, fromDate: '2024-06-01', until: '2026-06-12T02:00:00.000Z' },
      section: { section: 'BUSINESS_ACTIVITIES_AND_INTEGRITY', name: '业务活动和诚信建设' },
      note: expect.stringMatching(/^UNCONFIRMED/),
      adverseCount: 4,
    });
    expect(evidence.items.map((i) => [i.evidenceId, i.kind, i.adverse, i.beforeExperts])).toEqual([
      [failed.id, 'MILESTONE_ACCEPTANCE', true, true],
      [passed.id, 'MILESTONE_ACCEPTANCE', false, true],
      [suspended.id, 'FUNCTION_TAKE_BACK', true, true],
      [revoked.id, 'FUNCTION_TAKE_BACK', true, true],
      [termination.id, 'CONTRACT_TERMINATION', true, false],
    ]);
    expect(evidence.items.map((i) => i.evidenceId)).not.toContain(tooOld.id);
    expect(evidence.items[0]).toMatchObject({ contractId, sequence: 1, attempt: 1, passed: false, band: 'UNQUALIFIED', score: 52, ruleVersion: 'purchasing/110000@v1', occurredAt: '2025-11-10T02:00:00.000Z' });
    expect(evidence.items[2]).toMatchObject({
      agreementId,
      action: 'SUSPENDED',
      forCause: true,
      reasonsCount: 2,
      legalBasis: '委托协议第十二条',
      departmentUnitId: 'unit-hd-samr',
      function: { itemId, title: '临街商户门脸装修图纸初审', functionArea: 'MARKET_REGULATION', kindOfAct: 'FIRST_REVIEW', jurisdiction: '110108' },
    });
    expect(evidence.items[4]).toMatchObject({ contractId, cause: 'SUPPLIER_BREACH', paidFen: 3_000_000, unpaidFen: 7_000_000, occurredAt: '2026-06-11T02:00:00.000Z' });
    // Each score sheet froze what its expert had: expert 1 before the termination, expert 2 after it.
    expect(evidence.beforeExperts.scoreSheets.map((s) => [s.expert, s.evidence?.evidenceIds])).toEqual([
      ['expert 1', frozen],
      ['expert 2', [...frozen, termination.id]],
    ]);

    // The organization sees its own evidence beside its scorecard; auditors too; the public grade card does not.
    const own = await app.get(ProcedureQueries).procedure(id, rep);
    expect(own.performanceEvidence!.items.map((i) => i.evidenceId)).toEqual([...frozen, termination.id]);
    expect((await app.get(ProcedureQueries).proceduresOf(uscc, auditor))[0].performanceEvidence!.beforeExperts.fieldAssessment!.evidenceIds).toEqual(frozen);
    const publicCard = JSON.stringify(await app.get(ProcedureQueries).publicGrade(uscc));
    expect(publicCard).not.toMatch(/performanceEvidence|SUPPLIER_BREACH/);
    expect(publicCard).not.toContain(failed.id);
    expect(await ds.getRepository(EvaluationFunctionItemOrmEntity).countBy({ itemId })).toBe(1);
  });
});
