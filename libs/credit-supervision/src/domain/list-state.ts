import {
  addMonthsUtc,
  addYearsUtc,
  triggerRule,
  ruleVersionOf,
  type CreditRuleSet,
  type JointMeasure,
  type ListKind,
  type ListReason,
} from './credit-rules';

/**
 * The abnormal and serious lists as an append-only log of list events (regulations §5.1, §5.2). The current
 * list view is a fold of the log (`replay`), so rebuilding it is a replay, and decisions are pure functions
 * from the current state, a trigger or the time, and the rule set to new events. Times are ISO-8601 UTC strings.
 */

export const EXIT_REASONS = ['RECTIFIED', 'AUTO_AFTER_6_MONTHS', 'ESCALATED', 'CLEAN_2_YEARS', 'DEREGISTERED_AFTER_REVOCATION'] as const;
export type ExitReason = (typeof EXIT_REASONS)[number];
export type ListEntryStatus = 'ACTIVE' | 'EXITED' | 'ANNULLED';

export interface ListEntry {
  entryId: string;
  uscc: string;
  list: ListKind;
  reason: ListReason;
  /** Ids of the events / records that caused the listing and its restarts. */
  evidence: string[];
  listedAt: string;
  /** The clock the timers run from: the listing, or the latest re-occurrence. */
  clockStartedAt: string;
  clockRestarts: string[];
  rectificationRequired: boolean;
  rectifiedAt: string | null;
  decidingAuthority: string;
  /** Rule set id@version applied by the listing decision. */
  ruleVersion: string;
  escalatedFromEntryId: string | null;
  status: ListEntryStatus;
  exitedAt: string | null;
  exitReason: ExitReason | null;
  /** Rule set applied by the exit / annulment decision. */
  exitRuleVersion: string | null;
  /** For removals after verified rectification: the 5-working-day deadline from the application (§5.1). */
  removalDeadline: string | null;
  annulledAt: string | null;
  annulledByObjectionId: string | null;
}

interface Base {
  uscc: string;
  entryId: string;
  list: ListKind;
  /** When it takes effect (may precede the recording, e.g. a timer that ran late). */
  at: string;
  ruleVersion: string;
}
export type ListEvent =
  | (Base & {
      kind: 'ENTERED';
      reason: ListReason;
      evidence: string[];
      decidingAuthority: string;
      rectificationRequired: boolean;
      escalatedFromEntryId?: string;
    })
  | (Base & { kind: 'CLOCK_RESTARTED'; reason: ListReason; evidence: string[] })
  | (Base & { kind: 'RECTIFIED'; evidence: string[] })
  | (Base & { kind: 'ESCALATED'; toEntryId: string; decidingAuthority: string })
  | (Base & { kind: 'EXITED'; exitReason: ExitReason; removalDeadline?: string })
  | (Base & { kind: 'ANNULLED'; objectionId: string });

export type ListState = Readonly<Record<string, ListEntry>>;

export class ListRuleViolation extends Error {
  constructor(
    readonly code: string,
    readonly rule: string,
    message: string,
  ) {
    super(message);
  }
}

/** The reducer: one event applied to the state. Pure; unknown entries referenced by an event are an error. */
export function applyListEvent(state: ListState, e: ListEvent): ListState {
  const next: Record<string, ListEntry> = { ...state };
  const get = (id: string) => {
    const entry = next[id];
    if (!entry) throw new ListRuleViolation('CREDIT.ENTRY_NOT_FOUND', 'list log', `list event ${e.kind} names unknown entry ${id}`);
    return entry;
  };
  switch (e.kind) {
    case 'ENTERED':
      next[e.entryId] = {
        entryId: e.entryId,
        uscc: e.uscc,
        list: e.list,
        reason: e.reason,
        evidence: [...e.evidence],
        listedAt: e.at,
        clockStartedAt: e.at,
        clockRestarts: [],
        rectificationRequired: e.rectificationRequired,
        rectifiedAt: null,
        decidingAuthority: e.decidingAuthority,
        ruleVersion: e.ruleVersion,
        escalatedFromEntryId: e.escalatedFromEntryId ?? null,
        status: 'ACTIVE',
        exitedAt: null,
        exitReason: null,
        exitRuleVersion: null,
        removalDeadline: null,
        annulledAt: null,
        annulledByObjectionId: null,
      };
      break;
    case 'CLOCK_RESTARTED': {
      const en = get(e.entryId);
      next[e.entryId] = {
        ...en,
        clockStartedAt: e.at > en.clockStartedAt ? e.at : en.clockStartedAt,
        clockRestarts: [...en.clockRestarts, e.at],
        evidence: [...en.evidence, ...e.evidence.filter((x) => !en.evidence.includes(x))],
      };
      break;
    }
    case 'RECTIFIED': {
      const en = get(e.entryId);
      next[e.entryId] = { ...en, rectifiedAt: e.at, evidence: [...en.evidence, ...e.evidence.filter((x) => !en.evidence.includes(x))] };
      break;
    }
    case 'ESCALATED': {
      const en = get(e.entryId);
      next[e.entryId] = { ...en, status: 'EXITED', exitedAt: e.at, exitReason: 'ESCALATED', exitRuleVersion: e.ruleVersion };
      const existing = next[e.toEntryId];
      if (existing) {
        // Already on the serious list by escalation: a second escalation is a re-occurrence (§5.2: restarts the clock).
        next[e.toEntryId] = {
          ...existing,
          clockStartedAt: e.at > existing.clockStartedAt ? e.at : existing.clockStartedAt,
          clockRestarts: [...existing.clockRestarts, e.at],
          evidence: [...existing.evidence, ...en.evidence.filter((x) => !existing.evidence.includes(x))],
          rectificationRequired: existing.rectificationRequired || en.rectificationRequired,
          rectifiedAt: en.rectificationRequired && !en.rectifiedAt ? null : existing.rectifiedAt,
        };
        break;
      }
      next[e.toEntryId] = {
        ...en,
        entryId: e.toEntryId,
        list: 'SERIOUS',
        reason: 'ESCALATION_FROM_ABNORMAL',
        evidence: [...en.evidence],
        listedAt: e.at,
        clockStartedAt: e.at,
        clockRestarts: [],
        // §5.2: listed via escalation → the rectification is still owed before removal.
        rectificationRequired: en.rectificationRequired,
        rectifiedAt: en.rectifiedAt,
        decidingAuthority: e.decidingAuthority,
        ruleVersion: e.ruleVersion,
        escalatedFromEntryId: en.entryId,
        status: 'ACTIVE',
        exitedAt: null,
        exitReason: null,
        exitRuleVersion: null,
        removalDeadline: null,
        annulledAt: null,
        annulledByObjectionId: null,
      };
      break;
    }
    case 'EXITED': {
      const en = get(e.entryId);
      next[e.entryId] = { ...en, status: 'EXITED', exitedAt: e.at, exitReason: e.exitReason, exitRuleVersion: e.ruleVersion, removalDeadline: e.removalDeadline ?? null };
      break;
    }
    case 'ANNULLED': {
      const en = get(e.entryId);
      next[e.entryId] = { ...en, status: 'ANNULLED', annulledAt: e.at, annulledByObjectionId: e.objectionId, exitRuleVersion: e.ruleVersion };
      break;
    }
  }
  return next;
}

