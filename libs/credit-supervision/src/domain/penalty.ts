import { addCivilYears, civilDateOf } from '@sop/util';
import type { CreditRuleSet } from './credit-rules';
import { CreditErrors, violationOf } from './credit.errors';
import type { ListTrigger } from './list-decisions';

/** Administrative penalties (Order 60 Art. 6-7 penalty information; 社团条例 Art. 30 for the kinds). Money in integer fen. */
export const PENALTY_KINDS = ['WARNING', 'FINE', 'SUSPENSION', 'REVOCATION'] as const;
export type PenaltyKind = (typeof PENALTY_KINDS)[number];

export interface Penalty {
  penaltyId: string;
  uscc: string;
  kind: PenaltyKind;
  /** FINE only. */
  amountFen: number | null;
  /** SUSPENSION only: end of the time-limited suspension (限期停止活动, 社团条例 Art. 30). */
  suspendedUntil: string | null;
  /** When the decision took effect. */
  decidedAt: string;
  decidingBody: string;
  basis: string;
}

/** A penalty whose fields do not fit its kind: CREDIT.PENALTY_INVALID naming the field and the rule. */
function invalid(field: string, rule: string, message: string): Error {
  return new CreditErrors.PENALTY_INVALID(message, violationOf(field, rule, message));
}

export function validatePenalty(p: Penalty): void {
  if (p.kind === 'FINE' && (p.amountFen === null || !Number.isSafeInteger(p.amountFen) || p.amountFen <= 0))
    throw invalid('amountFen', 'a fine has a positive amount in integer fen', 'amountFen is required for a fine');
  if (p.kind !== 'FINE' && p.amountFen !== null) throw invalid('amountFen', 'only a fine has an amount', `a ${p.kind} has no amount`);
  if (p.kind === 'SUSPENSION' && (!p.suspendedUntil || p.suspendedUntil <= p.decidedAt))
    throw invalid('suspendedUntil', 'a time-limited suspension ends after it takes effect (社团条例 Art. 30)', 'suspendedUntil must follow decidedAt');
  if (p.kind !== 'SUSPENSION' && p.suspendedUntil !== null) throw invalid('suspendedUntil', 'only a suspension has an end', `a ${p.kind} has no suspension end`);
}

function isSmall(p: Penalty, rules: CreditRuleSet): boolean {
  return p.kind === 'WARNING' || (p.kind === 'FINE' && (p.amountFen ?? 0) < rules.serious.largeFineThresholdFen);
}

/**
 * The list triggers a new penalty causes, given the organization's earlier penalties:
 * §5.1 (5) warning or fine below RMB 50,000 → abnormal; §5.2 (4) fine ≥ RMB 50,000, (3) suspension,
 * (7) revocation → serious; §5.2 (5) two or more warnings / small fines within 3 years → serious.
 */
export function penaltyTriggers(p: Penalty, earlier: readonly Penalty[], rules: CreditRuleSet, decidingAuthority: string): ListTrigger[] {
  const base = { uscc: p.uscc, at: new Date(p.decidedAt), decidingAuthority };
  if (p.kind === 'SUSPENSION') return [{ ...base, list: 'SERIOUS', reason: 'SUSPENSION_PENALTY', evidence: [p.penaltyId] }];
  if (p.kind === 'REVOCATION') return [{ ...base, list: 'SERIOUS', reason: 'REGISTRATION_REVOKED', evidence: [p.penaltyId] }];
  if (!isSmall(p, rules)) return [{ ...base, list: 'SERIOUS', reason: 'LARGE_FINE', evidence: [p.penaltyId] }];
  const triggers: ListTrigger[] = [{ ...base, list: 'ABNORMAL', reason: 'WARNING_OR_SMALL_FINE', evidence: [p.penaltyId] }];
  const at = new Date(p.decidedAt);
  // "Within 3 years" in Beijing civil dates: an earlier penalty counts when the new one falls on or before the
  // corresponding day 3 years after it (Civil Code Art. 201-202). A look-back window, not a time limit for an act,
  // so no rest-day move (Art. 203) and no holiday calendar: it is known for any year.
  const windowStart = addCivilYears(civilDateOf(at), -rules.serious.repeatWindowYears);
  const inWindow = earlier.filter(
    (e) => e.uscc === p.uscc && e.penaltyId !== p.penaltyId && isSmall(e, rules) && civilDateOf(new Date(e.decidedAt)) >= windowStart && new Date(e.decidedAt) <= at,
  );
  if (inWindow.length + 1 >= rules.serious.repeatCount) {
    triggers.push({ ...base, list: 'SERIOUS', reason: 'REPEATED_WARNINGS_OR_FINES', evidence: [...inWindow.map((e) => e.penaltyId), p.penaltyId] });
  }
  return triggers;
}
