import { ContractTerminated, MilestoneAccepted, TransferAgreementConcluded, TransferAgreementTakenBack, type ContractTerminatedV1, type MilestoneAcceptedV1, type TransferAgreementConcludedV1, type TransferAgreementTakenBackV1 } from '@sop/contracts';
import { buildCloudEvent, dataschemaOf, type CloudEvent, type Tx } from '@sop/messaging';
import { MovableClock } from '@sop/util';
import type { PerformanceEvidence } from '../../domain/performance-evidence/performance-evidence';
import { NATIONAL_FRAMEWORKS } from '../../domain/procedure/indicator-frameworks';
import type { ProcedureRecord } from '../../domain/procedure/procedure';
import { InMemoryOrganizationStore } from '../../test-support/in-memory-stores';
import { PerformanceEvidenceReader } from './performance-evidence.reader';
import { PerformanceEvidenceStore, type FunctionItemFact, type TransferAgreementFact } from './performance-evidence.ports';
import { RecordPerformanceEvidence } from './record-performance-evidence.use-cases';

class InMemoryPerformanceEvidenceStore extends PerformanceEvidenceStore {
  readonly items = new Map<string, PerformanceEvidence>();
  readonly agreements = new Map<string, TransferAgreementFact>();
  readonly functions = new Map<string, FunctionItemFact>();
  async record(_tx: Tx, e: PerformanceEvidence) {
    if (this.items.has(e.evidenceId)) return false;
    this.items.set(e.evidenceId, e);
    return true;
  }
  async evidenceOf(_tx: Tx | null, uscc: string) {
    return [...this.items.values()].filter((e) => e.uscc === uscc).sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime());
  }
  async saveAgreement(_tx: Tx, a: TransferAgreementFact) {
    this.agreements.set(a.agreementId, a);
  }
  async agreement(_tx: Tx | null, id: string) {
    return this.agreements.get(id) ?? null;
  }
  async saveFunctionItem(_tx: Tx, f: FunctionItemFact) {
    this.functions.set(f.itemId, f);
  }
  async functionItems(_tx: Tx | null, ids: readonly string[]) {
    return ids.flatMap((id) => (this.functions.has(id) ? [this.functions.get(id)!] : []));
  }
}

/** Purchasing's events → evidence items, and the procedure's view of them (issue 12 item 5). */
describe('RecordPerformanceEvidence and the procedure view', () => {
  const uscc = '51110108MJ0000018M';
  const tx = {} as Tx;
  const clock = new MovableClock(new Date('2026-06-01T02:00:00.000Z'));
  let store: InMemoryPerformanceEvidenceStore;
  let record: RecordPerformanceEvidence;
  let reader: PerformanceEvidenceReader;
  const event = <T extends object>(contract: { type: string; topic: string; version: number }, data: T): CloudEvent<T> =>
    buildCloudEvent('service-purchasing', dataschemaOf(contract), { type: contract.type, subject: uscc, data }, clock.now());
  const takeBack = (over: Partial<TransferAgreementTakenBackV1> = {}): TransferAgreementTakenBackV1 => ({
    agreementId: 'a0000000-0000-4000-8000-000000000001',
    uscc,
    departmentUnitId: 'unit-1',
    action: 'REVOKED',
    forCause: false,
    reasons: ['职能调整'],
    legalBasis: '协议第九条',
    returnedCaseIds: [],
    takenBy: 'officer',
    takenAt: '2026-03-01T02:00:00.000Z',
    ...over,
  });
  const procedure = (over: Partial<ProcedureRecord> = {}): ProcedureRecord =>
    ({ procedureId: 'p1', uscc, appliedAt: '2026-04-01T02:00:00.000Z', sheets: [], fieldAssessment: null, announcement: null, ...over }) as ProcedureRecord;

  beforeEach(() => {
    store = new InMemoryPerformanceEvidenceStore();
    record = new RecordPerformanceEvidence(new InMemoryOrganizationStore(), store, clock);
    reader = new PerformanceEvidenceReader(store, clock);
  });

  it('a take-back without cause is kept, not adverse, with the catalogue item of its agreement; a redelivery records once', async () => {
    const concluded = { agreementId: takeBack().agreementId, itemId: 'i0000000-0000-4000-8000-000000000001', uscc, departmentUnitId: 'unit-1', mode: 'DIRECT', area: '110108', concludedAt: '2025-01-01T00:00:00.000Z' } as TransferAgreementConcludedV1;
    await record.agreementConcluded(event(TransferAgreementConcluded, concluded), tx);
    const e = event(TransferAgreementTakenBack, takeBack());
    await record.agreementTakenBack(e, tx);
    await record.agreementTakenBack(e, tx);
    expect([...store.items.values()]).toEqual([
      expect.objectContaining({ evidenceId: e.id, kind: 'FUNCTION_TAKE_BACK', adverse: false, occurredAt: new Date('2026-03-01T02:00:00.000Z'), details: expect.objectContaining({ itemId: concluded.itemId, forCause: false, reasonsCount: 1, legalBasis: '协议第九条' }) }),
    ]);
  });

  it('the view of an announced procedure looks up to its announcement; a social group sees the work-performance section; a procedure without a frozen list shows none', async () => {
    const acceptance = (acceptedAt: string) =>
      event<MilestoneAcceptedV1>(MilestoneAccepted, { contractId: 'c0000000-0000-4000-8000-000000000001', supplierUscc: uscc, acceptanceId: 'x', sequence: 2, attempt: 1, passed: false, score: 40, band: 'NOT_BANDED', findings: [], acceptedAt, ruleVersion: 'purchasing/100000@v1' });
    const before = acceptance('2026-04-20T02:00:00.000Z');
    const after = acceptance('2026-05-02T02:00:00.000Z');
    await record.milestoneAccepted(before, tx);
    await record.milestoneAccepted(after, tx);
    const terminated = event<ContractTerminatedV1>(ContractTerminated, { contractId: 'c0000000-0000-4000-8000-000000000001', supplierUscc: uscc, reasons: ['x'], terminatedAt: '2024-03-31T15:59:59.000Z', paidFen: 1, unpaidFen: 2 });
    await record.contractTerminated(terminated, tx);
    const group = NATIONAL_FRAMEWORKS.find((f) => f.form === 'SOCIAL_GROUP')!;
    const [view] = await reader.views(uscc, [{ procedure: procedure({ announcement: { gradeId: 'g', grade: '3A', total: 860, announcedAt: '2026-05-01T02:00:00.000Z' } }), framework: group }]);
    expect(view.lookBack).toEqual({ years: 2, fromDate: '2024-04-01', until: '2026-05-01T02:00:00.000Z' });
    expect(view.section).toMatchObject({ section: 'WORK_PERFORMANCE', name: '工作绩效' });
    // The termination at 23:59:59 Beijing time on 31 March 2024 is before the window; the later acceptance after the announcement.
    expect(view.items.map((i) => [i.evidenceId, i.beforeExperts])).toEqual([[before.id, false]]);
    expect(view.beforeExperts).toEqual({ fieldAssessment: null, scoreSheets: [] });
    // A termination without a recorded cause counts against the supplier (as purchasing's performance bar).
    expect(store.items.get(terminated.id)).toMatchObject({ adverse: true, details: { cause: null } });
  });
});
