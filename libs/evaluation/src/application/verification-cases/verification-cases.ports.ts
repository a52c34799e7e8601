import type { Tx } from '@sop/messaging';

export const CASE_STATUSES = ['OPEN', 'CLOSED'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];
export const CASE_OUTCOMES = ['GRADE_ADJUSTED', 'GRADE_CONFIRMED'] as const;
export type CaseOutcome = (typeof CASE_OUTCOMES)[number];

/** A verification evaluation (核查评估, 2026 measures) of a grade in force, opened by the events that prompted it. */
export interface VerificationCase {
  id: string;
  uscc: string;
  gradeId: string;
  status: CaseStatus;
  cause: string;
  evidence: string[];
  openedAt: Date;
  ruleVersion: string;
  closedAt: Date | null;
  outcome: CaseOutcome | null;
  adjustmentId: string | null;
}

/** Verification cases. Calls with a Tx run in the caller's transaction; `null` reads outside one. */
export abstract class VerificationCaseStore {
  abstract openCasesOfGrade(tx: Tx, gradeId: string): Promise<VerificationCase[]>;
  abstract verificationCase(tx: Tx | null, id: string): Promise<VerificationCase | null>;
  abstract saveCase(tx: Tx, c: VerificationCase): Promise<void>;
  /** Cases (optionally of one status) of organizations whose registering authority starts with `divisionPrefix`. */
  abstract cases(filter: { status?: CaseStatus; divisionPrefix: string; limit: number }): Promise<VerificationCase[]>;
}
