import type { Tx } from '@sop/messaging';

/** An inspection that found problems, with the rectification deadline (regulations §5.1 (3)). */
export interface RectificationNotice {
  id: string;
  uscc: string;
  inspectedAt: Date;
  findings: string;
  /** When the deadline has passed: 24:00 Beijing time of the deadline's civil date (00:00 the day after). */
  deadline: Date;
  status: 'OPEN' | 'MET' | 'NOT_MET';
  resolvedAt: Date | null;
  issuedBy: string;
  recordedAt: Date;
}

/** Persistence port of rectification notices. Calls with a Tx run in the caller's transaction; `null` reads outside one. */
export abstract class RectificationNoticeStore {
  abstract insertNotice(tx: Tx, notice: RectificationNotice): Promise<void>;
  abstract notice(tx: Tx | null, id: string): Promise<RectificationNotice | null>;
  abstract updateNotice(tx: Tx, notice: RectificationNotice): Promise<void>;
  /** OPEN notices whose deadline is at or before `now`, earliest deadline first. */
  abstract noticesPastDeadline(now: Date): Promise<RectificationNotice[]>;
  /** The organization's OPEN notices whose deadline is at or before `at`, earliest deadline first, in the caller's transaction. */
  abstract openNoticesDueBy(tx: Tx, uscc: string, at: Date): Promise<RectificationNotice[]>;
}
