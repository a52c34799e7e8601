import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '@sop/auth';
import { allTopicSpecs, ContractTerminated, MilestoneAccepted, type ContractTerminatedV1, type MilestoneAcceptedV1 } from '@sop/contracts';
import { startServiceContext } from '@sop/http';
import { buildCloudEvent, dataschemaOf, EventChain, InProcessTransport, type CloudEvent } from '@sop/messaging';
import { waitFor } from '@sop/testing';
import { buildCivilAffairsUscc, MovableClock } from '@sop/util';
import { ApplyForEvaluation } from './application/procedure/apply-for-evaluation.use-cases';
import { AssessmentSteps } from './application/procedure/assessment-steps.use-cases';
import { ProcedureQueries } from './application/procedure/procedure.queries';
import { EvaluationModule } from './evaluation.module';
import { EvaluationOrganizationOrmEntity } from './infrastructure/evaluation.orm-entities';
import { EvaluationPerformanceEvidenceOrmEntity } from './infrastructure/performance-evidence.orm-entities';

const producers = EventChain.detached();

/** Performance evidence in the embedded mode (SQLite, in-process bus): migration 390, once per event, the frozen ids. */
describe('performance evidence on SQLite (embedded mode)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'evaluation-perf-evidence-sqlite-'));
  const transport = new InProcessTransport(join(dir, 'bus.sqlite'));
  const clock = new MovableClock(new Date('2026-06-01T02:00:00.000Z'));
  const uscc = buildCivilAffairsUscc('SOCIAL_GROUP', '110108', 52);
  const evaluator: Principal = { subject: 'evaluator-1', roles: ['evaluator'], jurisdiction: '110000' };
  const rep: Principal = { subject: 'rep-1', roles: ['org-representative'], jurisdiction: '110108', organizationUscc: uscc };
  let app: INestApplicationContext;
  let ds: DataSource;

  async function publish<T extends object>(contract: { type: string; topic: string; version: number }, data: T, again?: CloudEvent<T>): Promise<CloudEvent<T>> {
    const event = again ?? producers.next(buildCloudEvent<T>('service-purchasing', dataschemaOf(contract), { type: contract.type, subject: uscc, data }, clock.now()));
    await transport.publish([{ topic: contract.topic, key: uscc, value: JSON.stringify(event) }]);
    return event;
  }
  const recorded = (evidenceId: string) => waitFor(() => ds.getRepository(EvaluationPerformanceEvidenceOrmEntity).findOneBy({ evidenceId }).then((r) => r ?? undefined), 30000, `evidence ${evidenceId}`);

  beforeAll(async () => {
    await transport.ensureTopics(allTopicSpecs());
    app = await startServiceContext([EvaluationModule.register({ db: { type: 'sqlite', path: join(dir, 'evaluation.sqlite') }, transport, clock, migrateOnStart: true, createDatabase: false }, { schedulerIntervalMs: 0 })]);
    ds = app.get(DataSource);
    await ds.getRepository(EvaluationOrganizationOrmEntity).insert({ uscc, name: '北京市测试协会', form: 'SOCIAL_GROUP', category: 'SCIENCE_TECHNOLOGY', registeringAuthority: '110108', registeredAt: new Date('2020-01-02T00:00:00Z'), eligibleFrom: new Date('2022-01-02T00:00:00Z'), lastEventId: '00000000-0000-4000-8000-000000000000' });
  });

  afterAll(async () => {
    await app?.close();
    await transport.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a failed acceptance recorded once (redelivered), frozen at the field assessment; a later termination shows beside it without changing the frozen ids', async () => {
    const acceptance: MilestoneAcceptedV1 = { contractId: '5f0c8a52-9f5c-4d7e-8a37-3f1c2b9d6e01', supplierUscc: uscc, acceptanceId: '6f0c8a52-9f5c-4d7e-8a37-3f1c2b9d6e01', sequence: 1, attempt: 1, passed: false, score: 45, band: 'NOT_BANDED', findings: [], acceptedAt: '2025-09-01T02:00:00.000Z', ruleVersion: 'purchasing/100000@v1' };
    const failed = await publish(MilestoneAccepted, acceptance);
    await recorded(failed.id);
    await publish(MilestoneAccepted, acceptance, failed);
    const steps = app.get(AssessmentSteps);
    const id = (await app.get(ApplyForEvaluation).apply(uscc, rep)).procedureId;
    await steps.reviewEligibility(id, evaluator);
    await steps.assignExperts(id, [{ expertId: 'e1', name: '甲' }], evaluator);
    const assessed = await steps.recordFieldAssessment(id, '实地考察', evaluator);
    expect(assessed.fieldAssessment!.evidence!.evidenceIds).toEqual([failed.id]);

    clock.set(new Date('2026-06-03T02:00:00.000Z'));
    const terminated: ContractTerminatedV1 = { contractId: acceptance.contractId, supplierUscc: uscc, reasons: ['违约'], cause: 'SUPPLIER_BREACH', terminatedAt: '2026-06-03T02:00:00.000Z', paidFen: 0, unpaidFen: 500_000 };
    const termination = await publish(ContractTerminated, terminated);
    await recorded(termination.id);
    expect(await ds.getRepository(EvaluationPerformanceEvidenceOrmEntity).countBy({ uscc })).toBe(2);
    const view = await app.get(ProcedureQueries).procedure(id, evaluator);
    expect(view.fieldAssessment!.evidence!.evidenceIds).toEqual([failed.id]);
    expect(view.performanceEvidence!.section).toMatchObject({ section: 'WORK_PERFORMANCE' });
    expect(view.performanceEvidence!.items.map((i) => [i.evidenceId, i.adverse, i.beforeExperts])).toEqual([
      [failed.id, true, true],
      [termination.id, true, false],
    ]);
  });
});
