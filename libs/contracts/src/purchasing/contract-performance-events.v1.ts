import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsISO8601, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import type { EventContractDefinition } from '../shared/contract-types';
import { USCC_FORMAT } from '@sop/util';
import { PERFORMANCE_OUTCOMES } from './contract-events.v1';
import { OCID_FORMAT } from './procurement-events.v1';

/**
 * Contract performance (Order 102 Art. 23–24 and performance management and acceptance, regulations §7.2): acceptance
 * of each milestone, payments against accepted milestones, the flag a serious listing of the supplier puts on a
 * contract in performance with the explicit payment decisions it requires, and termination. Money in integer fen;
 * instants ISO 8601 UTC; civil dates Beijing dates. Key and subject: the supplier's USCC (as ContractSigned), so a
 * contract's events stay in order on purchasing.contract.v1.
 */
const TOPIC = 'purchasing.contract.v1';

abstract class ContractEventBaseV1 {
  @IsUUID() contractId: string;
  @Matches(USCC_FORMAT) supplierUscc: string;
  /** The procurement the contract came from (absent for a contract recorded stand-alone). */
  @IsOptional() @IsUUID() procurementId?: string;
  @IsOptional() @Matches(OCID_FORMAT) ocid?: string;
}

/** The purchaser accepted (passed) or refused (failed) a milestone's deliverables, with the performance score and its band. */
export class MilestoneAcceptedV1 extends ContractEventBaseV1 {
  @IsUUID() acceptanceId: string;
  @IsInt() @Min(1) sequence: number;
  /** 1 for the first acceptance of the milestone; a failed one may be followed by a re-acceptance (2, 3, …). */
  @IsInt() @Min(1) attempt: number;
  @IsBoolean() passed: boolean;
  @IsInt() @Min(0) @Max(100) score: number;
  /** The band of the rule set's performance bands, or NOT_BANDED when the rule set in force has none. */
  @IsIn(PERFORMANCE_OUTCOMES) band: (typeof PERFORMANCE_OUTCOMES)[number];
  @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) findings: string[];
  @IsISO8601({ strict: true }) acceptedAt: string;
  /** `purchasing/<jurisdiction>@v<version>` whose bands scored the acceptance. */
  @IsString() @IsNotEmpty() @MaxLength(100) ruleVersion: string;
}

export const MilestoneAccepted: EventContractDefinition<MilestoneAcceptedV1> = {
  type: 'purchasing.contract.milestone-accepted',
  topic: TOPIC,
  version: 1,
  payload: MilestoneAcceptedV1,
  description: "The purchaser's acceptance of a contract milestone: passed or failed, the performance score, its band and the rule version.",
};

/** A payment against an accepted milestone; after the last one the contract is COMPLETED (`contractStatus`). */
export class PaymentMadeV1 extends ContractEventBaseV1 {
  @IsUUID() paymentId: string;
  @IsInt() @Min(1) sequence: number;
  @IsInt() @Min(1) amountFen: number;
  /** When the money was paid (UTC). */
  @IsISO8601({ strict: true }) paidAt: string;
  @IsInt() @Min(0) milestonePaidFen: number;
  @IsInt() @Min(0) milestoneOutstandingFen: number;
  @IsInt() @Min(0) contractPaidFen: number;
  @IsInt() @Min(0) contractOutstandingFen: number;
  @IsIn(['SIGNED', 'COMPLETED']) contractStatus: 'SIGNED' | 'COMPLETED';
  /** The PAY decision the payment relied on, when the contract is flagged. */
  @IsOptional() @IsUUID() decisionId?: string;
  @IsOptional() @IsUUID() budgetLineId?: string;
  @IsISO8601({ strict: true }) recordedAt: string;
}

export const PaymentMade: EventContractDefinition<PaymentMadeV1> = {
  type: 'purchasing.contract.payment-made',
  topic: TOPIC,
  version: 1,
  payload: PaymentMadeV1,
  description: 'A payment against an accepted contract milestone (the contract is COMPLETED once every milestone is paid in full).',
};

/** The supplier entered credit's serious list while the contract is in performance: further payments need a decision. */
export class ContractFlaggedV1 extends ContractEventBaseV1 {
  /** The id of credit's list event (credit.list.entered / credit.list.escalated). */
  @IsUUID() evidenceEventId: string;
  @IsIn(['SERIOUS']) list: 'SERIOUS';
  @IsUUID() entryId: string;
  /** When the listing took effect (the list event's `at`). */
  @IsISO8601({ strict: true }) listedAt: string;
  @IsISO8601({ strict: true }) flaggedAt: string;
}

export const ContractFlagged: EventContractDefinition<ContractFlaggedV1> = {
  type: 'purchasing.contract.flagged',
  topic: TOPIC,
  version: 1,
  payload: ContractFlaggedV1,
  description: "A contract in performance was flagged because its supplier entered the serious list; each further payment needs a recorded decision.",
};

export const PAYMENT_DECISIONS = ['PAY', 'WITHHOLD'] as const;

/**
 * Why a contract was terminated. Only SUPPLIER_BREACH speaks against the supplier (a later eligibility bar, credit
 * information); the others end a contract without fault of the supplier.
 */
export const TERMINATION_CAUSES = ['SUPPLIER_BREACH', 'PURCHASER_DECISION', 'MUTUAL_AGREEMENT', 'FORCE_MAJEURE'] as const;
export type TerminationCause = (typeof TERMINATION_CAUSES)[number];

/** The finance officer's decision on further payments of a milestone of a flagged contract. */
export class PaymentDecidedV1 extends ContractEventBaseV1 {
  @IsUUID() decisionId: string;
  @IsInt() @Min(1) sequence: number;
  @IsIn(PAYMENT_DECISIONS) decision: (typeof PAYMENT_DECISIONS)[number];
  @IsArray() @ArrayMaxSize(20) @IsString({ each: true }) reasons: string[];
  /** The flag the decision answers (its evidence event). */
  @IsUUID() flagEvidenceEventId: string;
  @IsISO8601({ strict: true }) decidedAt: string;
}

export const PaymentDecided: EventContractDefinition<PaymentDecidedV1> = {
  type: 'purchasing.contract.payment-decided',
  topic: TOPIC,
  version: 1,
  payload: PaymentDecidedV1,
  description: 'A recorded decision to pay or withhold further payments of a milestone of a flagged contract.',
};

/** The purchaser terminated the contract with reasons: no further acceptance or payment. */
export class ContractTerminatedV1 extends ContractEventBaseV1 {
  @IsArray() @ArrayMaxSize(20) @IsString({ each: true }) reasons: string[];
  /** Absent on events before causes were recorded. */
  @IsOptional() @IsIn(TERMINATION_CAUSES) cause?: TerminationCause;
  @IsISO8601({ strict: true }) terminatedAt: string;
  @IsInt() @Min(0) paidFen: number;
  /** The unpaid value, released from the budget line's commitment (procurement contracts). */
  @IsInt() @Min(0) unpaidFen: number;
}

export const ContractTerminated: EventContractDefinition<ContractTerminatedV1> = {
  type: 'purchasing.contract.terminated',
  topic: TOPIC,
  version: 1,
  payload: ContractTerminatedV1,
  description: 'A purchase-of-services contract was terminated with reasons; nothing more is accepted or paid under it.',
};
