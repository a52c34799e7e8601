import type { Tx } from '@sop/messaging';
import { compileRecord, ocdsJson, releaseFor } from '../../domain/ocds';
import { event, openTenderSnapshot, SUPPLIER_USCC } from '../../domain/ocds/ocds.fixture';
import { ocdsViolations } from '../../domain/ocds/ocds-schema.validator';
import type { ContractPayment, MilestoneAcceptance, PerformanceRecord, PerformanceStore, PerformingContract, StoredMilestone } from '../contract-performance/contract-performance.ports';
import { PerformanceContractSource, snapshotContractOf } from './performance-contract-source';

const CONTRACT_ID = '0b7c1e52-1c1a-4d0e-9a3f-7e2d5c4b3a21';

const contract = (over: Partial<PerformingContract> = {}): PerformingContract => ({
  id: CONTRACT_ID,
  supplierUscc: SUPPLIER_USCC,
  purchaser: '北京市海淀区民政局',
  title: '海淀区社区居家养老服务合同',
  method: 'OPEN_TENDERING',
  valueFen: 112_345_678,
  termStart: '2027-05-01',
  termEnd: '2028-04-30',
  multiYear: false,
  budgetAssured: false,
  stableService: false,
  signedAt: new Date('2027-04-12T02:00:00Z'),
  status: 'SIGNED',
  ruleVersion: 'purchasing/110000@v1',
  recordedBy: 'purchaser',
  purchaserUnitId: 'HD-MZJ',
  purchaserJurisdiction: '110108',
  purchaserOrganVersion: 1,
  recordedAt: new Date('2027-04-12T03:00:00Z'),
  eventId: 'signed-event',
  idempotencyKey: null,
  requestHash: null,
  procurementId: '6f1c2a9e-3b7d-4c1e-9a55-0d2f4e8b7c31',
  ocid: 'ocds-sop001-6f1c2a9e-3b7d-4c1e-9a55-0d2f4e8b7c31',
  budgetLineId: 'line-1',
  content: null,
  flaggedAt: null,
  flagEventId: null,
  terminatedAt: null,
  terminationReasons: null,
  completedAt: null,
  ...over,
});

const milestone = (sequence: number, amountFen: number, paidFen: number, over: Partial<StoredMilestone> = {}): StoredMilestone => ({
  contractId: CONTRACT_ID,
  sequence,
  title: `第${sequence}期服务`,
  deliverables: ['服务记录', '满意度调查'],
  dueOn: sequence === 1 ? '2027-10-31' : '2028-04-30',
  amountFen,
  paidFen,
  ...over,
});

const acceptance = (sequence: number, attempt: number, passed: boolean, at: string): MilestoneAcceptance => ({
  id: `acc-${sequence}-${attempt}`,
  contractId: CONTRACT_ID,
  sequence,
  attempt,
  passed,
  score: passed ? 88 : 40,
  band: passed ? 'GOOD' : 'UNQUALIFIED',
  findings: [],
  ruleVersion: 'purchasing/110000@v1',
  acceptedBy: 'purchaser',
  acceptedAt: new Date(at),
  eventId: `acc-event-${sequence}-${attempt}`,
});

const payment = (id: string, sequence: number, amountFen: number, at: string): ContractPayment => ({
  id,
  contractId: CONTRACT_ID,
  sequence,
  amountFen,
  paidAt: new Date(at),
  decisionId: null,
  recordedBy: 'finance',
  recordedAt: new Date(at),
  eventId: `pay-event-${id}`,
});

const record = (over: Partial<PerformanceRecord> = {}): PerformanceRecord => ({ milestones: [], acceptances: [], payments: [], decisions: [], flags: [], ...over });

