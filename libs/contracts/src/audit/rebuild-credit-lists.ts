import type { ListEnteredV1, ListClockRestartedV1, ListEscalatedV1, ListExitedV1 } from '../credit/list-events.v1';
import { ListClockRestarted, ListEntered, ListEntryAnnulled, ListEscalated, ListExited } from '../credit/list-events.v1';
import { fieldDifferences, type AuditEvent, type AuditRebuilder } from './rebuild.types';

/** A list entry as the list events tell it (credit.list.v1): the fields the public credit profile shows. */
export interface RebuiltListEntry {
  entryId: string;
  uscc: string;
  list: 'ABNORMAL' | 'SERIOUS';
  reason: string;
  listedAt: string;
  clockRestartedAt: string[];
  status: 'ACTIVE' | 'EXITED' | 'ANNULLED';
  exitedAt: string | null;
  exitReason: string | null;
  decidingAuthority: string;
  ruleVersion: string;
}

/**
 * Folds the list events per entry (regulations §5.1, §5.2; the credit service's own replay): entered, clock restarted,
 * escalated (the abnormal entry exits as ESCALATED and the serious entry `toEntryId` starts, or restarts its clock when
 * it exists), exited, annulled (an upheld objection: kept in history, not shown publicly).
 */
export function rebuildCreditLists(events: AuditEvent[]): Map<string, RebuiltListEntry[]> {
  const entries = new Map<string, RebuiltListEntry>();
  for (const e of events) {
    const d = e.data as { entryId: string; uscc: string; at: string; ruleVersion: string };
    const en = entries.get(d.entryId);
    if (e.type === ListEntered.type && !en) {
      const x = e.data as ListEnteredV1;
      entries.set(x.entryId, { entryId: x.entryId, uscc: x.uscc, list: x.list, reason: x.reason, listedAt: x.at, clockRestartedAt: [], status: 'ACTIVE', exitedAt: null, exitReason: null, decidingAuthority: x.decidingAuthority, ruleVersion: x.ruleVersion });
    } else if (e.type === ListClockRestarted.type && en) {
      if (!en.clockRestartedAt.includes((e.data as ListClockRestartedV1).at)) en.clockRestartedAt.push((e.data as ListClockRestartedV1).at);
    } else if (e.type === ListEscalated.type && en && en.status === 'ACTIVE') {
      const x = e.data as ListEscalatedV1;
      Object.assign(en, { status: 'EXITED', exitedAt: x.at, exitReason: 'ESCALATED' });
      const serious = entries.get(x.toEntryId);
      if (serious) serious.clockRestartedAt.push(x.at);
      else entries.set(x.toEntryId, { entryId: x.toEntryId, uscc: x.uscc, list: 'SERIOUS', reason: 'ESCALATION_FROM_ABNORMAL', listedAt: x.at, clockRestartedAt: [], status: 'ACTIVE', exitedAt: null, exitReason: null, decidingAuthority: x.decidingAuthority, ruleVersion: x.ruleVersion });
    } else if (e.type === ListExited.type && en && en.status === 'ACTIVE') {
      Object.assign(en, { status: 'EXITED', exitedAt: (e.data as ListExitedV1).at, exitReason: (e.data as ListExitedV1).exitReason });
    } else if (e.type === ListEntryAnnulled.type && en) {
      en.status = 'ANNULLED';
    }
  }
  const byUscc = new Map<string, RebuiltListEntry[]>();
  for (const en of entries.values()) byUscc.set(en.uscc, [...(byUscc.get(en.uscc) ?? []), en]);
  return byUscc;
}

const ENTRY_FIELDS = ['reason', 'listedAt', 'clockRestartedAt', 'status', 'exitedAt', 'exitReason', 'decidingAuthority', 'ruleVersion'] as const;
type EntryAnswer = Record<string, unknown> & { entryId: string };

/** Both lists of each organization against its public credit profile (GET /profiles/{uscc}, no token). */
export const CREDIT_LISTS_REBUILDER: AuditRebuilder<RebuiltListEntry[]> = {
  source: 'credit-supervision',
  topics: [ListEntered.topic],
  rebuild: rebuildCreditLists,
  answerPaths: (uscc) => [`/profiles/${uscc}`],
  differences(rebuilt, [profile]) {
    const lists = (profile as { lists?: { abnormalActivity?: EntryAnswer[]; seriousIllegalDishonest?: EntryAnswer[] } } | null)?.lists;
    if (!lists) return ['no public profile (or no lists in it)'];
    const out: string[] = [];
    for (const [list, answered] of [['ABNORMAL', lists.abnormalActivity ?? []], ['SERIOUS', lists.seriousIllegalDishonest ?? []]] as const) {
      const mine = rebuilt.filter((x) => x.list === list && x.status !== 'ANNULLED');
      for (const en of mine) out.push(...fieldDifferences(`${list} entry ${en.entryId}`, en as unknown as Record<string, unknown>, answered.find((a) => a.entryId === en.entryId), ENTRY_FIELDS));
      for (const a of answered.filter((x) => !mine.some((en) => en.entryId === x.entryId))) out.push(`${list} entry ${a.entryId}: shown by the service, not in the events`);
    }
    return out;
  },
};
