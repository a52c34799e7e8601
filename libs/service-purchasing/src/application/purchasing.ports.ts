import type { OrganizationCategory } from '@sop/contracts';
import type { Tx } from '@sop/messaging';
import type { ContractStatus } from '../domain/performance-assessment';
import type { PerformanceOutcome, PurchaseMethod } from '../domain/purchasing-rules';
import type { GradeRecord } from '../domain/supplier-grade';
import type { MeasureSet, SupplierStatus } from '../domain/supplier-eligibility';

export interface Supplier {
  uscc: string;
  name: string;
  form: string;
  category: OrganizationCategory;
  registeringAuthority: string;
  registeredAt: Date;
  status: SupplierStatus;
  statusChangedAt: Date | null;
}

export interface Contract {
  id: string;
  supplierUscc: string;
  purchaser: string;
  title: string;
  method: PurchaseMethod;
  valueFen: number;
  termStart: string;
  termEnd: string;
  multiYear: boolean;
  budgetAssured: boolean;
  stableService: boolean;
  signedAt: Date;
  status: ContractStatus;
  ruleVersion: string;
  /** The signing principal's subject; with the two below, the purchaser binding (domain/purchaser-binding.ts). */
  recordedBy: string;
  /** The signing principal's unit (claim unit_id); null when it had none or for rows recorded before the binding. */
  purchaserUnitId: string | null;
  /** The signing principal's jurisdiction; null only for rows recorded before the binding. */
  purchaserJurisdiction: string | null;
  recordedAt: Date;
  eventId: string;
  /** The creating request's Idempotency-Key (unique per recordedBy) and the SHA-256 of its body; null without one. */
  idempotencyKey: string | null;
  requestHash: string | null;
}

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

export interface StoredMeasureSet extends MeasureSet {
  eventId: string;
  receivedAt: Date;
}

/** Persistence port of the purchasing use cases. Calls with a Tx run in the caller's transaction; `null` reads outside one. */
export abstract class PurchasingStore {
  abstract supplier(tx: Tx | null, uscc: string): Promise<Supplier | null>;
  /** Serializes a signing with changes to the supplier's facts (row locks where the database has them). */
  abstract lockSupplierFacts(tx: Tx, uscc: string): Promise<void>;
  abstract setSupplierStatus(tx: Tx, uscc: string, status: SupplierStatus, at: Date, eventId: string): Promise<void>;
  abstract measures(tx: Tx | null, uscc: string): Promise<StoredMeasureSet | null>;
  abstract saveMeasures(tx: Tx, uscc: string, set: StoredMeasureSet): Promise<void>;
  abstract grades(tx: Tx | null, uscc: string): Promise<GradeRecord[]>;
  abstract grade(tx: Tx, gradeId: string): Promise<GradeRecord | null>;
  /** Grades that name `gradeId` as the one they replace. */
  abstract replacementsOf(tx: Tx, gradeId: string): Promise<GradeRecord[]>;
  abstract insertGrade(tx: Tx, grade: GradeRecord, extra: { score: number; evaluatingAuthority: string; eventId: string }): Promise<void>;
  abstract updateGrade(tx: Tx, grade: GradeRecord, adjustmentEventId?: string): Promise<void>;
  abstract insertContract(tx: Tx, contract: Contract): Promise<void>;
  abstract contract(tx: Tx | null, id: string): Promise<Contract | null>;
  abstract contractByIdempotencyKey(tx: Tx | null, idempotencyKey: string, recordedBy: string): Promise<Contract | null>;
  abstract insertAssessment(tx: Tx, assessment: PerformanceAssessment): Promise<void>;
  abstract assessments(tx: Tx | null, contractId: string): Promise<PerformanceAssessment[]>;
}
