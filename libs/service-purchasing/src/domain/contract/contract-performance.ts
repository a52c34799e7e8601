import { civilDateOf, compareCivilDates, parseCivilDate, startOfCivilDay } from '@sop/util';
import type { BudgetLine } from '../procurement/budget-line';
import { BUDGET_RULE } from '../procurement/budget-line';
import { outcomeOf } from '../performance-assessment';
import type { ContractStatus } from '../performance-assessment';
import { PurchasingErrors } from '../purchasing.errors';
import type { PerformanceOutcome, PurchasingRuleSet } from '../purchasing-rules';

/** A contract is in performance while SIGNED: acceptance, decisions and payments are refused once TERMINATED or COMPLETED. */
export function assertInPerformance(contract: { id: string; status: ContractStatus | string }): void {
  if (contract.status !== 'SIGNED')
    throw new PurchasingErrors.CONTRACT_NOT_IN_PERFORMANCE(`contract ${contract.id} is ${contract.status}`, { field: 'contractId', rule: 'only a contract in performance (SIGNED)', extensions: { contractStatus: contract.status } });
}

export function milestoneNotFound(contractId: string, sequence: number) {
  return new PurchasingErrors.MILESTONE_NOT_FOUND(`contract ${contractId} has no milestone ${sequence}`, { violations: [{ field: 'sequence', rule: 'a milestone of the contract', message: String(sequence) }] });
}

export interface AcceptanceDecision {
  attempt: number;
  band: PerformanceOutcome;
}

/**
 * The acceptance of a milestone (performance management and acceptance, regulations §7.2): of a contract in
 * performance, once its term has started (Beijing date of `now`), at most one passed acceptance per milestone — a
 * failed one may be followed by a re-acceptance of the reworked deliverables (attempt 2, 3 …). The score is banded
 * by the rule set's performance bands (rule data); a pass with a score in the UNQUALIFIED band is inconsistent.
 */
export function decideAcceptance(
  contract: { id: string; status: string; termStart: string },
  previous: readonly { passed: boolean }[],
  input: { passed: boolean; score: number },
  now: Date,
  rules: PurchasingRuleSet,
): AcceptanceDecision {
  assertInPerformance(contract);
  const band = outcomeOf(input.score, rules);
  if (previous.some((a) => a.passed)) throw new PurchasingErrors.MILESTONE_ALREADY_ACCEPTED(`the milestone of contract ${contract.id} passed its acceptance already`);
  const today = civilDateOf(now);
  const termStart = parseCivilDate(contract.termStart);
  if (termStart && compareCivilDates(today, termStart) < 0)
    throw new PurchasingErrors.ASSESSMENT_BEFORE_TERM(`the term starts ${termStart}; today is ${today} (Beijing date)`, {
      field: 'acceptedAt',
      rule: 'a milestone is accepted once the service term has started',
      extensions: { termStart, termStartsAt: startOfCivilDay(termStart).toISOString(), acceptedOn: today },
    });
  if (input.passed && band === 'UNQUALIFIED')
    throw new PurchasingErrors.ACCEPTANCE_INCONSISTENT(`score ${input.score} falls in the UNQUALIFIED band: the milestone cannot pass`, {
      violations: [{ field: 'passed', rule: 'a pass needs a score outside the UNQUALIFIED band', message: `band UNQUALIFIED` }],
      extensions: { band },
    });
  return { attempt: previous.length + 1, band };
}

export interface PaymentContext {
  contract: { id: string; status: string; signedAt: Date; flaggedAt: Date | null; flagEventId: string | null };
  milestone: { sequence: number; amountFen: number; paidFen: number };
  /** Did the milestone pass an acceptance? */
  accepted: boolean;
  /** The latest decision for this milestone recorded at or after the contract's (latest) flag, if any. */
  decision: { id: string; decision: 'PAY' | 'WITHHOLD' } | null;
  amountFen: number;
  paidAt: Date;
  now: Date;
}

/**
 * May this payment be made? Order of the checks: the contract is in performance; paidAt is real (not in the future,
 * not before signing); the milestone passed acceptance; a flagged contract needs a PAY decision after the flag (a
 * WITHHOLD keeps it blocked); the milestone's paid total stays within its amount. Returns the decision relied on.
 */
