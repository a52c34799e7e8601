import type { OrganizationCategory } from '@sop/contracts';
import type { Tx } from '@sop/messaging';
import type { GradeRecord } from '../../domain/supplier-grade';
import type { MeasureSet, SupplierStatus } from '../../domain/supplier-eligibility';

/** A supplier's register fields, as registration published them. */
export interface SupplierRegister {
  uscc: string;
  name: string;
  form: string;
  category: OrganizationCategory;
  registeringAuthority: string;
  registeredAt: Date;
}

export interface Supplier extends SupplierRegister {
  status: SupplierStatus;
  statusChangedAt: Date | null;
  /** The registration event last applied, and the lifecycle event that set the status (evidence of eligibility). */
  registrationEventId?: string | null;
  statusEventId?: string | null;
}

/** What an OrganizationRegistered event records: the register fields (never the status) and the event. */
export interface SupplierRegistration extends SupplierRegister {
  categoryPriority: boolean;
  eventId: string;
}

export interface StoredMeasureSet extends MeasureSet {
  eventId: string;
  receivedAt: Date;
}

/**
 * Persistence port of the supplier register and its credit measures (facts purchasing learns from registration and
 * credit). Calls with a Tx run in the caller's transaction; `null` reads outside one.
 */
export abstract class SupplierStore {
  abstract supplier(tx: Tx | null, uscc: string): Promise<Supplier | null>;
  /**
   * Inserts or updates the register fields only, so a re-published registration never resets a REVOKED /
   * DEREGISTERED status (a new supplier starts ACTIVE).
   */
  abstract saveRegistration(tx: Tx, registration: SupplierRegistration): Promise<void>;
  /** Serializes a signing with changes to the supplier's facts (row locks where the database has them). */
  abstract lockSupplierFacts(tx: Tx, uscc: string): Promise<void>;
  abstract setSupplierStatus(tx: Tx, uscc: string, status: SupplierStatus, at: Date, eventId: string): Promise<void>;
  abstract measures(tx: Tx | null, uscc: string): Promise<StoredMeasureSet | null>;
  abstract saveMeasures(tx: Tx, uscc: string, set: StoredMeasureSet): Promise<void>;
}

/** Persistence port of the evaluation grades purchasing keeps per supplier (regulations §6). */
export abstract class SupplierGradeStore {
  abstract grades(tx: Tx | null, uscc: string): Promise<GradeRecord[]>;
  abstract grade(tx: Tx, gradeId: string): Promise<GradeRecord | null>;
  /** Grades that name `gradeId` as the one they replace. */
  abstract replacementsOf(tx: Tx, gradeId: string): Promise<GradeRecord[]>;
  abstract insertGrade(tx: Tx, grade: GradeRecord, extra: { score: number; evaluatingAuthority: string; eventId: string }): Promise<void>;
  abstract updateGrade(tx: Tx, grade: GradeRecord, adjustmentEventId?: string): Promise<void>;
}
