import type { Tx } from '@sop/messaging';
import type { AnnualReportFact, PenaltyFact } from '../../domain/eligibility';

/** What registration reported about one annual report (regulations §4): its review outcome and / or that it was overdue. */
export interface AnnualReportRecord extends AnnualReportFact {
  uscc: string;
  /** When the registration authority concluded it (AnnualReportReviewed.reviewedAt); null until reviewed. */
  reviewedAt: Date | null;
  reviewEventId: string | null;
  /** The Beijing date the report became overdue (AnnualReportOverdue.overdueOn, else dueDate + 1); null if never overdue. */
  overdueOn: string | null;
  overdueEventId: string | null;
}

/** A penalty credit supervision recorded (PenaltyRecorded), as evaluation keeps it. */
export interface PenaltyRecord extends PenaltyFact {
  uscc: string;
  eventId: string;
  recordedAt: Date;
}

/**
 * Evaluation's projection of the facts Order 39 Art. 7 looks at (regulations §6 "Not evaluated"): annual-report
 * outcomes from registration, penalties from credit supervision. Calls with a Tx run in the caller's transaction;
 * `null` reads outside one.
 */
export abstract class ComplianceFactsStore {
  abstract annualReports(tx: Tx | null, uscc: string): Promise<AnnualReportRecord[]>;
  abstract annualReport(tx: Tx, uscc: string, reportYear: number): Promise<AnnualReportRecord | null>;
  abstract saveAnnualReport(tx: Tx, record: AnnualReportRecord): Promise<void>;
  abstract penalties(tx: Tx | null, uscc: string): Promise<PenaltyRecord[]>;
  /** Idempotent by penaltyId. */
  abstract savePenalty(tx: Tx, record: PenaltyRecord): Promise<void>;
}
