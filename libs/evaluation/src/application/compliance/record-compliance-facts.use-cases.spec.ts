import { AnnualReportOverdue, AnnualReportReviewed, PenaltyRecorded, type AnnualReportOverdueV1, type AnnualReportReviewedV1, type PenaltyRecordedV1 } from '@sop/contracts';
import { buildCloudEvent, dataschemaOf, type CloudEvent, type Tx } from '@sop/messaging';
import { InMemoryComplianceFactsStore, InMemoryOrganizationStore } from '../../test-support/in-memory-stores';
import { RecordComplianceFacts } from './record-compliance-facts.use-cases';

/** Registration's annual-report events and credit's penalties → the Order 39 Art. 7 facts (regulations §6). */
describe('RecordComplianceFacts', () => {
  const uscc = '52110108MJ0000018M';
  const now = new Date('2026-06-05T00:00:00.000Z');
  const tx = {} as Tx;
  let facts: InMemoryComplianceFactsStore;
  let record: RecordComplianceFacts;

  const event = <T extends object>(source: string, contract: { type: string; topic: string; version: number }, data: T): CloudEvent<T> =>
    buildCloudEvent(source, dataschemaOf(contract), { type: contract.type, subject: uscc, data }, now);
  const reviewed = (reportYear: number, outcome: AnnualReportReviewedV1['outcome'], reviewedAt: string) =>
    event<AnnualReportReviewedV1>('registration', AnnualReportReviewed, { uscc, registeringAuthority: '110108', reportYear, outcome, reviewedAt, ruleVersion: 'annual-report/national@v1' });
  const overdue = (reportYear: number, extra: Partial<AnnualReportOverdueV1> = {}) =>
    event<AnnualReportOverdueV1>('registration', AnnualReportOverdue, {
      uscc,
      registeringAuthority: '110108',
      reportYear,
      dueDate: `${reportYear + 1}-05-31`,
      detectedAt: `${reportYear + 1}-06-01T00:05:00.000Z`,
      ruleVersion: 'annual-report/national@v1',
      ...extra,
    });

  beforeEach(() => {
    facts = new InMemoryComplianceFactsStore();
    record = new RecordComplianceFacts(new InMemoryOrganizationStore(), facts);
  });

  it('an overdue year is recorded once (overdueOn from the event, else the day after dueDate); a later review keeps the default and adds the outcome', async () => {
    const late = overdue(2025);
    await record.overdue(late, tx);
    await record.overdue(overdue(2025, { overdueOn: '2026-06-02' }), tx);
    expect(await facts.annualReports(null, uscc)).toEqual([expect.objectContaining({ reportYear: 2025, overdue: true, overdueOn: '2026-06-01', overdueEventId: late.id, outcome: null })]);
    const review = reviewed(2025, 'BASIC_PASS', '2026-07-01T00:00:00.000Z');
    await record.reviewed(review, tx);
    expect(await facts.annualReports(null, uscc)).toEqual([expect.objectContaining({ reportYear: 2025, overdue: true, outcome: 'BASIC_PASS', reviewEventId: review.id })]);
  });

  it('a later review of the same year replaces an earlier one; an older review arriving late is ignored', async () => {
    await record.reviewed(reviewed(2024, 'FAIL', '2025-06-10T00:00:00.000Z'), tx);
    await record.reviewed(reviewed(2024, 'PASS', '2025-08-10T00:00:00.000Z'), tx);
    await record.reviewed(reviewed(2024, 'BASIC_PASS', '2025-07-10T00:00:00.000Z'), tx);
    expect((await facts.annualReports(null, uscc)).map((r) => [r.reportYear, r.outcome])).toEqual([[2024, 'PASS']]);
  });

  it('a penalty is recorded once by its id, with kind, amount and decision instant', async () => {
    const data: PenaltyRecordedV1 = {
      penaltyId: '0b7f3a52-9f5c-4d7e-8a37-3f1c2b9d6e01',
      uscc,
      kind: 'FINE',
      amountFen: 6_000_000,
      decidedAt: '2025-09-01T02:00:00.000Z',
      decidingBody: '北京市民政局',
      basis: '社会团体登记管理条例第三十条',
      recordedAt: '2025-09-03T02:00:00.000Z',
      captureDeadline: '2025-09-08T16:00:00.000Z',
    };
    const first = event('credit-supervision', PenaltyRecorded, data);
    await record.penaltyRecorded(first, tx);
    await record.penaltyRecorded(event('credit-supervision', PenaltyRecorded, data), tx);
    expect(await facts.penalties(null, uscc)).toEqual([{ penaltyId: data.penaltyId, uscc, kind: 'FINE', amountFen: 6_000_000, decidedAt: new Date(data.decidedAt), eventId: first.id, recordedAt: new Date(data.recordedAt) }]);
  });
});
