import { civilDateOf, compareCivilDates, parseCivilDate, startOfCivilDay } from '@sop/util';
import { PurchasingErrors } from './purchasing.errors';
import type { PerformanceOutcome, PurchasingRuleSet } from './purchasing-rules';

/** SIGNED: in performance; TERMINATED by the purchaser with reasons; COMPLETED once every milestone is paid in full. */
export const CONTRACT_STATUSES = ['SIGNED', 'TERMINATED', 'COMPLETED'] as const;
export type ContractStatus = (typeof CONTRACT_STATUSES)[number];

/** The outcome when the rule set has no banding rule (the national default: bands are local practice, §7.2). */
export const NOT_BANDED = 'NOT_BANDED' satisfies PerformanceOutcome;

/** What an outcome rests on: a band of the rule set, or no banding rule (the score alone is the result). */
export type OutcomeBasis = 'BAND' | 'NO_BANDING_RULE';

export function outcomeBasisOf(outcome: string): OutcomeBasis {
  return outcome === NOT_BANDED ? 'NO_BANDING_RULE' : 'BAND';
}

/**
 * The score's outcome by the rule set's bands (local practice; regulations §7.2). A rule set without bands (the
 * national default, Order 102) does not band: the assessment records the score and NOT_BANDED (basis
 * NO_BANDING_RULE) rather than an outcome no regulation gives.
 */
export function outcomeOf(score: number, rules: PurchasingRuleSet): PerformanceOutcome {
  if (!Number.isInteger(score) || score < 0 || score > 100)
    throw new PurchasingErrors.SCORE_INVALID(`score must be an integer from 0 to 100, got ${score}`, { field: 'score', rule: 'an integer 0–100' });
  if (!rules.performance) return NOT_BANDED;
  const band = rules.performance.bands.find((b) => score >= b.minScore);
  if (!band) throw new RangeError(`rule set ${rules.id} has no band for score ${score}`);
  return band.outcome;
}

/**
 * Performance management and acceptance (Order 102, regulations §7.2): a purchaser assesses a signed contract,
 * not before its term has started — judged on the Beijing date of `now`: the term "from 2026-03-01" has started at
 * 00:00 Beijing time (2026-02-28T16:00Z). Returns the outcome; throws the refusal.
 */
export function decideAssessment(contract: { status: string; termStart: string }, score: number, now: Date, rules: PurchasingRuleSet): PerformanceOutcome {
  const outcome = outcomeOf(score, rules);
  if (contract.status !== 'SIGNED')
    throw new PurchasingErrors.CONTRACT_NOT_SIGNED(`the contract is ${contract.status}`, { field: 'contractId', rule: 'only a signed contract is assessed' });
  const today = civilDateOf(now);
  const termStart = parseCivilDate(contract.termStart);
  if (!termStart) throw new RangeError(`contract term start is not a civil date: ${contract.termStart}`); // checked at signing
  if (compareCivilDates(today, termStart) < 0)
    throw new PurchasingErrors.ASSESSMENT_BEFORE_TERM(`the term starts ${termStart}; today is ${today} (Beijing date)`, {
      field: 'assessedAt',
      rule: 'performance is assessed once the service term has started',
      extensions: { termStart, termStartsAt: startOfCivilDay(termStart).toISOString(), assessedOn: today },
    });
  return outcome;
}
