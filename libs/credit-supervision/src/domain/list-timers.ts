import type { OfficialCalendar } from '@sop/util';
import { ruleVersionOf, type CreditRuleSet } from './credit-rules';
import { CREDIT_CALENDAR, periodEarliestEnd, periodEndIfRunOut, type CalendarPeriod } from './credit-periods';
import { activeEntries, replay, type ListEntry, type ListEvent, type ListState } from './list-state';

/**
 * The list timers (regulations §5.1 6-month removal, §5.2 2-year escalation and 2 clean years): when each falls due
 * for an entry, and the events the timers due at an instant decide. Every period runs from the Beijing date of the
 * entry's clock (the listing or its latest restart) as the Civil Code counts it (Art. 201-203, credit-periods.ts):
 * it ends at 24:00 Beijing time of the corresponding day, moved past rest days on the official calendar.
 */

/** §5.1: removal 6 months after listing (restarted clock), only where nothing needed rectifying. */
export function autoRemovalPeriod(rules: CreditRuleSet): CalendarPeriod {
  return { unit: 'months', count: rules.abnormal.autoRemovalMonths };
}

/** §5.2 trigger 1: on the abnormal list for 2 full years. */
export function escalationPeriod(rules: CreditRuleSet): CalendarPeriod {
  return { unit: 'years', count: rules.abnormal.escalationYears };
}

/** §5.2 removal: 2 full years on the serious list with no new listing event. */
export function seriousCleanPeriod(rules: CreditRuleSet): CalendarPeriod {
  return { unit: 'years', count: rules.serious.cleanYearsForRemoval };
}

/**
 * §5.1 (correction): the 6-month automatic removal applies only where nothing needed rectifying. An entry whose
 * listing situation needed rectification leaves on the organization's application after verified rectification
 * (decideRectification), or escalates after 2 years; recording the rectification does not start a 6-month removal.
 */
export function autoRemovalApplies(entry: ListEntry): boolean {
  return entry.list === 'ABNORMAL' && entry.status === 'ACTIVE' && !entry.rectificationRequired;
}

/** An exit is never dated before the entry's rectification (§5.1, correction 1). */
export function notBeforeRectification(at: Date, entry: ListEntry): Date {
  return entry.rectifiedAt && Date.parse(entry.rectifiedAt) > at.getTime() ? new Date(entry.rectifiedAt) : at;
}

/**
 * Timers due at `now` (§5.1 automatic removal, §5.2 escalation). Each event takes effect when its period ran out
 * (24:00 Beijing time of the last day), not at `now`, so a scheduler that runs late or a replay decides the same
 * thing; the decision records the rule set and the calendar version that counted the period.
 */
export function decideDueTimers(state: ListState, now: Date, rules: CreditRuleSet, newId: () => string, calendar: OfficialCalendar = CREDIT_CALENDAR): ListEvent[] {
  const ruleVersion = ruleVersionOf(rules);
  const events: ListEvent[] = [];
  for (const entry of activeEntries(state, 'ABNORMAL')) {
    const clock = new Date(entry.clockStartedAt);
    const removal = autoRemovalApplies(entry) ? periodEndIfRunOut(clock, autoRemovalPeriod(rules), now, calendar) : null;
    const escalation = periodEndIfRunOut(clock, escalationPeriod(rules), now, calendar);
    if (removal && (!escalation || removal.endsAt <= escalation.endsAt)) {
      const at = notBeforeRectification(removal.endsAt, entry).toISOString();
      events.push({ kind: 'EXITED', uscc: entry.uscc, entryId: entry.entryId, list: 'ABNORMAL', exitReason: 'AUTO_AFTER_6_MONTHS', at, ruleVersion, calendarVersion: removal.calendarVersion });
    } else if (escalation) {
      const already = activeEntries(state, 'SERIOUS').find((x) => x.uscc === entry.uscc && x.reason === 'ESCALATION_FROM_ABNORMAL');
      events.push({
        kind: 'ESCALATED',
        uscc: entry.uscc,
        entryId: entry.entryId,
        list: 'ABNORMAL',
        toEntryId: already?.entryId ?? newId(),
        at: notBeforeRectification(escalation.endsAt, entry).toISOString(),
        ruleVersion,
        calendarVersion: escalation.calendarVersion,
        decidingAuthority: entry.decidingAuthority,
      });
    }
  }
  return events;
}

/**
 * Every timer that fell due by `at`, each taking effect at its own instant, as the scheduler would have decided had it
 * run throughout (repeats while a decision makes another timer due). A decision about a fact that took effect at `at`
 * runs on this caught-up state, so a platform whose scheduler was down (or late) decides what a punctual one did.
 */
export function timersDueBy(state: ListState, at: Date, rules: CreditRuleSet, newId: () => string, calendar: OfficialCalendar = CREDIT_CALENDAR): ListEvent[] {
  const events: ListEvent[] = [];
  let s = state;
  for (let pass = 0; pass < 5; pass++) {
    const due = decideDueTimers(s, at, rules, newId, calendar);
    if (due.length === 0) break;
    events.push(...due);
    s = replay(due, s);
  }
  return events;
}

/**
 * The view's timer index: the earliest instant a timer of an active abnormal entry can fall due, else null. The
 * period's corresponding day (before a move off rest days), so it needs no holiday notice for future years; the
 * timer run decides with the calendar once that instant has come.
 */
export function nextTimerAt(entry: ListEntry, rules: CreditRuleSet): Date | null {
  if (entry.list !== 'ABNORMAL' || entry.status !== 'ACTIVE') return null;
  const clock = new Date(entry.clockStartedAt);
  return periodEarliestEnd(clock, autoRemovalApplies(entry) ? autoRemovalPeriod(rules) : escalationPeriod(rules));
}
