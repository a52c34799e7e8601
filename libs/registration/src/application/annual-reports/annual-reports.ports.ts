import type { Tx } from '@sop/messaging';
import type { OrganizationForm } from '@sop/contracts';
import type { AnnualReportCycle, AnnualReportOutcome } from '../../domain/annual-report-cycle';

export interface AnnualReportRecord {
  uscc: string;
  reportYear: number;
  registeringAuthority: string;
  submittedAt: Date;
  submittedBy: string;
  dueDate: string;
  ruleVersion: string;
  outcome: AnnualReportOutcome | null;
  reviewedBy: string | null;
  reviewedAt: Date | null;
}

export interface OverdueCandidate {
  uscc: string;
  registeringAuthority: string;
}

/** Persistence port of the annual-report cycle. */
export abstract class AnnualReportStore {
  abstract cycles(): Promise<AnnualReportCycle[]>;
  abstract findReport(tx: Tx | null, uscc: string, reportYear: number): Promise<AnnualReportRecord | null>;
  abstract listReports(uscc: string): Promise<AnnualReportRecord[]>;
  abstract insertReport(tx: Tx, report: AnnualReportRecord): Promise<void>;
  abstract saveReview(tx: Tx, uscc: string, reportYear: number, review: { outcome: AnnualReportOutcome; reviewedBy: string; reviewedAt: Date }): Promise<void>;
  /** Registered organizations of `form` in scope (registered before `registeredBefore`) with no report by `dueEnd` and no overdue finding yet. */
  abstract overdueCandidates(form: OrganizationForm, reportYear: number, registeredBefore: Date, dueEnd: Date, limit: number): Promise<OverdueCandidate[]>;
  /** Inserts the once-only finding; false if this organization and cycle were already found overdue. */
  abstract recordOverdue(tx: Tx, finding: { uscc: string; reportYear: number; dueDate: string; detectedAt: Date; ruleVersion: string }): Promise<boolean>;
}
