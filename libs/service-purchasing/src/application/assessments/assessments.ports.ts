import type { Tx } from '@sop/messaging';
import type { PerformanceOutcome } from '../../domain/purchasing-rules';

export interface PerformanceAssessment {
  id: string;
  contractId: string;
  supplierUscc: string;
  purchaser: string;
  score: number;
  outcome: PerformanceOutcome;
  breach: boolean;
  summary: string;
  assessedAt: Date;
  assessedBy: string;
  ruleVersion: string;
  eventId: string;
}

/** Persistence port of performance assessments. Calls with a Tx run in the caller's transaction; `null` reads outside one. */
export abstract class AssessmentStore {
  abstract insertAssessment(tx: Tx, assessment: PerformanceAssessment): Promise<void>;
  /** A contract's assessments, oldest first. */
  abstract assessments(tx: Tx | null, contractId: string): Promise<PerformanceAssessment[]>;
}
