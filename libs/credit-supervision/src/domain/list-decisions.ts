import { ruleVersionOf, triggerRule, type CreditRuleSet, type JointMeasure, type ListKind, type ListReason } from './credit-rules';
import type { DomainErrorClass } from '@sop/util';
import { CreditErrors, violationOf } from './credit.errors';
import { seriousRemovalEligibleAt } from './list-timers';
import { activeEntries, type ListEntry, type ListEvent, type ListState } from './list-state';

/**
 * The list decisions (regulations §5.1-§5.3): pure functions from the current state, a trigger or an officer's
 * record, and the rule set to new list events. A refused decision throws a CreditErrors class.
 */

/** A removal the rules refuse: the rule it broke stands as the violation's field and rule. */
function refused(error: DomainErrorClass, rule: string, message: string): Error {
  return new error(message, violationOf(rule, rule, message));
}

export interface ListTrigger {
  uscc: string;
  list: ListKind;
  reason: ListReason;
  evidence: string[];
  /** When the triggering fact took effect. */
  at: Date;
  decidingAuthority: string;
}

/**
 * A trigger for one organization. §5.1/§5.2: re-occurrence while listed restarts the clock (same list and
 * reason → the active entry's clock restarts); otherwise a new entry. §5.2 removal needs 2 years "with no new
 * event that would list it on either list", so any trigger also restarts the clean clock of active serious entries.
 */
export function decideTrigger(state: ListState, trigger: ListTrigger, rules: CreditRuleSet, newId: () => string): ListEvent[] {
  const rule = triggerRule(rules, trigger.list, trigger.reason);
  const at = trigger.at.toISOString();
  const ruleVersion = ruleVersionOf(rules);
  const events: ListEvent[] = [];
  const mine = activeEntries(state).filter((e) => e.uscc === trigger.uscc);
  const same = mine.find((e) => e.list === trigger.list && e.reason === trigger.reason);
  if (same) {
    events.push({ kind: 'CLOCK_RESTARTED', uscc: trigger.uscc, entryId: same.entryId, list: same.list, reason: trigger.reason, evidence: trigger.evidence, at, ruleVersion });
  } else {
    events.push({
      kind: 'ENTERED',
      uscc: trigger.uscc,
      entryId: newId(),
      list: trigger.list,
      reason: trigger.reason,
      evidence: trigger.evidence,
      at,
      ruleVersion,
      decidingAuthority: trigger.decidingAuthority,
      rectificationRequired: rule.rectificationRequired,
    });
  }
  for (const serious of mine.filter((e) => e.list === 'SERIOUS' && e.entryId !== same?.entryId)) {
    events.push({ kind: 'CLOCK_RESTARTED', uscc: trigger.uscc, entryId: serious.entryId, list: 'SERIOUS', reason: trigger.reason, evidence: trigger.evidence, at, ruleVersion });
  }
  return events;
}

export function requireActive(state: ListState, entryId: string): ListEntry {
  const entry = state[entryId];
  if (!entry) throw new CreditErrors.ENTRY_NOT_FOUND(`no list entry ${entryId}`);
  if (entry.status !== 'ACTIVE') throw new CreditErrors.ENTRY_NOT_ACTIVE(`entry ${entryId} is ${entry.status}`);
  return entry;
}

/**
 * The organization fulfilled the obligation / completed the rectification and it was verified (§5.1).
 * Abnormal entry + application for removal → removed now; the 5-working-day deadline from the application is
 * recorded so lateness shows. Otherwise the rectification is recorded (abnormal: 6-month removal applies;
 * serious via escalation: the rectification condition of §5.2 removal is met).
 */
