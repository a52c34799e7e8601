import type { Tx } from '@sop/messaging';
import type { PerformanceEvidence } from '../../domain/performance-evidence/performance-evidence';

/** A transfer agreement as TransferAgreementConcluded announced it: which catalogue item a take-back concerns. */
export interface TransferAgreementFact {
  agreementId: string;
  itemId: string;
  uscc: string;
  departmentUnitId: string;
  mode: string;
  area: string;
  concludedAt: Date;
  eventId: string;
}

/** A catalogue item of transferable functions as its latest FunctionStageMoved described it. */
export interface FunctionItemFact {
  itemId: string;
  title: string;
  functionArea: string;
  kindOfAct: string;
  jurisdiction: string;
  stage: string;
  movedAt: Date;
  eventId: string;
}

/**
 * Evaluation's projection of service purchasing's performance events (issue 12 item 5): the evidence items per
 * organization, and the agreements and catalogue items they name. Calls with a Tx run in the caller's transaction;
 * `null` reads outside one.
 */
export abstract class PerformanceEvidenceStore {
  /** Inserts the item unless its id (the event id) is on record; true when inserted. */
  abstract record(tx: Tx, evidence: PerformanceEvidence): Promise<boolean>;
  /** The organization's items, oldest first. */
  abstract evidenceOf(tx: Tx | null, uscc: string): Promise<PerformanceEvidence[]>;
  abstract saveAgreement(tx: Tx, agreement: TransferAgreementFact): Promise<void>;
  abstract agreement(tx: Tx | null, agreementId: string): Promise<TransferAgreementFact | null>;
  /** Replaces the item's description unless a later move is on record. */
  abstract saveFunctionItem(tx: Tx, item: FunctionItemFact): Promise<void>;
  abstract functionItems(tx: Tx | null, itemIds: readonly string[]): Promise<FunctionItemFact[]>;
}
