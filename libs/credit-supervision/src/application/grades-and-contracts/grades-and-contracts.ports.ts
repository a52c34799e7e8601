import type { Tx } from '@sop/messaging';
import type { GradeAdjustmentRecord, GradeRecord } from '../../domain/grade-record';

export interface PurchaseContractRecord {
  contractId: string;
  uscc: string;
  purchaser: string;
  title: string;
  method: string;
  valueFen: number;
  termStart: string;
  termEnd: string;
  signedAt: Date;
  ruleVersion: string;
}

export interface PurchaseAssessmentRecord {
  assessmentId: string;
  contractId: string;
  uscc: string;
  outcome: string;
  score: number;
  breach: boolean;
  assessedAt: Date;
  ruleVersion: string;
}

/** Persistence port for the facts other services publish: evaluation grades and government-purchase records. */
export abstract class GradesAndContractsStore {
  abstract addGrade(tx: Tx, uscc: string, grade: GradeRecord, sourceEventId: string): Promise<void>;
  abstract addGradeAdjustment(tx: Tx, uscc: string, adjustment: GradeAdjustmentRecord, sourceEventId: string): Promise<void>;
  abstract addPurchaseContract(tx: Tx, contract: PurchaseContractRecord, sourceEventId: string): Promise<void>;
  abstract addPurchaseAssessment(tx: Tx, assessment: PurchaseAssessmentRecord, sourceEventId: string): Promise<void>;
}
