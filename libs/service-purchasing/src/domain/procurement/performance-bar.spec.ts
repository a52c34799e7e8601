import { civilDate } from '@sop/util';
import { localVersion } from '../../test-support/local-rule-set.fixture';
import { ORDER_102_2020, ruleSetOf } from '../purchasing-rules';
import { evaluateBidder, type BidderFacts } from './bidder-eligibility';
import { assertPerformanceBar, barEndsOn, barringFailures, LOCAL_PRACTICE_PERFORMANCE_BAR, scoreDeduction, type PerformanceFailure } from './performance-bar';
import { scoreBids } from './bid-scoring';
import type { QualificationRequirements } from './procurement-notice';

const BAR = LOCAL_PRACTICE_PERFORMANCE_BAR;
const WITH_BAR = ruleSetOf(localVersion('110108', '2026-01-01', { version: 2, performanceBar: BAR }));
const req: QualificationRequirements = { registeredAndActive: true, notOnSeriousList: true, noMajorViolationYears: null, minimumGrade: null, other: [] };
const A = '52110108MJ0000001X';
// 2027-03-31T17:00Z is 1 April 2027 01:00 in Beijing: the bar counts from the Beijing date.
const failedFinal: PerformanceFailure = {
  kind: 'FAILED_FINAL_ACCEPTANCE',
  contractId: 'c-1',
  at: '2027-03-31T17:00:00.000Z',
  eventId: 'ev-acc',
  contractEventId: 'ev-signed',
  acceptance: { acceptanceId: 'a-1', sequence: 2, attempt: 1, score: 41, band: 'UNQUALIFIED', ruleVersion: 'purchasing/110108@v2' },
  curedAt: null,
};
const termination: PerformanceFailure = { kind: 'TERMINATION', contractId: 'c-2', at: '2027-06-10T02:00:00.000Z', eventId: 'ev-term', contractEventId: 'ev-signed-2', reasons: ['严重违约'] };
const facts = (failures: PerformanceFailure[]): BidderFacts => ({
  uscc: A,
  supplier: { status: 'ACTIVE', statusChangedAt: null, category: 'OTHER', registrationEventId: 'reg-1', statusEventId: null },
  measures: null,
  grade: null,
  performanceFailures: failures,
});

