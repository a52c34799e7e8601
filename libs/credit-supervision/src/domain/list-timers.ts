import { addMonthsUtc, addYearsUtc, ruleVersionOf, type CreditRuleSet } from './credit-rules';
import { activeEntries, type ListEntry, type ListEvent, type ListState } from './list-state';

/**
 * The list timers (regulations §5.1 6-month removal, §5.2 2-year escalation and 2 clean years): when each falls due
 * for an entry, and the events the timers due at an instant decide.
 */

/** When an active entry's timer falls due, or null. */
export function abnormalAutoRemovalAt(entry: ListEntry, rules: CreditRuleSet): Date | null {
  if (entry.list !== 'ABNORMAL' || entry.status !== 'ACTIVE') return null;
  // §5.1: where nothing (more) needs rectifying, removal 6 months after listing (restarted clock).
  if (entry.rectificationRequired && !entry.rectifiedAt) return null;
  return addMonthsUtc(new Date(entry.clockStartedAt), rules.abnormal.autoRemovalMonths);
}

export function escalationAt(entry: ListEntry, rules: CreditRuleSet): Date | null {
  if (entry.list !== 'ABNORMAL' || entry.status !== 'ACTIVE') return null;
  // §5.2 trigger 1: on the abnormal list for 2 full years.
  return addYearsUtc(new Date(entry.clockStartedAt), rules.abnormal.escalationYears);
}

export function seriousRemovalEligibleAt(entry: ListEntry, rules: CreditRuleSet): Date | null {
  if (entry.list !== 'SERIOUS' || entry.status !== 'ACTIVE') return null;
  // §5.2 removal: 2 full clean years.
  return addYearsUtc(new Date(entry.clockStartedAt), rules.serious.cleanYearsForRemoval);
}

/**
 * Timers due at `now` (§5.1 automatic removal, §5.2 escalation). Each event takes effect at its due instant,
 * not at `now`, so a scheduler that runs late or a replay decides the same thing.
 */
export function decideDueTimers(state: ListState, now: Date, rules: CreditRuleSet, newId: () => string): ListEvent[] {
  const ruleVersion = ruleVersionOf(rules);
  const events: ListEvent[] = [];
  for (const entry of activeEntries(state, 'ABNORMAL')) {
    const removal = abnormalAutoRemovalAt(entry, rules);
    const escalation = escalationAt(entry, rules);
    if (!escalation) continue;
    if (removal && removal <= now && removal <= escalation) {
      events.push({ kind: 'EXITED', uscc: entry.uscc, entryId: entry.entryId, list: 'ABNORMAL', exitReason: 'AUTO_AFTER_6_MONTHS', at: removal.toISOString(), ruleVersion });
    } else if (escalation <= now) {
      const already = activeEntries(state, 'SERIOUS').find((x) => x.uscc === entry.uscc && x.reason === 'ESCALATION_FROM_ABNORMAL');
      events.push({
        kind: 'ESCALATED',
        uscc: entry.uscc,
        entryId: entry.entryId,
        list: 'ABNORMAL',
        toEntryId: already?.entryId ?? newId(),
        at: escalation.toISOString(),
        ruleVersion,
        decidingAuthority: entry.decidingAuthority,
      });
    }
  }
  return events;
}

/** The view's timer index: the earliest instant a timer of an active abnormal entry can fall due, else null. */
export function nextTimerAt(entry: ListEntry, rules: CreditRuleSet): Date | null {
  const escalation = escalationAt(entry, rules);
  if (!escalation) return null;
  const removal = abnormalAutoRemovalAt(entry, rules);
  return removal && removal < escalation ? removal : escalation;
}
