import type { Tx } from '@sop/messaging';

/** Persistence port of the annual-report obligations behind §5.1 trigger 1 listings: one per annual-report-overdue event. */
export abstract class AnnualReportObligationStore {
  abstract addAnnualReportObligation(tx: Tx, o: { overdueEventId: string; uscc: string; reportYear: number }): Promise<void>;
  /** Marks the year's open obligations submitted; returns every obligation of the organization (event id → submitted). */
  abstract fulfilAnnualReportObligations(tx: Tx, o: { uscc: string; reportYear: number; submittedAt: Date; submittedEventId: string }): Promise<Map<string, boolean>>;
}
