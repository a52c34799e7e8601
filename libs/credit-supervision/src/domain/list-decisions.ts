import { ruleVersionOf, triggerRule, type CreditRuleSet, type JointMeasure, type ListKind, type ListReason } from './credit-rules';
import { CalendarErrors, type DomainErrorClass, type OfficialCalendar, type PeriodEnd } from '@sop/util';
import { CREDIT_CALENDAR, periodEarliestEnd, periodEnd, periodEndIfRunOut, removalDeadline } from './credit-periods';
import { CreditErrors, violationOf } from './credit.errors';
import { notBeforeRectification, seriousCleanPeriod } from './list-timers';
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
 * A trigger for one organization. §5.1/§5.2: a new listing situation while the organization is listed restarts its
 * clock, whatever the reason (correction 4): every active entry of the organization on the trigger's list restarts
 * (same reason → that entry records the new evidence; another reason → a new entry too, so each reason keeps its
 * own removal rule). The same situation again after its rectification was recorded makes the entry owe it again.
 * §5.2 removal needs 2 years "with no new event that would list it on either list", so any trigger also restarts
 * the clean clock of active serious entries.
 */
export function decideTrigger(state: ListState, trigger: ListTrigger, rules: CreditRuleSet, newId: () => string): ListEvent[] {
  const rule = triggerRule(rules, trigger.list, trigger.reason);
  const at = trigger.at.toISOString();
  const ruleVersion = ruleVersionOf(rules);
  const events: ListEvent[] = [];
  const mine = activeEntries(state).filter((e) => e.uscc === trigger.uscc);
  const same = mine.find((e) => e.list === trigger.list && e.reason === trigger.reason);
  if (!same) {
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
  for (const listed of mine.filter((e) => e.list === trigger.list || e.list === 'SERIOUS')) {
    // The same situation again after its rectification was recorded: the entry owes a rectification again.
    const owesAgain = listed.entryId === same?.entryId && rule.rectificationRequired && listed.rectifiedAt !== null;
    events.push({
      kind: 'CLOCK_RESTARTED',
      uscc: trigger.uscc,
      entryId: listed.entryId,
      list: listed.list,
      reason: trigger.reason,
      evidence: trigger.evidence,
      at,
      ruleVersion,
      ...(owesAgain ? { rectificationRequired: true } : {}),
    });
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
 * The organization fulfilled the obligation / completed the rectification and it was verified at `at` (§5.1).
 * Abnormal entry + the organization's application for removal (`removal`) → removed at `removal.at`, never dated
 * before the rectification (correction 1); the deadline is 5 working days from the verification (correction 2), so
 * lateness shows. Otherwise the rectification is recorded (an abnormal entry then leaves on application; for an
 * escalated serious entry the rectification condition of §5.2 is met).
 */
export function decideRectification(
  state: ListState,
  input: { entryId: string; evidence: string[]; at: Date; removal?: { at: Date; calendar?: OfficialCalendar } },
  rules: CreditRuleSet,
): ListEvent[] {
  const entry = requireActive(state, input.entryId);
  const base = { uscc: entry.uscc, entryId: entry.entryId, list: entry.list, ruleVersion: ruleVersionOf(rules) };
  const events: ListEvent[] = [];
  let rectifiedAt = entry.rectifiedAt;
  if (!entry.rectifiedAt) {
    events.push({ ...base, at: input.at.toISOString(), kind: 'RECTIFIED', evidence: input.evidence });
    rectifiedAt = input.at.toISOString();
  }
  if (entry.list === 'ABNORMAL' && input.removal) {
    const due: PeriodEnd = removalDeadline(input.at, rules, input.removal.calendar ?? CREDIT_CALENDAR);
    events.push({
      ...base,
      kind: 'EXITED',
      exitReason: 'RECTIFIED',
      at: notBeforeRectification(input.removal.at, { ...entry, rectifiedAt }).toISOString(),
      removalDeadline: due.endsAt.toISOString(),
      removalDueOn: due.lastDay,
      ...(due.calendarVersion ? { calendarVersion: due.calendarVersion } : {}),
    });
  }
  return events;
}

/** §5.2 removal on application: 2 full clean years; escalated entries also need the rectification; revocation only on deregistration. */
export function decideSeriousRemoval(state: ListState, entryId: string, now: Date, rules: CreditRuleSet, calendar: OfficialCalendar = CREDIT_CALENDAR): ListEvent[] {
  const entry = requireActive(state, entryId);
  if (entry.list !== 'SERIOUS') throw refused(CreditErrors.NOT_SERIOUS_LIST, 'entryId', `entry ${entryId} is on the ${entry.list} list`);
  if (entry.reason === 'REGISTRATION_REVOKED')
    throw refused(CreditErrors.REMOVAL_ONLY_ON_DEREGISTRATION, '§5.2 removal', 'an entry for revoked registration is removed once deregistration is completed');
  const clock = new Date(entry.clockStartedAt);
  const clean = periodEndIfRunOut(clock, seriousCleanPeriod(rules), now, calendar);
  if (!clean) throw refused(CreditErrors.REMOVAL_NOT_YET_ELIGIBLE, '§5.2 removal: 2 full clean years', `eligible from ${eligibleFrom(clock, rules, calendar)}`);
  if (entry.reason === 'ESCALATION_FROM_ABNORMAL' && entry.rectificationRequired && !entry.rectifiedAt)
    throw refused(CreditErrors.RECTIFICATION_OUTSTANDING, '§5.2 removal after escalation', 'the obligation / rectification is still outstanding');
  return [
    { kind: 'EXITED', uscc: entry.uscc, entryId, list: 'SERIOUS', exitReason: 'CLEAN_2_YEARS', at: now.toISOString(), ruleVersion: ruleVersionOf(rules), ...(clean.calendarVersion ? { calendarVersion: clean.calendarVersion } : {}) },
  ];
}

/** When the 2 clean years run out: the instant (24:00 Beijing of the last day) and its date; a lower bound if the year has no notice yet. */
function eligibleFrom(clock: Date, rules: CreditRuleSet, calendar: OfficialCalendar): string {
  try {
    const end = periodEnd(clock, seriousCleanPeriod(rules), calendar);
    return `${end.endsAt.toISOString()} (the day after ${end.lastDay}, Beijing time)`;
  } catch (err) {
    if (!(err instanceof CalendarErrors.YEAR_NOT_PUBLISHED)) throw err;
    return `${periodEarliestEnd(clock, seriousCleanPeriod(rules)).toISOString()} at the earliest (no holiday notice for that year yet)`;
  }
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
