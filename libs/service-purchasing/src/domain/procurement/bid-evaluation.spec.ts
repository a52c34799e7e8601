import { DomainError } from '@sop/util';
import { ORDER_102_2020 } from '../purchasing-rules';
import type { GradeInForce } from '../supplier-grade';
import { evaluateBidder, evaluateEligibility, type BidderFacts } from './bidder-eligibility';
import { chooseWinner, scoreBids, STANDSTILL, type EligibleBid } from './bid-scoring';
import type { QualificationRequirements, ScoringMethod } from './procurement-notice';

const A = '52110108MJ0000018M';
const B = '52110108MJ0000026F';
const C = '52110108MJ000003XK';
const req = (over: Partial<QualificationRequirements> = {}): QualificationRequirements => ({
  registeredAndActive: true,
  notOnSeriousList: true,
  noMajorViolationYears: 3,
  minimumGrade: null,
  other: [],
  ...over,
});
const grade = (g: GradeInForce['grade']): GradeInForce => ({
  gradeId: '00000000-0000-4000-8000-000000000001',
  grade: g,
  awardedGrade: g,
  validFrom: '2025-01-01',
  validUntil: '2029-12-31',
  validFromStartsAt: null,
  validUntilEndsAt: null,
  lowered: false,
  ruleVersion: 'evaluation/order-39@v1',
});
const facts = (uscc: string, over: Partial<BidderFacts> = {}): BidderFacts => ({
  uscc,
  supplier: { status: 'ACTIVE', statusChangedAt: null, category: 'OTHER', registrationEventId: 'reg-1', statusEventId: null },
  measures: null,
  grade: null,
  ...over,
});
const serious = { lists: ['SERIOUS'], measures: ['NO_PURCHASE_OF_SERVICES'], effectiveFrom: '2026-03-01T00:00:00.000Z', ruleVersion: 'credit/100000@v1', eventId: 'credit-ev-1' };
const outcomes = (f: BidderFacts, r = req()) => Object.fromEntries(evaluateBidder(f, r, ORDER_102_2020).rules.map((x) => [x.rule, x.outcome]));
const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return (e as DomainError).code;
  }
  return 'no error';
};