describe('performance bar (issue 11 item 5)', () => {
  it('runs from the Beijing date of the failure to the same date 12 months later, exclusive', () => {
    expect(barEndsOn(new Date(failedFinal.at), BAR)).toBe(civilDate('2028-04-01'));
    // Before the failure (still 31 March in Beijing at 15:59Z): nothing bars.
    expect(barringFailures([failedFinal], BAR, new Date('2027-03-31T15:59:59.999Z'))).toEqual([]);
    const barred = barringFailures([failedFinal], BAR, new Date('2027-03-31T17:00:00.000Z'));
    expect(barred).toEqual([expect.objectContaining({ contractId: 'c-1', eventId: 'ev-acc', on: '2027-04-01', admittedFrom: '2028-04-01' })]);
    // Last barred instant: 23:59:59.999 Beijing on 31 March 2028 (15:59:59.999Z); admitted from 00:00 Beijing on 1 April.
    expect(barringFailures([failedFinal], BAR, new Date('2028-03-31T15:59:59.999Z'))).toHaveLength(1);
    expect(barringFailures([failedFinal], BAR, new Date('2028-03-31T16:00:00.000Z'))).toEqual([]);
  });

  it('a passing re-acceptance cures a failed final acceptance from its instant; triggers the rule does not name do not bar', () => {
    const cured = { ...failedFinal, curedAt: '2027-05-01T02:00:00.000Z' };
    expect(barringFailures([cured], BAR, new Date('2027-04-30T02:00:00.000Z'))).toHaveLength(1);
    expect(barringFailures([cured], BAR, new Date('2027-05-01T02:00:00.000Z'))).toEqual([]);
    expect(barringFailures([failedFinal, termination], { ...BAR, afterTermination: false }, new Date('2027-07-01T00:00:00Z')).map((f) => f.kind)).toEqual(['FAILED_FINAL_ACCEPTANCE']);
    expect(barringFailures([failedFinal, termination], { ...BAR, afterFailedFinalAcceptance: false }, new Date('2027-07-01T00:00:00Z')).map((f) => f.kind)).toEqual(['TERMINATION']);
  });

  it('only a termination for the supplier’s breach bars (or one recorded before causes were); the purchaser’s own decision does not', () => {
    const at = new Date('2027-07-01T00:00:00Z');
    expect(barringFailures([{ ...termination, cause: 'SUPPLIER_BREACH' }], BAR, at)).toHaveLength(1);
    expect(barringFailures([{ ...termination, cause: null }], BAR, at)).toHaveLength(1);
    for (const cause of ['PURCHASER_DECISION', 'MUTUAL_AGREEMENT', 'FORCE_MAJEURE'] as const) expect(barringFailures([{ ...termination, cause }], BAR, at)).toEqual([]);
  });

  it('bidder eligibility: NO_RECENT_PERFORMANCE_FAILURE fails with the evidence and rule version while the bar runs, passes after it', () => {
    const during = evaluateBidder(facts([failedFinal, termination]), req, WITH_BAR, new Date('2027-07-01T00:00:00Z'));
    expect(during.eligible).toBe(false);
    const rule = during.rules.find((r) => r.rule === 'NO_RECENT_PERFORMANCE_FAILURE');
    expect(rule).toMatchObject({ outcome: 'FAIL', evidence: { months: 12, unconfirmed: true, ruleVersion: 'purchasing/110108@v2' } });
    expect((rule?.evidence.failures as { eventId: string; contractId: string; on: string }[]).map((f) => [f.eventId, f.contractId, f.on])).toEqual([
      ['ev-acc', 'c-1', '2027-04-01'],
      ['ev-term', 'c-2', '2027-06-10'],
    ]);
    expect(rule?.reason).toContain('barred until 2028-04-01');
    const after = evaluateBidder(facts([failedFinal, termination]), req, WITH_BAR, new Date('2028-06-09T16:00:00Z'));
    expect(after.rules.find((r) => r.rule === 'NO_RECENT_PERFORMANCE_FAILURE')).toMatchObject({ outcome: 'PASS', evidence: { failures: [] } });
    expect(after.eligible).toBe(true);
    // Facts built without reading the history (a caller that does not pass it): said so, never a silent PASS.
    const { performanceFailures: _unread, ...unread } = facts([]);
    expect(evaluateBidder(unread, req, WITH_BAR, new Date('2027-07-01T00:00:00Z')).rules.find((r) => r.rule === 'NO_RECENT_PERFORMANCE_FAILURE')).toMatchObject({ outcome: 'NOT_EVALUATED' });
  });

  it('a version without a bar (the national default, every earlier version) evaluates exactly as before: no such rule in the record', () => {
    const e = evaluateBidder(facts([failedFinal]), req, ORDER_102_2020, new Date('2027-07-01T00:00:00Z'));
    expect(e.eligible).toBe(true);
    expect(e.rules.map((r) => r.rule)).toEqual(['REGISTERED_AND_ACTIVE', 'NOT_BARRED_FROM_PURCHASE', 'NO_MAJOR_VIOLATION', 'ANNUAL_REPORT', 'MINIMUM_GRADE']);
  });

  it('publishing refuses a malformed bar with PURCHASING.RULE_SET_PERFORMANCE_BAR_INVALID naming the field', () => {
    const codeOf = (fn: () => void) => {
      try {
        fn();
        return null;
      } catch (e) {
        return [(e as { code: string }).code, (e as { violations?: { field: string }[] }).violations?.[0]?.field];
      }
    };
    expect(codeOf(() => assertPerformanceBar(BAR))).toBeNull();
    expect(codeOf(() => assertPerformanceBar(null))).toBeNull();
    expect(codeOf(() => assertPerformanceBar({ ...BAR, months: 0 }))).toEqual(['PURCHASING.RULE_SET_PERFORMANCE_BAR_INVALID', 'performanceBar.months']);
    expect(codeOf(() => assertPerformanceBar({ ...BAR, afterFailedFinalAcceptance: false, afterTermination: false }))).toEqual(['PURCHASING.RULE_SET_PERFORMANCE_BAR_INVALID', 'performanceBar.afterFailedFinalAcceptance']);
    expect(codeOf(() => assertPerformanceBar({ ...BAR, source: ' ' }))).toEqual(['PURCHASING.RULE_SET_PERFORMANCE_BAR_INVALID', 'performanceBar.source']);
  });
});