export function replay(events: readonly ListEvent[], initial: ListState = {}): ListState {
  return events.reduce(applyListEvent, initial);
}

export function activeEntries(state: ListState, list?: ListKind): ListEntry[] {
  return Object.values(state)
    .filter((e) => e.status === 'ACTIVE' && (!list || e.list === list))
    .sort((a, b) => (a.listedAt < b.listedAt ? -1 : a.listedAt > b.listedAt ? 1 : a.entryId < b.entryId ? -1 : 1));
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

export function requireActive(state: ListState, entryId: string): ListEntry {
  const entry = state[entryId];
  if (!entry) throw new ListRuleViolation('CREDIT.ENTRY_NOT_FOUND', 'entryId', `no list entry ${entryId}`);
  if (entry.status !== 'ACTIVE') throw new ListRuleViolation('CREDIT.ENTRY_NOT_ACTIVE', 'status', `entry ${entryId} is ${entry.status}`);
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
  if (entry.list !== 'SERIOUS') throw new ListRuleViolation('CREDIT.NOT_SERIOUS_LIST', 'entryId', `entry ${entryId} is on the ${entry.list} list`);
  if (entry.reason === 'REGISTRATION_REVOKED')
    throw new ListRuleViolation('CREDIT.REMOVAL_ONLY_ON_DEREGISTRATION', '§5.2 removal', 'an entry for revoked registration is removed once deregistration is completed');
  const eligibleAt = seriousRemovalEligibleAt(entry, rules) ?? new Date(entry.clockStartedAt);
  if (now < eligibleAt)
    throw new ListRuleViolation('CREDIT.REMOVAL_NOT_YET_ELIGIBLE', '§5.2 removal: 2 full clean years', `eligible from ${eligibleAt.toISOString()}`);
  if (entry.reason === 'ESCALATION_FROM_ABNORMAL' && entry.rectificationRequired && !entry.rectifiedAt)
    throw new ListRuleViolation('CREDIT.RECTIFICATION_OUTSTANDING', '§5.2 removal after escalation', 'the obligation / rectification is still outstanding');
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
  if (!entry) throw new ListRuleViolation('CREDIT.ENTRY_NOT_FOUND', 'entryId', `no list entry ${entryId}`);
  if (entry.status === 'ANNULLED') throw new ListRuleViolation('CREDIT.ENTRY_ALREADY_ANNULLED', 'status', `entry ${entryId} is already annulled`);
  return [{ kind: 'ANNULLED', uscc: entry.uscc, entryId, list: entry.list, objectionId, at: at.toISOString(), ruleVersion: ruleVersionOf(rules) }];
}

/** §5.3 joint measures in force for an organization: the union over the lists it is actively on. */
export function jointMeasuresOf(state: ListState, uscc: string, rules: CreditRuleSet): { lists: ListKind[]; measures: JointMeasure[] } {
  const lists = [...new Set(activeEntries(state).filter((e) => e.uscc === uscc).map((e) => e.list))].sort();
  const measures = [...new Set(lists.flatMap((l) => rules.jointMeasures[l]))].sort();
  return { lists, measures };
}

/** The view's timer index: the earliest instant a timer of an active abnormal entry can fall due, else null. */
export function nextTimerAt(entry: ListEntry, rules: CreditRuleSet): Date | null {
  const escalation = escalationAt(entry, rules);
  if (!escalation) return null;
  const removal = abnormalAutoRemovalAt(entry, rules);
  return removal && removal < escalation ? removal : escalation;
}