describe('eligibility per rule with evidence', () => {
  it('an active, unlisted bidder passes; what purchasing cannot judge is NOT_EVALUATED with its reason, never invented', () => {
    const e = evaluateBidder(facts(A), req(), ORDER_102_2020);
    expect(e.eligible).toBe(true);
    expect(Object.fromEntries(e.rules.map((r) => [r.rule, r.outcome]))).toEqual({
      REGISTERED_AND_ACTIVE: 'PASS',
      NOT_BARRED_FROM_PURCHASE: 'PASS',
      NO_MAJOR_VIOLATION: 'NOT_EVALUATED',
      ANNUAL_REPORT: 'NOT_EVALUATED',
      MINIMUM_GRADE: 'NOT_REQUIRED',
    });
    expect(e.rules.find((r) => r.rule === 'ANNUAL_REPORT')?.reason).toMatch(/no annual-report/);
    expect(e.rules.find((r) => r.rule === 'REGISTERED_AND_ACTIVE')?.evidence).toMatchObject({ status: 'ACTIVE', registrationEventId: 'reg-1' });
  });

  it('a bidder under NO_PURCHASE_OF_SERVICES on the serious list fails two rules, with the credit event as evidence', () => {
    const e = evaluateBidder(facts(A, { measures: serious }), req(), ORDER_102_2020);
    expect(e.eligible).toBe(false);
    const barred = e.rules.find((r) => r.rule === 'NOT_BARRED_FROM_PURCHASE');
    expect(barred).toMatchObject({ outcome: 'FAIL', evidence: { measuresEventId: 'credit-ev-1', lists: ['SERIOUS'], measures: ['NO_PURCHASE_OF_SERVICES'], measureRuleVersion: 'credit/100000@v1' } });
    expect(outcomes(facts(A, { measures: serious })).NO_MAJOR_VIOLATION).toBe('FAIL');
    // not asked by the notice: NOT_REQUIRED, and then the listing does not bar
    expect(evaluateBidder(facts(A, { measures: serious }), req({ notOnSeriousList: false, noMajorViolationYears: null }), ORDER_102_2020).eligible).toBe(true);
  });

  it('a revoked or unknown organization fails REGISTERED_AND_ACTIVE', () => {
    expect(outcomes(facts(A, { supplier: { status: 'REVOKED', statusChangedAt: '2026-01-01T00:00:00.000Z', category: 'OTHER', registrationEventId: 'r', statusEventId: 's' } })).REGISTERED_AND_ACTIVE).toBe('FAIL');
    expect(evaluateBidder(facts(A, { supplier: null }), req(), ORDER_102_2020).eligible).toBe(false);
  });

  it('the minimum grade of the notice: 3A required, 3A passes, 2A and no grade fail with the grade as evidence', () => {
    expect(outcomes(facts(A, { grade: grade('3A') }), req({ minimumGrade: '3A' })).MINIMUM_GRADE).toBe('PASS');
    expect(outcomes(facts(A, { grade: grade('2A') }), req({ minimumGrade: '3A' })).MINIMUM_GRADE).toBe('FAIL');
    const none = evaluateBidder(facts(A), req({ minimumGrade: '3A' }), ORDER_102_2020);
    expect(none.rules.find((r) => r.rule === 'MINIMUM_GRADE')).toMatchObject({ outcome: 'FAIL', evidence: { minimumGrade: '3A', grade: null } });
  });

  it('as of an earlier instant, a listing or revocation that took effect later is NOT_EVALUATED with its reason, never a failure then', () => {
    const deadline = new Date('2026-02-01T00:00:00Z'); // serious.effectiveFrom is 2026-03-01
    const e = evaluateEligibility('DEADLINE', deadline, new Date('2026-03-02T00:00:00Z'), [facts(A, { measures: serious })], req(), ORDER_102_2020).bidders[0];
    expect(e.eligible).toBe(true);
    expect(e.rules.find((r) => r.rule === 'NOT_BARRED_FROM_PURCHASE')).toMatchObject({ outcome: 'NOT_EVALUATED', reason: expect.stringMatching(/after the as-of instant/), evidence: { measuresEventId: 'credit-ev-1' } });
    expect(e.rules.find((r) => r.rule === 'NO_MAJOR_VIOLATION')?.outcome).toBe('NOT_EVALUATED');
    const revoked = facts(A, { supplier: { status: 'REVOKED', statusChangedAt: '2026-03-01T00:00:00.000Z', category: 'OTHER', registrationEventId: 'r', statusEventId: 's' } });
    expect(evaluateBidder(revoked, req(), ORDER_102_2020, deadline).rules[0].outcome).toBe('NOT_EVALUATED');
    expect(evaluateBidder(revoked, req(), ORDER_102_2020, new Date('2026-03-01T00:00:01Z')).rules[0].outcome).toBe('FAIL');
    // as of the listing instant or later: it bars
    expect(evaluateEligibility('AWARD', new Date('2026-03-01T00:00:00Z'), new Date('2026-03-01T00:00:00Z'), [facts(A, { measures: serious })], req(), ORDER_102_2020).bidders[0].eligible).toBe(false);
  });

  it('an evaluation names its stage, as-of instant, recording instant and rule set version', () => {
    const e = evaluateEligibility('DEADLINE', new Date('2026-05-01T02:00:00Z'), new Date('2026-05-01T03:00:00Z'), [facts(A)], req(), ORDER_102_2020);
    expect(e).toMatchObject({ stage: 'DEADLINE', asOf: '2026-05-01T02:00:00.000Z', recordedAt: '2026-05-01T03:00:00.000Z', ruleVersion: 'purchasing/100000@v1' });
  });
});

const scoring: ScoringMethod = { priceWeight: 30, criteria: [{ name: '服务方案', weight: 50, maxPoints: 10 }, { name: '团队', weight: 20, maxPoints: 5 }] };
const bid = (uscc: string, priceFen: number, over: Partial<EligibleBid> = {}): EligibleBid => ({ bidderUscc: uscc, bidId: `bid-${uscc}`, priceFen, category: 'OTHER', grade: null, ...over });
const marks = (uscc: string, plan: number, team: number) => ({ bidderUscc: uscc, quality: [{ criterion: '服务方案', points: plan }, { criterion: '团队', points: team }] });

