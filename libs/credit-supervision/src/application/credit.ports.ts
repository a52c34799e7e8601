import type { Tx } from '@sop/messaging';
import type { JointMeasure, ListKind } from '../domain/credit-rules';
import type { ListEntry, ListEvent, ListState } from '../domain/list-state';
import type { GradeAdjustmentRecord, GradeRecord } from '../domain/grade-record';
import type { Penalty } from '../domain/penalty';

export interface CreditOrganization {
  uscc: string;
  name: string;
  registeringAuthority: string;
  registrationStatus: string;
  nameEffectiveFrom?: Date | null;
  domicileEffectiveFrom?: Date | null;
}

export interface InformationRecord {
  uscc: string;
  category: 'BASIC' | 'ANNUAL_REPORT' | 'INSPECTION' | 'PENALTY' | 'OTHER';
  factType: string;
  sourceId: string;
  summary: string;
  occurredAt: Date;
  recordedAt: Date;
  captureDeadline: Date;
}

export interface RectificationNotice {
  id: string;
  uscc: string;
  inspectedAt: Date;
  findings: string;
  deadline: Date;
  status: 'OPEN' | 'MET' | 'NOT_MET';
  resolvedAt: Date | null;
  issuedBy: string;
  recordedAt: Date;
}

export interface Objection {
  id: string;
  entryId: string;
  uscc: string;
  grounds: string;
  filedBy: string;
  filedAt: Date;
  status: 'PENDING' | 'UPHELD' | 'REJECTED';
  decidedBy: string | null;
  decidedAt: Date | null;
  decisionReason: string | null;
}

export interface JointMeasuresRecord {
  uscc: string;
  lists: ListKind[];
  measures: JointMeasure[];
  effectiveFrom: Date;
  ruleVersion: string;
}

export interface LoggedListEvent {
  eventId: string;
  event: ListEvent;
  recordedAt: Date;
}

/** Persistence port of the credit use cases. Calls with a Tx run in the caller's transaction; `null` reads outside one. */
export abstract class CreditStore {
  abstract organization(tx: Tx | null, uscc: string): Promise<CreditOrganization | null>;
  /** Serializes decisions about one organization (row lock where the database has them). */
  abstract lockOrganization(tx: Tx, uscc: string): Promise<void>;
  abstract listState(tx: Tx | null, uscc: string): Promise<ListState>;
  abstract entry(tx: Tx | null, entryId: string): Promise<ListEntry | null>;
  abstract appendListEvent(tx: Tx, logged: LoggedListEvent): Promise<void>;
  abstract saveEntries(tx: Tx, entries: { entry: ListEntry; nextDueAt: Date | null }[]): Promise<void>;
  abstract listEvents(tx: Tx | null, uscc?: string): Promise<LoggedListEvent[]>;
  abstract allEntries(tx: Tx | null): Promise<ListEntry[]>;
  abstract replaceAllEntries(tx: Tx, entries: { entry: ListEntry; nextDueAt: Date | null }[]): Promise<void>;
  abstract usccsWithTimersDue(now: Date): Promise<string[]>;
  abstract jointMeasures(tx: Tx | null, uscc: string): Promise<JointMeasuresRecord | null>;
  abstract saveJointMeasures(tx: Tx, record: JointMeasuresRecord): Promise<void>;
  abstract penalties(tx: Tx | null, uscc: string): Promise<Penalty[]>;
  abstract insertPenalty(tx: Tx, penalty: Penalty, recordedBy: string, recordedAt: Date): Promise<void>;
  abstract addInformation(tx: Tx, info: InformationRecord): Promise<void>;
  abstract insertNotice(tx: Tx, notice: RectificationNotice): Promise<void>;
  abstract notice(tx: Tx | null, id: string): Promise<RectificationNotice | null>;
  abstract updateNotice(tx: Tx, notice: RectificationNotice): Promise<void>;
  abstract noticesPastDeadline(now: Date): Promise<RectificationNotice[]>;
  abstract insertObjection(tx: Tx, objection: Objection): Promise<void>;
  abstract objection(tx: Tx | null, id: string): Promise<Objection | null>;
  abstract updateObjection(tx: Tx, objection: Objection): Promise<void>;
  abstract objectionsOf(tx: Tx | null, uscc: string): Promise<Objection[]>;
  /** §5.1 trigger 1 obligations: one per annual-report-overdue event. */
  abstract addAnnualReportObligation(tx: Tx, o: { overdueEventId: string; uscc: string; reportYear: number }): Promise<void>;
  /** Marks the year's open obligations submitted; returns every obligation of the organization (event id → submitted). */
  abstract fulfilAnnualReportObligations(tx: Tx, o: { uscc: string; reportYear: number; submittedAt: Date; submittedEventId: string }): Promise<Map<string, boolean>>;
  abstract setRegistrationStatus(tx: Tx, uscc: string, status: string, now: Date): Promise<void>;
  abstract updateRegisterFields(tx: Tx, uscc: string, fields: { name?: string; domicile?: string }, effectiveFrom: Date, now: Date): Promise<void>;
}

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
export abstract class CreditFactsStore {
  abstract addGrade(tx: Tx, uscc: string, grade: GradeRecord, sourceEventId: string): Promise<void>;
  abstract addGradeAdjustment(tx: Tx, uscc: string, adjustment: GradeAdjustmentRecord, sourceEventId: string): Promise<void>;
  abstract addPurchaseContract(tx: Tx, contract: PurchaseContractRecord, sourceEventId: string): Promise<void>;
  abstract addPurchaseAssessment(tx: Tx, assessment: PurchaseAssessmentRecord, sourceEventId: string): Promise<void>;
}
