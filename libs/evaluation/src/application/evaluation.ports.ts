import type { Tx } from '@sop/messaging';
import type { CommitteeVote } from '../domain/committee';
import type { GradeRecord } from '../domain/grade';
import type { EndedRegistrationStatus, RegistrationStatus } from '../domain/registration-status';

export interface EvaluationOrganization {
  uscc: string;
  name: string;
  form: string;
  category: string;
  registeringAuthority: string;
  registeredAt: Date;
  eligibleFrom: Date;
  /** ACTIVE until registration reports a revocation or deregistration. */
  registrationStatus: RegistrationStatus;
  /** When the registration was revoked / deregistered (the event's revokedAt / deregisteredAt); null while ACTIVE. */
  registrationStatusAt: Date | null;
  /** The OrganizationRevoked / OrganizationDeregistered event that set the status; null while ACTIVE. */
  registrationStatusEventId: string | null;
}

export interface GradeAwardRecord {
  committee: CommitteeVote;
  awardedBy: string;
  recordedAt: Date;
  eventId: string;
}

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
  adjustedBy: string;
  recordedAt: Date;
  eventId: string;
}

export interface CreditMeasuresRecord {
  uscc: string;
  lists: string[];
  measures: string[];
  effectiveFrom: Date;
  ruleVersion: string;
  lastEventId: string;
  receivedAt: Date;
}

export const CASE_STATUSES = ['OPEN', 'CLOSED'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];
export const CASE_OUTCOMES = ['GRADE_ADJUSTED', 'GRADE_CONFIRMED'] as const;
export type CaseOutcome = (typeof CASE_OUTCOMES)[number];

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

/** Persistence port of the evaluation use cases. Calls with a Tx run in the caller's transaction; `null` reads outside one. */
export abstract class EvaluationStore {
  abstract organization(tx: Tx | null, uscc: string): Promise<EvaluationOrganization | null>;
  /** Serializes decisions about one organization (row lock where the database has them). */
  abstract lockOrganization(tx: Tx, uscc: string): Promise<void>;
  abstract setRegistrationStatus(tx: Tx, uscc: string, status: EndedRegistrationStatus, at: Date, eventId: string): Promise<void>;
  /** Every grade of the organization, oldest announcement first. */
  abstract grades(tx: Tx | null, uscc: string): Promise<GradeRecord[]>;
  abstract grade(tx: Tx | null, gradeId: string): Promise<GradeRecord | null>;
  abstract insertGrade(tx: Tx, grade: GradeRecord, award: GradeAwardRecord): Promise<void>;
  abstract updateGrade(tx: Tx, gradeId: string, fields: Partial<Pick<GradeRecord, 'grade' | 'status' | 'supersededByGradeId'>>): Promise<void>;
  /**
   * ACTIVE grades whose validity ended before `before` (a UTC date, exclusive: validUntil < before) and whose
   * GradeExpired is not published yet, earliest validUntil first, at most `limit`. Read outside a transaction.
   */
  abstract gradesDueToExpire(before: string, limit: number): Promise<GradeRecord[]>;
  /** Records that GradeExpired was published; false when it already was (nothing changed). */
  abstract markExpiryPublished(tx: Tx, gradeId: string, at: Date): Promise<boolean>;
  abstract insertAdjustment(tx: Tx, adjustment: GradeAdjustmentRecord): Promise<void>;
  abstract adjustmentsOf(tx: Tx | null, uscc: string): Promise<GradeAdjustmentRecord[]>;
  abstract creditMeasures(tx: Tx | null, uscc: string): Promise<CreditMeasuresRecord | null>;
  abstract saveCreditMeasures(tx: Tx, record: CreditMeasuresRecord): Promise<void>;
  abstract openCasesOfGrade(tx: Tx, gradeId: string): Promise<VerificationCase[]>;
  abstract verificationCase(tx: Tx | null, id: string): Promise<VerificationCase | null>;
  abstract saveCase(tx: Tx, c: VerificationCase): Promise<void>;
  /** Cases (optionally of one status) of organizations whose registering authority starts with `divisionPrefix`. */
  abstract cases(filter: { status?: CaseStatus; divisionPrefix: string; limit: number }): Promise<VerificationCase[]>;
}