export function decideRectification(
  state: ListState,
  input: { entryId: string; evidence: string[]; at: Date; removalApplicationDeadline?: Date },
  rules: CreditRuleSet,
): ListEvent[] {
  const entry = requireActive(state, input.entryId);
  const base = { uscc: entry.uscc, entryId: entry.entryId, list: entry.list, at: input.at.toISOString(), ruleVersion: ruleVersionOf(rules) };
  const events: ListEvent[] = [];
  if (!entry.rectifiedAt) events.push({ ...base, kind: 'RECTIFIED', evidence: input.evidence });
  if (entry.list === 'ABNORMAL' && input.removalApplicationDeadline) {
    events.push({ ...base, kind: 'EXITED', exitReason: 'RECTIFIED', removalDeadline: input.removalApplicationDeadline.toISOString() });
  }
  return events;
}

/** §5.2 removal on application: 2 full clean years; escalated entries also need the rectification; revocation only on deregistration. */
export function decideSeriousRemoval(state: ListState, entryId: string, now: Date, rules: CreditRuleSet): ListEvent[] {
  const entry = requireActive(state, entryId);
  if (entry.list !== 'SERIOUS') throw refused(CreditErrors.NOT_SERIOUS_LIST, 'entryId', `entry ${entryId} is on the ${entry.list} list`);
  if (entry.reason === 'REGISTRATION_REVOKED')
    throw refused(CreditErrors.REMOVAL_ONLY_ON_DEREGISTRATION, '§5.2 removal', 'an entry for revoked registration is removed once deregistration is completed');
  const eligibleAt = seriousRemovalEligibleAt(entry, rules) ?? new Date(entry.clockStartedAt);
  if (now < eligibleAt)
    throw refused(CreditErrors.REMOVAL_NOT_YET_ELIGIBLE, '§5.2 removal: 2 full clean years', `eligible from ${eligibleAt.toISOString()}`);
  if (entry.reason === 'ESCALATION_FROM_ABNORMAL' && entry.rectificationRequired && !entry.rectifiedAt)
    throw refused(CreditErrors.RECTIFICATION_OUTSTANDING, '§5.2 removal after escalation', 'the obligation / rectification is still outstanding');
  return [{ kind: 'EXITED', uscc: entry.uscc, entryId, list: 'SERIOUS', exitReason: 'CLEAN_2_YEARS', at: now.toISOString(), ruleVersion: ruleVersionOf(rules) }];
}

/** §5.2: listed because registration was revoked → removed once deregistration is completed. */
export function decideDeregistration(state: ListState, uscc: string, at: Date, rules: CreditRuleSet): ListEvent[] {
  return activeEntries(state, 'SERIOUS')
    .filter((e) => e.uscc === uscc && e.reason === 'REGISTRATION_REVOKED')
    .map((e) => ({ kind: 'EXITED' as const, uscc, entryId: e.entryId, list: 'SERIOUS' as const, exitReason: 'DEREGISTERED_AFTER_REVOCATION' as const, at: at.toISOString(), ruleVersion: ruleVersionOf(rules) }));
}

/** §5.3 objection upheld: the entry is annulled (the history keeps both). */
export function decideAnnulment(state: ListState, entryId: string, objectionId: string, at: Date, rules: CreditRuleSet): ListEvent[] {
  const entry = state[entryId];
  if (!entry) throw new CreditErrors.ENTRY_NOT_FOUND(`no list entry ${entryId}`);
  if (entry.status === 'ANNULLED') throw new CreditErrors.ENTRY_ALREADY_ANNULLED(`entry ${entryId} is already annulled`);
  return [{ kind: 'ANNULLED', uscc: entry.uscc, entryId, list: entry.list, objectionId, at: at.toISOString(), ruleVersion: ruleVersionOf(rules) }];
}

/** §5.3 joint measures in force for an organization: the union over the lists it is actively on. */
export function jointMeasuresOf(state: ListState, uscc: string, rules: CreditRuleSet): { lists: ListKind[]; measures: JointMeasure[] } {
  const lists = [...new Set(activeEntries(state).filter((e) => e.uscc === uscc).map((e) => e.list))].sort();
  const measures = [...new Set(lists.flatMap((l) => rules.jointMeasures[l]))].sort();
  return { lists, measures };
}
