import type { TerminationCause } from '@sop/contracts';
import type { Tx } from '@sop/messaging';
import type { Milestone } from '../../domain/contract/milestones';
import type { PerformanceOutcome } from '../../domain/purchasing-rules';
import type { Contract } from '../contracts/contracts.ports';

/** Order 102 Art. 23 content of a contract beyond the fields every contract has (term, price, parties). */
export interface ContractContent {
  serviceContent: string;
  quantity: string;
  qualityStandards: string;
  paymentSchedule: string;
  rightsAndObligations: string;
  assessmentMethod: string;
  breachLiability: string;
}

/** A contract with what its performance adds: procurement, budget line, content, flag, termination, completion. */
export interface PerformingContract extends Contract {
  procurementId: string | null;
  ocid: string | null;
  budgetLineId: string | null;
  content: ContractContent | null;
  flaggedAt: Date | null;
  flagEventId: string | null;
  terminatedAt: Date | null;
  terminationReasons: string[] | null;
  /** Null before causes were recorded (migration 1732500000497). */
  terminationCause?: TerminationCause | null;
  completedAt: Date | null;
}

export interface StoredMilestone extends Milestone {
  contractId: string;
  paidFen: number;
}

export interface MilestoneAcceptance {
  id: string;
  contractId: string;
  sequence: number;
  attempt: number;
  passed: boolean;
  score: number;
  band: PerformanceOutcome;
  findings: string[];
  ruleVersion: string;
  acceptedBy: string;
  acceptedAt: Date;
  eventId: string;
}

export interface ContractPayment {
  id: string;
  contractId: string;
  sequence: number;
  amountFen: number;
  paidAt: Date;
  decisionId: string | null;
  recordedBy: string;
  recordedAt: Date;
  eventId: string;
}

export interface PaymentDecision {
  id: string;
  contractId: string;
  sequence: number;
  decision: 'PAY' | 'WITHHOLD';
  reasons: string[];
  flagEventId: string;
  decidedBy: string;
  decidedAt: Date;
  eventId: string;
}

export interface ContractFlag {
  contractId: string;
  evidenceEventId: string;
  entryId: string;
  listedAt: Date;
  flaggedAt: Date;
  eventId: string;
}

/** Everything recorded about a contract's performance, for the contract view. */
export interface PerformanceRecord {
  milestones: StoredMilestone[];
  acceptances: MilestoneAcceptance[];
  payments: ContractPayment[];
  decisions: PaymentDecision[];
  flags: ContractFlag[];
}

/** Persistence port of contract performance. Calls with a Tx run in the caller's transaction; `null` reads outside one. */
export abstract class PerformanceStore {
  /** Inserts a contract with its performance columns (a second contract of one procurement fails as a duplicate key). */
  abstract insertContract(tx: Tx, contract: PerformingContract): Promise<void>;
  abstract contract(tx: Tx | null, id: string): Promise<PerformingContract | null>;
  /** Reads the contract with its row locked until the transaction ends (MySQL FOR UPDATE; SQLite has one writer): its performance steps are serialized. */
  abstract lockContract(tx: Tx, id: string): Promise<PerformingContract | null>;
  abstract contractOfProcurement(tx: Tx | null, procurementId: string): Promise<PerformingContract | null>;
  /** The contract created with this Idempotency-Key by this principal (unique per recordedBy). */
  abstract contractByKey(idempotencyKey: string, recordedBy: string): Promise<PerformingContract | null>;
  /** The supplier's contracts in performance (SIGNED). */
  abstract inPerformanceOf(tx: Tx, supplierUscc: string): Promise<PerformingContract[]>;
  abstract saveState(tx: Tx, c: Pick<PerformingContract, 'id' | 'status' | 'flaggedAt' | 'flagEventId' | 'terminatedAt' | 'terminationReasons' | 'terminationCause' | 'completedAt'>): Promise<void>;
  abstract insertMilestones(tx: Tx, contractId: string, milestones: Milestone[]): Promise<void>;
  abstract savePaid(tx: Tx, contractId: string, sequence: number, paidFen: number): Promise<void>;
  abstract insertAcceptance(tx: Tx, a: MilestoneAcceptance): Promise<void>;
  abstract insertPayment(tx: Tx, p: ContractPayment): Promise<void>;
  abstract insertDecision(tx: Tx, d: PaymentDecision): Promise<void>;
  abstract flag(tx: Tx, contractId: string, evidenceEventId: string): Promise<ContractFlag | null>;
  abstract insertFlag(tx: Tx, f: ContractFlag): Promise<void>;
  abstract record(tx: Tx | null, contractId: string): Promise<PerformanceRecord>;
}

/**
 * The fields every contract-performance event starts with (ContractEventBaseV1): the contract and its supplier, and
 * the procurement and ocid of a contract from an award (a stand-alone contract has neither).
 */
export function contractEventBase(c: Pick<PerformingContract, 'id' | 'supplierUscc' | 'procurementId' | 'ocid'>) {
  return { contractId: c.id, supplierUscc: c.supplierUscc, ...(c.procurementId ? { procurementId: c.procurementId } : {}), ...(c.ocid ? { ocid: c.ocid } : {}) };
}
