import { CreditErrors } from './credit.errors';
import type { ListKind, ListReason } from './credit-rules';

/**
 * The abnormal and serious lists as an append-only log of list events (regulations §5.1, §5.2). The current
 * list view is a fold of the log (`replay`), so rebuilding it is a replay, and decisions are pure functions
 * from the current state, a trigger or the time, and the rule set to new events (list-decisions.ts, list-timers.ts).
 * Times are ISO-8601 UTC instants; periods are counted in Beijing civil dates (credit-periods.ts), and a civil date
 * a person reads (`removalDueOn`) is given beside its instant.
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
  /** For removals after verified rectification: the end (24:00 Beijing, exclusive) of the 5 working days from the verification (§5.1). */
  removalDeadline: string | null;
  /** Its last day, a Beijing civil date (YYYY-MM-DD). Absent on entries exited before civil time. */
  removalDueOn?: string | null;
  /** Official calendar version that counted the exit's period (timers, removal deadline), if one did. */
  exitCalendarVersion?: string | null;
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
  /** The official holiday calendar (id@version) that counted or moved the period the decision relies on, if any. */
  calendarVersion?: string;
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
  | (Base & {
      kind: 'CLOCK_RESTARTED';
      reason: ListReason;
      evidence: string[];
      /** The new situation needs rectifying (§5.1): the entry owes a rectification again, whatever it owed before. */
      rectificationRequired?: boolean;
    })
  | (Base & { kind: 'RECTIFIED'; evidence: string[] })
  | (Base & { kind: 'ESCALATED'; toEntryId: string; decidingAuthority: string })
  | (Base & { kind: 'EXITED'; exitReason: ExitReason; removalDeadline?: string; removalDueOn?: string })
  | (Base & { kind: 'ANNULLED'; objectionId: string });

export type ListState = Readonly<Record<string, ListEntry>>;

/** The reducer: one event applied to the state. Pure; unknown entries referenced by an event are an error. */
export function applyListEvent(state: ListState, e: ListEvent): ListState {
  const next: Record<string, ListEntry> = { ...state };
  const get = (id: string) => {
    const entry = next[id];
    if (!entry) throw new CreditErrors.ENTRY_NOT_FOUND(`list event ${e.kind} names unknown entry ${id}`);
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
        ...(e.rectificationRequired ? { rectificationRequired: true, rectifiedAt: null } : {}),
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
      next[e.entryId] = { ...en, status: 'EXITED', exitedAt: e.at, exitReason: 'ESCALATED', exitRuleVersion: e.ruleVersion, ...(e.calendarVersion ? { exitCalendarVersion: e.calendarVersion } : {}) };
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
      next[e.entryId] = {
        ...en,
        status: 'EXITED',
        exitedAt: e.at,
        exitReason: e.exitReason,
        exitRuleVersion: e.ruleVersion,
        removalDeadline: e.removalDeadline ?? null,
        ...(e.removalDueOn ? { removalDueOn: e.removalDueOn } : {}),
        ...(e.calendarVersion ? { exitCalendarVersion: e.calendarVersion } : {}),
      };
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