describe('scoring deduction for failed acceptances (rule data: performanceBar.scoreDeductionPoints)', () => {
  // Milestone 1 of contract c-3 failed at 10:00 Beijing on 2 May 2027; not the final milestone: it never bars.
  const failedMilestone: PerformanceFailure = { ...failedFinal, kind: 'FAILED_ACCEPTANCE', contractId: 'c-3', at: '2027-05-02T02:00:00.000Z', eventId: 'ev-m1', acceptance: { ...failedFinal.acceptance!, sequence: 1 } };
  const DEDUCTING = { ...BAR, scoreDeductionPoints: 3 };

  it('counts failed acceptances within the months before the deadline (Beijing dates), not cured by then; a failed milestone never bars', () => {
    expect(barringFailures([failedMilestone], DEDUCTING, new Date('2027-06-01T00:00:00Z'))).toEqual([]);
    expect(scoreDeduction([failedMilestone, failedFinal, termination], DEDUCTING, new Date('2027-06-01T00:00:00Z'))).toMatchObject({
      points: 6,
      perFailure: 3,
      failures: [
        { kind: 'FAILED_ACCEPTANCE', contractId: 'c-3', eventId: 'ev-m1', on: '2027-05-02', sequence: 1 },
        { kind: 'FAILED_FINAL_ACCEPTANCE', contractId: 'c-1', on: '2027-04-01', sequence: 2 },
      ],
    });
    // 12 months on: 2 May 2028 (Beijing) still counts the 2 May 2027 failure, 3 May does not.
    expect(scoreDeduction([failedMilestone], DEDUCTING, new Date('2028-05-02T15:59:59.000Z'))?.points).toBe(3);
    expect(scoreDeduction([failedMilestone], DEDUCTING, new Date('2028-05-02T16:00:00.000Z'))).toBeNull();
    expect(scoreDeduction([{ ...failedMilestone, curedAt: '2027-05-20T02:00:00.000Z' }], DEDUCTING, new Date('2027-06-01T00:00:00Z'))).toBeNull();
    expect(scoreDeduction([failedMilestone], BAR, new Date('2027-06-01T00:00:00Z'))).toBeNull(); // the rule deducts nothing
  });

  it('scoring takes the points off the total and ranks by it, recording which acceptances counted', () => {
    const rules = ruleSetOf(localVersion('110108', '2026-01-01', { version: 3, performanceBar: DEDUCTING }));
    const scoring = { priceWeight: 30, criteria: [{ name: '方案', weight: 70, maxPoints: 70 }] };
    const bid = (uscc: string, performanceFailures: PerformanceFailure[] = []) => ({ bidderUscc: uscc, bidId: `bid-${uscc}`, priceFen: 100_000, category: 'OTHER' as const, grade: null, performanceFailures });
    const marks = (uscc: string, points: number) => ({ bidderUscc: uscc, quality: [{ criterion: '方案', points }] });
    const B = '52110108MJ0000002X';
    const r = scoreBids(scoring, [bid(A, [failedMilestone]), bid(B)], [marks(A, 70), marks(B, 68)], rules, new Date('2027-06-01T00:00:00Z'));
    expect(r.bids.map((b) => [b.bidderUscc, b.total, b.rank, b.deduction?.points ?? 0])).toEqual([
      [B, 98, 1, 0],
      [A, 97, 2, 3],
    ]);
    expect(() => assertPerformanceBar({ ...BAR, scoreDeductionPoints: 21 })).toThrow(/0–20/);
  });
});

