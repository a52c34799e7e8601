import { BANDED_RULES } from '../../test-support/local-rule-set.fixture';
import type { BudgetLine } from '../procurement/budget-line';
import { ruleSetOf, NATIONAL_DEFAULT_VERSION } from '../purchasing-rules';
import { assertDecidable, decideAcceptance, decidePayment, isFullyPaid, payFromCommitment, type PaymentContext } from './contract-performance';

const NATIONAL = ruleSetOf(NATIONAL_DEFAULT_VERSION);
const contract = { id: 'c-1', status: 'SIGNED', termStart: '2026-05-01' };
const inTerm = new Date('2026-05-01T00:00:00+08:00');
const codeOf = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return (e as { code: string }).code;
  }
  return null;
};

describe('milestone acceptance (regulations §7.2 performance management and acceptance)', () => {
  it('bands the score by the rule set in force, NOT_BANDED without bands; attempts count from 1', () => {
    expect(decideAcceptance(contract, [], { passed: true, score: 92 }, inTerm, BANDED_RULES)).toEqual({ attempt: 1, band: 'EXCELLENT' });
    expect(decideAcceptance(contract, [{ passed: false }], { passed: true, score: 70 }, inTerm, BANDED_RULES)).toEqual({ attempt: 2, band: 'QUALIFIED' });
    expect(decideAcceptance(contract, [], { passed: true, score: 10 }, inTerm, NATIONAL)).toEqual({ attempt: 1, band: 'NOT_BANDED' });
  });

  it('one passed acceptance per milestone; a failed one may be re-submitted', () => {
    expect(codeOf(() => decideAcceptance(contract, [{ passed: true }], { passed: true, score: 90 }, inTerm, BANDED_RULES))).toBe('PURCHASING.MILESTONE_ALREADY_ACCEPTED');
    expect(codeOf(() => decideAcceptance(contract, [{ passed: false }, { passed: false }], { passed: false, score: 40 }, inTerm, BANDED_RULES))).toBeNull();
  });

  it('refuses before the term starts (Beijing date), a pass in the UNQUALIFIED band, a contract no longer in performance', () => {
    expect(codeOf(() => decideAcceptance(contract, [], { passed: true, score: 90 }, new Date('2026-04-30T15:59:59Z'), BANDED_RULES))).toBe('PURCHASING.ASSESSMENT_BEFORE_TERM');
    expect(codeOf(() => decideAcceptance(contract, [], { passed: true, score: 59 }, inTerm, BANDED_RULES))).toBe('PURCHASING.ACCEPTANCE_INCONSISTENT');
    expect(codeOf(() => decideAcceptance(contract, [], { passed: false, score: 59 }, inTerm, BANDED_RULES))).toBeNull();
    expect(codeOf(() => decideAcceptance({ ...contract, status: 'TERMINATED' }, [], { passed: true, score: 90 }, inTerm, BANDED_RULES))).toBe('PURCHASING.CONTRACT_NOT_IN_PERFORMANCE');
  });
});

describe('payments against accepted milestones', () => {
  const signedAt = new Date('2026-04-20T02:00:00Z');
  const now = new Date('2026-07-01T00:00:00Z');
  const base: PaymentContext = {
    contract: { id: 'c-1', status: 'SIGNED', signedAt, flaggedAt: null, flagEventId: null },
    milestone: { sequence: 1, amountFen: 100_000, paidFen: 40_000 },
    accepted: true,
    decision: null,
    amountFen: 60_000,
    paidAt: now,
    now,
  };
  const flagged = { ...base.contract, flaggedAt: new Date('2026-06-01T00:00:00Z'), flagEventId: 'ev-1' };

  it('pays up to the milestone amount, never beyond', () => {
    expect(decidePayment(base)).toEqual({ decisionId: null, milestonePaidFen: 100_000 });
    expect(codeOf(() => decidePayment({ ...base, amountFen: 60_001 }))).toBe('PURCHASING.MILESTONE_OVERPAID');
  });

  it('refuses an unaccepted milestone, a contract not in performance, a paidAt in the future or before signing', () => {
    expect(codeOf(() => decidePayment({ ...base, accepted: false }))).toBe('PURCHASING.MILESTONE_NOT_ACCEPTED');
    expect(codeOf(() => decidePayment({ ...base, contract: { ...base.contract, status: 'COMPLETED' } }))).toBe('PURCHASING.CONTRACT_NOT_IN_PERFORMANCE');
    expect(codeOf(() => decidePayment({ ...base, paidAt: new Date(now.getTime() + 1) }))).toBe('PURCHASING.PAID_AT_INVALID');
    expect(codeOf(() => decidePayment({ ...base, paidAt: new Date(signedAt.getTime() - 1) }))).toBe('PURCHASING.PAID_AT_INVALID');
    expect(codeOf(() => decidePayment({ ...base, paidAt: new Date('x') }))).toBe('PURCHASING.PAID_AT_INVALID');
  });

  it('a flagged contract pays only on a PAY decision; WITHHOLD keeps it blocked', () => {
    expect(codeOf(() => decidePayment({ ...base, contract: flagged }))).toBe('PURCHASING.PAYMENT_NEEDS_DECISION');
    expect(codeOf(() => decidePayment({ ...base, contract: flagged, decision: { id: 'd-1', decision: 'WITHHOLD' } }))).toBe('PURCHASING.PAYMENT_WITHHELD');
    expect(decidePayment({ ...base, contract: flagged, decision: { id: 'd-2', decision: 'PAY' } })).toEqual({ decisionId: 'd-2', milestonePaidFen: 100_000 });
  });

  it('moves the amount from committed to paid on the budget line, never more than committed', () => {
    const line = { id: 'l-1', lineCode: 'L', amountFen: 1_000_000, committedFen: 250_000, paidFen: 0 } as BudgetLine;
    expect(payFromCommitment(line, 100_000)).toMatchObject({ committedFen: 150_000, paidFen: 100_000 });
    expect(codeOf(() => payFromCommitment(line, 250_001))).toBe('PURCHASING.BUDGET_EXCEEDED');
  });

  it('decisions only on flagged contracts in performance; complete once every milestone is paid in full', () => {
    expect(codeOf(() => assertDecidable({ id: 'c', status: 'SIGNED', flaggedAt: null }))).toBe('PURCHASING.CONTRACT_NOT_FLAGGED');
    expect(codeOf(() => assertDecidable({ id: 'c', status: 'SIGNED', flaggedAt: new Date() }))).toBeNull();
    expect(isFullyPaid([{ amountFen: 1, paidFen: 1 }, { amountFen: 2, paidFen: 1 }])).toBe(false);
    expect(isFullyPaid([{ amountFen: 1, paidFen: 1 }, { amountFen: 2, paidFen: 2 }])).toBe(true);
  });
});