export function decidePayment(c: PaymentContext): { decisionId: string | null; milestonePaidFen: number } {
  assertInPerformance(c.contract);
  if (Number.isNaN(c.paidAt.getTime()) || c.paidAt.getTime() > c.now.getTime() || c.paidAt.getTime() < c.contract.signedAt.getTime())
    throw new PurchasingErrors.PAID_AT_INVALID('paidAt must lie between the signing and now', {
      violations: [{ field: 'paidAt', rule: 'signedAt ≤ paidAt ≤ now', message: Number.isNaN(c.paidAt.getTime()) ? 'not an instant' : c.paidAt.toISOString() }],
    });
  if (!c.accepted)
    throw new PurchasingErrors.MILESTONE_NOT_ACCEPTED(`milestone ${c.milestone.sequence} of contract ${c.contract.id} has not passed acceptance`, {
      violations: [{ field: 'sequence', rule: 'payments only against accepted milestones', message: String(c.milestone.sequence) }],
    });
  if (c.contract.flaggedAt) {
    if (!c.decision)
      throw new PurchasingErrors.PAYMENT_NEEDS_DECISION(`contract ${c.contract.id} is flagged (supplier on the serious list): milestone ${c.milestone.sequence} needs a PAY decision`, {
        field: 'sequence',
        rule: 'a flagged contract pays only on a recorded PAY decision made after the flag (regulations §5.3)',
        extensions: { flaggedAt: c.contract.flaggedAt.toISOString(), flagEvidenceEventId: c.contract.flagEventId },
      });
    if (c.decision.decision === 'WITHHOLD')
      throw new PurchasingErrors.PAYMENT_WITHHELD(`payments of milestone ${c.milestone.sequence} are withheld`, { field: 'sequence', rule: 'the latest decision is WITHHOLD', extensions: { decisionId: c.decision.id } });
  }
  if (!Number.isSafeInteger(c.amountFen) || c.amountFen <= 0)
    throw new PurchasingErrors.VALUE_INVALID('amountFen must be a positive whole number of fen', { violations: [{ field: 'amountFen', rule: 'positive integer fen', message: String(c.amountFen) }] });
  const outstanding = c.milestone.amountFen - c.milestone.paidFen;
  if (c.amountFen > outstanding)
    throw new PurchasingErrors.MILESTONE_OVERPAID(`${c.amountFen} fen exceeds what milestone ${c.milestone.sequence} still allows: ${outstanding} fen`, {
      violations: [{ field: 'amountFen', rule: "a milestone's payments never exceed its amount", message: `at most ${outstanding} fen` }],
      extensions: { outstandingFen: outstanding },
    });
  return { decisionId: c.contract.flaggedAt ? (c.decision?.id ?? null) : null, milestonePaidFen: c.milestone.paidFen + c.amountFen };
}

/**
 * A payment moves its amount on the budget line from committed to paid (Order 102 Art. 3: within the budget): the
 * committed amount must cover it, so the line's paid amount never exceeds what was committed for it (else 422
 * BUDGET_EXCEEDED). committed + paid is unchanged, so never above the line's amount.
 */
export function payFromCommitment(line: BudgetLine, amountFen: number): BudgetLine {
  if (amountFen > line.committedFen)
    throw new PurchasingErrors.BUDGET_EXCEEDED(`${amountFen} fen exceeds the amount committed on budget line ${line.lineCode}: ${line.committedFen} fen`, {
      violations: [{ field: 'amountFen', rule: BUDGET_RULE, message: `at most ${line.committedFen} fen` }],
      extensions: { budgetLineId: line.id, remainingFen: line.committedFen },
    });
  return { ...line, committedFen: line.committedFen - amountFen, paidFen: line.paidFen + amountFen };
}

/** A payment decision is recorded only for a contract flagged by a serious listing, and in performance. */
export function assertDecidable(contract: { id: string; status: string; flaggedAt: Date | null }): void {
  assertInPerformance(contract);
  if (!contract.flaggedAt) throw new PurchasingErrors.CONTRACT_NOT_FLAGGED(`contract ${contract.id} is not flagged: its payments need no decision`, { field: 'contractId', rule: 'decisions only on flagged contracts' });
}

/** The contract is complete once every milestone is paid in full. */
export function isFullyPaid(milestones: readonly { amountFen: number; paidFen: number }[]): boolean {
  return milestones.length > 0 && milestones.every((m) => m.paidFen >= m.amountFen);
}
