import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsISO8601, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import type { EventContractDefinition } from '../shared/contract-types';
import { USCC_FORMAT } from '@sop/util';
import { ORGAN_UNIT_ID_FORMAT } from './organ-events.v1';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** procurement-events.v1 OCID_FORMAT, repeated here: that module imports this one (no import cycle). */
const OCID = /^ocds-[a-z0-9]{6}-[0-9a-f-]{36}$/;

/** Purchase methods of the Government Procurement Law Art. 26 plus the two MOF recognizes (regulations §7.2). */
export const PURCHASE_METHODS = [
  'OPEN_TENDERING',
  'INVITATIONAL_TENDERING',
  'COMPETITIVE_NEGOTIATION',
  'COMPETITIVE_CONSULTATION',
  'SINGLE_SOURCE',
  'REQUEST_FOR_QUOTATIONS',
  'FRAMEWORK_AGREEMENT',
] as const;

/** Outcomes a rule set's performance bands give (local practice, regulations §7.2). */
export const PERFORMANCE_BAND_OUTCOMES = ['EXCELLENT', 'GOOD', 'QUALIFIED', 'UNQUALIFIED'] as const;

/**
 * Outcomes of a purchaser's performance assessment / acceptance of a purchased service: a band's outcome, or
 * NOT_BANDED when the rule set applied has no banding rule (the national default: Order 102 sets no score bands,
 * regulations §7.2) — the score is then the result.
 */
export const PERFORMANCE_OUTCOMES = [...PERFORMANCE_BAND_OUTCOMES, 'NOT_BANDED'] as const;

/** One milestone of a contract as ContractSigned announces it (optional field of v1). */
export class ContractMilestoneV1 {
  @IsInt() @Min(1) sequence: number;
  @IsString() @IsNotEmpty() @MaxLength(300) title: string;
  /** Last day for the deliverables: a Beijing date within the term. */
  @Matches(DATE) dueOn: string;
  @IsInt() @Min(1) amountFen: number;
}

/**
 * A government purchase-of-services contract with a social organization was signed (Order 102 Art. 23: written,
 * publicly announced). Undertaking government purchases is credit information (Order 60 Art. 7). Money in integer
 * fen. Civil dates (`YYYY-MM-DD`) are dates in China Standard Time (Asia/Shanghai, UTC+8); instants are ISO 8601 in
 * UTC. Key: the supplier's USCC.
 */
export class ContractSignedV1 {
  @IsUUID() contractId: string;
  @Matches(USCC_FORMAT) supplierUscc: string;
  /** The purchasing organ's registered name (from purchasing's organ registry since the registry exists). */
  @IsString() @IsNotEmpty() @MaxLength(200) purchaser: string;
  /**
   * The registered purchasing organ that signed (its unit id, the token claim `unit_id`; purchasing.organ.v1), and
   * its jurisdiction (6-digit division code). Added in v1 as optional fields: absent on contracts signed before the
   * organ registry.
   */
  @IsOptional() @Matches(ORGAN_UNIT_ID_FORMAT) purchaserUnitId?: string;
  @IsOptional() @Matches(/^\d{6}$/) purchaserJurisdiction?: string;
  @IsString() @IsNotEmpty() @MaxLength(300) title: string;
  @IsIn(PURCHASE_METHODS) method: (typeof PURCHASE_METHODS)[number];
  @IsInt() @Min(1) valueFen: number;
  /** First day of the term, inclusive: a Beijing date (the term starts at 00:00 Beijing time, 16:00 UTC the day before). */
  @Matches(DATE) termStart: string;
  /** Last day of the term, inclusive: a Beijing date (the term ends at 24:00 Beijing time). */
  @Matches(DATE) termEnd: string;
  /** The instant of signing (UTC); its Beijing date is the contract's date. */
  @IsISO8601({ strict: true }) signedAt: string;
  /**
   * `purchasing/<jurisdiction>@v<version>` of the purchasing rule set applied: the most specific one covering the
   * purchaser's jurisdiction in force on the Beijing date of signing (before local rule sets: `purchasing/order-102@2020-03-01`).
   */
  @IsString() @IsNotEmpty() @MaxLength(100) ruleVersion: string;
  /**
   * Added in v1 as optional fields (issue 11): the procurement and OCDS contracting process the contract was awarded
   * in (absent for a contract recorded stand-alone), and its milestones (amounts summing to valueFen; absent on
   * contracts signed before milestones, which are paid against one implicit milestone of the whole value).
   */
  @IsOptional() @IsUUID() procurementId?: string;
  @IsOptional() @Matches(OCID) ocid?: string;
  @IsOptional() @IsArray() @ArrayMaxSize(100) @ValidateNested({ each: true }) @Type(() => ContractMilestoneV1) milestones?: ContractMilestoneV1[];
  /**
   * Optional (issue 11 item 5): NOT_EVALUATED when the supplier is outside civil-affairs registration (USCC not starting
   * with 5; Order 102 Art. 6 admits it, the purchaser attests its eligibility); absent: evaluated as before.
   */
  @IsOptional() @IsIn(['NOT_EVALUATED']) supplierEligibility?: 'NOT_EVALUATED';
  /** Optional: a stand-alone contract the purchaser declared a public service (Order 102 Art. 9), or not. */
  @IsOptional() @IsBoolean() publicService?: boolean;
}

export const ContractSigned: EventContractDefinition<ContractSignedV1> = {
  type: 'purchasing.contract.signed',
  topic: 'purchasing.contract.v1',
  version: 1,
  payload: ContractSignedV1,
  description: 'A purchase-of-services contract was signed (with a social organization, or a stand-alone contract with another supplier Order 102 Art. 6 admits).',
};

/** The purchaser assessed the supplier's performance of a contract (performance management and acceptance). */
export class ContractPerformanceAssessedV1 {
  @IsUUID() assessmentId: string;
  @IsUUID() contractId: string;
  @Matches(USCC_FORMAT) supplierUscc: string;
  @IsString() @IsNotEmpty() @MaxLength(200) purchaser: string;
  @IsIn(PERFORMANCE_OUTCOMES) outcome: (typeof PERFORMANCE_OUTCOMES)[number];
  /** Performance score out of 100. */
  @IsInt() @Min(0) @Max(100) score: number;
  /** The supplier breached the contract (failed obligations the contract names). */
  @IsBoolean() breach: boolean;
  @IsString() @IsNotEmpty() @MaxLength(1000) summary: string;
  /** The instant of the assessment (UTC); the term had started by its Beijing date. */
  @IsISO8601({ strict: true }) assessedAt: string;
  /**
   * `purchasing/<jurisdiction>@v<version>`: the purchasing rule set applied — the most specific one covering the
   * contract's purchaser in force on the Beijing date of the assessment.
   */
  @IsString() @IsNotEmpty() @MaxLength(100) ruleVersion: string;
}

export const ContractPerformanceAssessed: EventContractDefinition<ContractPerformanceAssessedV1> = {
  type: 'purchasing.contract.performance-assessed',
  topic: 'purchasing.contract.v1',
  version: 1,
  payload: ContractPerformanceAssessedV1,
  description: "The purchaser's assessment of a supplier's performance of a purchase-of-services contract.",
};