describe('scoring (price formula, criteria, priority under equal conditions)', () => {
  it('price score = lowest / price × weight; quality = points / max × weight; totals ranked', () => {
    const r = scoreBids(scoring, [bid(A, 100_000), bid(B, 80_000)], [marks(A, 10, 5), marks(B, 6, 5)], ORDER_102_2020);
    const a = r.bids.find((x) => x.bidderUscc === A);
    const b = r.bids.find((x) => x.bidderUscc === B);
    expect(r.lowestPriceFen).toBe(80_000);
    expect(a).toMatchObject({ priceScore: 24, qualityScore: 70, total: 94, rank: 1 });
    expect(b).toMatchObject({ priceScore: 30, qualityScore: 50, total: 80, rank: 2 });
    expect(r.ruleVersion).toBe('purchasing/100000@v1');
  });

  it('equal totals: a direct-registration category or a 3A+ grade ranks first; equal priority shares the rank', () => {
    const r = scoreBids(scoring, [bid(A, 100_000), bid(B, 100_000, { category: 'PUBLIC_INTEREST_CHARITY' }), bid(C, 100_000, { grade: grade('4A') })], [marks(A, 8, 4), marks(B, 8, 4), marks(C, 8, 4)], ORDER_102_2020);
    expect(r.bids.map((x) => [x.bidderUscc, x.rank, x.priority.map((p) => p.code)])).toEqual([
      [B, 1, ['DIRECT_REGISTRATION_CATEGORY']],
      [C, 1, ['GRADE_3A_OR_ABOVE']],
      [A, 3, []],
    ]);
  });

  it('refuses marks above the max, unknown criteria, missing or foreign bids, naming the field', () => {
    expect(codeOf(() => scoreBids(scoring, [bid(A, 1)], [marks(A, 11, 5)], ORDER_102_2020))).toBe('PURCHASING.SCORES_INVALID');
    expect(codeOf(() => scoreBids(scoring, [bid(A, 1), bid(B, 1)], [marks(A, 1, 1)], ORDER_102_2020))).toBe('PURCHASING.SCORES_INVALID');
    expect(codeOf(() => scoreBids(scoring, [bid(A, 1)], [marks(A, 1, 1), marks(C, 1, 1)], ORDER_102_2020))).toBe('PURCHASING.SCORES_INVALID');
    expect(codeOf(() => scoreBids(scoring, [bid(A, 1)], [{ bidderUscc: A, quality: [{ criterion: '价格', points: 1 }] }], ORDER_102_2020))).toBe('PURCHASING.SCORES_INVALID');
    expect(codeOf(() => scoreBids(scoring, [bid(A, 1)], [{ bidderUscc: A, quality: [{ criterion: '服务方案', points: 1 }] }], ORDER_102_2020))).toBe('PURCHASING.SCORES_INVALID');
    expect(codeOf(() => scoreBids(scoring, [], [], ORDER_102_2020))).toBe('PURCHASING.NO_ELIGIBLE_BID');
    expect(() => scoreBids(scoring, [bid(A, 1)], [marks(A, 11, 5)], ORDER_102_2020)).toThrow(expect.objectContaining({ violations: [expect.objectContaining({ field: 'scores.0.quality.0.points' })] }));
  });
});

describe('award choice', () => {
  const result = () => scoreBids(scoring, [bid(A, 100_000), bid(B, 80_000)], [marks(A, 10, 5), marks(B, 6, 5)], ORDER_102_2020);
  const atAward = (listedA: boolean) => evaluateEligibility('AWARD', new Date(), new Date(), [facts(A, listedA ? { measures: serious } : {}), facts(B)], req(), ORDER_102_2020);

  it('the highest eligible total wins; a bidder listed since the deadline is refused with its failing rules', () => {
    expect(chooseWinner(result(), atAward(false), undefined).winner.bidderUscc).toBe(A);
    const c = chooseWinner(result(), atAward(true), undefined);
    expect(c.winner.bidderUscc).toBe(B);
    expect(c.refused).toEqual([{ bidderUscc: A, failed: expect.arrayContaining([expect.objectContaining({ rule: 'NOT_BARRED_FROM_PURCHASE', outcome: 'FAIL' })]) }]);
  });

  it('naming the listed bidder is refused INELIGIBLE_AT_AWARD; naming a lower total is a deviation the rule refuses', () => {
    expect(codeOf(() => chooseWinner(result(), atAward(true), A))).toBe('PURCHASING.INELIGIBLE_AT_AWARD');
    expect(codeOf(() => chooseWinner(result(), atAward(false), B))).toBe('PURCHASING.AWARD_DEVIATION_REFUSED');
    expect(chooseWinner(result(), atAward(false), A).winner.bidderUscc).toBe(A);
  });

  it('a tie at the top needs the purchaser to name one of the tied', () => {
    const tied = scoreBids(scoring, [bid(A, 100_000), bid(B, 100_000)], [marks(A, 8, 4), marks(B, 8, 4)], ORDER_102_2020);
    const all = evaluateEligibility('AWARD', new Date(), new Date(), [facts(A), facts(B)], req(), ORDER_102_2020);
    expect(codeOf(() => chooseWinner(tied, all, undefined))).toBe('PURCHASING.AWARD_TIE');
    expect(chooseWinner(tied, all, B).winner.bidderUscc).toBe(B);
  });

  it('the standstill is rule data marked UNCONFIRMED', () => {
    expect(STANDSTILL).toMatchObject({ days: 7, confirmed: false });
    expect(STANDSTILL.basis).toMatch(/^UNCONFIRMED/);
  });
});
