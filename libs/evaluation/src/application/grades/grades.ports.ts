import type { Tx } from '@sop/messaging';
import type { CommitteeVote } from '../../domain/committee';
import type { GradeRecord } from '../../domain/grade';

/** How a grade was awarded: the committee's vote, who recorded it, and the GradeAwarded event. */
export interface GradeAwardRecord {
  committee: CommitteeVote;
  awardedBy: string;
  recordedAt: Date;
  eventId: string;
}

/** One lowering or cancellation of a grade, with the GradeAdjusted event that published it. */
export interface GradeAdjustmentRecord {
  id: string;
  gradeId: string;
  uscc: string;
  previousGrade: string;
  newGrade: string | null;
  reason: string;
  explanation: string;
  effectiveAt: Date;
  evidence: string[];
  ruleVersion: string;
  /**
   * The last day (Beijing) for returning certificate and plaque (regulations §6: 15 days of notice, a Civil Code
   * period), and the official calendar version that moved it; null when the calendar did not cover the period's
   * year when the adjustment was recorded (it is then computed on reading, see grade.views).
   */
  certificateReturnDueOn: string | null;
  calendarVersion: string | null;
  adjustedBy: string;
  recordedAt: Date;
  eventId: string;
}

/** Grades and their adjustments. Calls with a Tx run in the caller's transaction; `null` reads outside one. */
export abstract class GradeStore {
  /** Every grade of the organization, oldest announcement first. */
  abstract grades(tx: Tx | null, uscc: string): Promise<GradeRecord[]>;
  abstract grade(tx: Tx | null, gradeId: string): Promise<GradeRecord | null>;
  abstract insertGrade(tx: Tx, grade: GradeRecord, award: GradeAwardRecord): Promise<void>;
  abstract updateGrade(tx: Tx, gradeId: string, fields: Partial<Pick<GradeRecord, 'grade' | 'status' | 'supersededByGradeId'>>): Promise<void>;
  /**
   * ACTIVE grades whose validity ended before `before` (a Beijing civil date, exclusive: validUntil < before) and whose
   * GradeExpired is not published yet, earliest validUntil first, at most `limit`. Read outside a transaction.
   */
  abstract gradesDueToExpire(before: string, limit: number): Promise<GradeRecord[]>;
  /** Records that GradeExpired was published; false when it already was (nothing changed). */
  abstract markExpiryPublished(tx: Tx, gradeId: string, at: Date): Promise<boolean>;
  abstract insertAdjustment(tx: Tx, adjustment: GradeAdjustmentRecord): Promise<void>;
  abstract adjustmentsOf(tx: Tx | null, uscc: string): Promise<GradeAdjustmentRecord[]>;
}
