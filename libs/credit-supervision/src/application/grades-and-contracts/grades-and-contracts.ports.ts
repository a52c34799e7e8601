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

/** A milestone acceptance of a purchase contract (issue 11 item 5): passed or failed, score, band, rule version. */
export interface PurchaseAcceptanceRecord {
  acceptanceId: string;
  contractId: string;
  uscc: string;
  sequence: number;
  attempt: number;
  passed: boolean;
  score: number;
  band: string;
  acceptedAt: Date;
  ruleVersion: string;
}

/** The purchaser's termination of a purchase contract with its reasons (kept, not public) and the paid / unpaid value. */
export interface PurchaseTerminationRecord {
  contractId: string;
  uscc: string;
  reasons: string[];
  terminatedAt: Date;
  paidFen: number;
  unpaidFen: number;
}

/** Persistence port for the facts other services publish: evaluation grades and government-purchase records. */
export abstract class GradesAndContractsStore {
  abstract addGrade(tx: Tx, uscc: string, grade: GradeRecord, sourceEventId: string): Promise<void>;
  abstract addGradeAdjustment(tx: Tx, uscc: string, adjustment: GradeAdjustmentRecord, sourceEventId: string): Promise<void>;
  abstract addPurchaseContract(tx: Tx, contract: PurchaseContractRecord, sourceEventId: string): Promise<void>;
  abstract addPurchaseAssessment(tx: Tx, assessment: PurchaseAssessmentRecord, sourceEventId: string): Promise<void>;
  /** False when the acceptance (by its id) was recorded already, from another event id (a republication): nothing written. */
  abstract addPurchaseAcceptance(tx: Tx, acceptance: PurchaseAcceptanceRecord, sourceEventId: string): Promise<boolean>;
  /** False when the contract's termination was recorded already: nothing written. */
  abstract addPurchaseTermination(tx: Tx, termination: PurchaseTerminationRecord, sourceEventId: string): Promise<boolean>;
}
