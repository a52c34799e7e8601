import type { Tx } from '@sop/messaging';
import type { JointMeasure, ListKind } from '../../domain/credit-rules';
import type { ListEntry, ListEvent, ListState } from '../../domain/list-state';

export interface JointMeasuresRecord {
  uscc: string;
  lists: ListKind[];
  measures: JointMeasure[];
  effectiveFrom: Date;
  ruleVersion: string;
}

export interface LoggedListEvent {
  eventId: string;
  event: ListEvent;
  recordedAt: Date;
}

/** One row of the list view: the entry and its timer index (the earliest instant a timer can fall due). */
export interface ListViewRow {
  entry: ListEntry;
  nextDueAt: Date | null;
}

/**
 * Persistence port of the lists (regulations §5.1, §5.2): the append-only list-event log, the list view derived
 * from it, and the joint measures in force (§5.3). Calls with a Tx run in the caller's transaction; `null` reads
 * outside one.
 */
export abstract class ListStore {
  abstract listState(tx: Tx | null, uscc: string): Promise<ListState>;
  abstract entry(tx: Tx | null, entryId: string): Promise<ListEntry | null>;
  abstract appendListEvent(tx: Tx, logged: LoggedListEvent): Promise<void>;
  abstract saveEntries(tx: Tx, rows: ListViewRow[]): Promise<void>;
  abstract listEvents(tx: Tx | null, uscc?: string): Promise<LoggedListEvent[]>;
  abstract allEntries(tx: Tx | null): Promise<ListEntry[]>;
  abstract replaceAllEntries(tx: Tx, rows: ListViewRow[]): Promise<void>;
  abstract usccsWithTimersDue(now: Date): Promise<string[]>;
  abstract jointMeasures(tx: Tx | null, uscc: string): Promise<JointMeasuresRecord | null>;
  abstract saveJointMeasures(tx: Tx, record: JointMeasuresRecord): Promise<void>;
}