describe('snapshotContractOf: the OCDS contract from the contract-performance records', () => {
  it('maps the signed contract: id, title, value, term, signing instant, milestones scheduled without acceptance', () => {
    const c = snapshotContractOf(contract(), record({ milestones: [milestone(2, 56_172_839, 0), milestone(1, 56_172_839, 0)] }));
    expect(c).toEqual({
      contractId: CONTRACT_ID,
      title: '海淀区社区居家养老服务合同',
      signedAt: '2027-04-12T02:00:00.000Z',
      valueFen: 112_345_678,
      termStart: '2027-05-01',
      termEnd: '2028-04-30',
      milestones: [
        { id: '1', title: '第1期服务', deliverables: '服务记录；满意度调查', amountFen: 56_172_839, dueDate: '2027-10-31', acceptance: undefined },
        { id: '2', title: '第2期服务', deliverables: '服务记录；满意度调查', amountFen: 56_172_839, dueDate: '2028-04-30', acceptance: undefined },
      ],
      payments: [],
      termination: undefined,
      completedAt: undefined,
    });
  });

  it('takes the latest acceptance attempt of each milestone: a failure then a pass is met; a failure alone is not met', () => {
    const c = snapshotContractOf(
      contract(),
      record({
        milestones: [milestone(1, 56_172_839, 0), milestone(2, 56_172_839, 0)],
        acceptances: [acceptance(1, 2, true, '2027-11-10T03:00:00Z'), acceptance(1, 1, false, '2027-11-05T03:00:00Z'), acceptance(2, 1, false, '2028-05-06T03:00:00Z')],
      }),
    );
    expect(c.milestones.map((m) => m.acceptance)).toEqual([
      { acceptedAt: '2027-11-10T03:00:00.000Z', passed: true },
      { acceptedAt: '2028-05-06T03:00:00.000Z', passed: false },
    ]);
  });

  it('publishes payments by paid instant, to the contract supplier, against the milestone id; completion and termination as instants', () => {
    const completed = snapshotContractOf(
      contract({ status: 'COMPLETED', completedAt: new Date('2028-05-20T02:00:01Z') }),
      record({ milestones: [milestone(1, 100, 100)], payments: [payment('p2', 1, 60, '2028-05-20T02:00:00Z'), payment('p1', 1, 40, '2027-11-20T02:00:00Z')] }),
    );
    expect(completed.payments).toEqual([
      { id: 'p1', milestoneId: '1', paidAt: '2027-11-20T02:00:00.000Z', amountFen: 40, payeeUscc: SUPPLIER_USCC },
      { id: 'p2', milestoneId: '1', paidAt: '2028-05-20T02:00:00.000Z', amountFen: 60, payeeUscc: SUPPLIER_USCC },
    ]);
    expect(completed.completedAt).toBe('2028-05-20T02:00:01.000Z');
    const terminated = snapshotContractOf(contract({ status: 'TERMINATED', terminatedAt: new Date('2027-12-01T02:00:00Z'), terminationReasons: ['承接主体被列入严重失信名单'] }), record());
    expect(terminated.termination).toEqual({ terminatedAt: '2027-12-01T02:00:00.000Z', reasons: ['承接主体被列入严重失信名单'] });
  });

  it('describes an implicit milestone (no deliverables listed) by its title', () => {
    const c = snapshotContractOf(contract(), record({ milestones: [milestone(1, 112_345_678, 0, { deliverables: [], title: '合同全部服务' })] }));
    expect(c.milestones[0].deliverables).toBe('合同全部服务');
  });

  it('gives releases that validate: contract, implementation with met milestones and exact transactions, completion closes it', () => {
    const c = contract({ status: 'COMPLETED', completedAt: new Date('2028-05-20T02:00:00Z') });
    const r = record({
      milestones: [milestone(1, 56_172_839, 56_172_839), milestone(2, 56_172_839, 56_172_839)],
      acceptances: [acceptance(1, 1, true, '2027-11-05T03:00:00Z'), acceptance(2, 1, true, '2028-05-06T03:00:00Z')],
      payments: [payment('p1', 1, 56_172_839, '2027-11-20T02:00:00Z'), payment('p2', 2, 56_172_839, '2028-05-20T02:00:00Z')],
    });
    const snapshot = openTenderSnapshot({ contract: snapshotContractOf(c, r) });
    const releases = [
      releaseFor(event('contract', '2027-04-12T03:00:00Z'), snapshot),
      releaseFor(event('implementation', '2027-11-05T03:00:00Z'), snapshot),
      releaseFor(event('implementation', '2027-11-20T02:00:00Z'), snapshot),
      releaseFor(event('implementation', '2028-05-06T03:00:00Z'), snapshot),
      releaseFor(event('implementation', '2028-05-20T02:00:00Z'), snapshot),
    ];
    expect(releases.map((x) => ocdsViolations('release', x))).toEqual(releases.map(() => []));
    const compiled = JSON.parse(ocdsJson(compileRecord(releases).compiledRelease));
    const published = compiled.contracts[0];
    expect(published).toMatchObject({ id: CONTRACT_ID, status: 'terminated', value: { amount: 1123456.78, currency: 'CNY' } });
    expect(published.implementation.milestones.map((m: { id: string; status: string }) => [m.id, m.status])).toEqual([
      ['1', 'met'],
      ['2', 'met'],
    ]);
    expect(published.implementation.transactions).toEqual([
      expect.objectContaining({ id: 'p1', value: { amount: 561728.39, currency: 'CNY' }, payee: expect.objectContaining({ id: `CN-USCI-${SUPPLIER_USCC}` }), payer: expect.objectContaining({ id: 'SOP-PURCHASING-ORGAN-HD-MZJ' }) }),
      expect.objectContaining({ id: 'p2', value: { amount: 561728.39, currency: 'CNY' } }),
    ]);
    // The earlier implementation releases: the contract was still active.
    expect(JSON.parse(ocdsJson(releases[2])).contracts[0].status).toBe('active');
  });
});

describe('PerformanceContractSource', () => {
  const tx = {} as Tx;
  const store = (c: PerformingContract | null, r: PerformanceRecord) =>
    ({ contractOfProcurement: jest.fn(async () => c), record: jest.fn(async () => r) }) as unknown as PerformanceStore & { record: jest.Mock; contractOfProcurement: jest.Mock };

  it('answers undefined while the procurement has no contract, and reads nothing more', async () => {
    const s = store(null, record());
    expect(await new PerformanceContractSource(s).contractOf(tx, 'p-1')).toBeUndefined();
    expect(s.contractOfProcurement).toHaveBeenCalledWith(tx, 'p-1');
    expect(s.record).not.toHaveBeenCalled();
  });

  it("reads the procurement's contract and its record in the caller's transaction", async () => {
    const s = store(contract(), record({ milestones: [milestone(1, 112_345_678, 0)] }));
    const c = await new PerformanceContractSource(s).contractOf(tx, 'p-1');
    expect(c?.contractId).toBe(CONTRACT_ID);
    expect(s.record).toHaveBeenCalledWith(tx, CONTRACT_ID);
  });
});
