import { Type } from 'class-transformer';
import { ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsISO8601, IsNotEmpty, IsNumber, IsString, IsUUID, Matches, MaxLength, Min, ValidateNested } from 'class-validator';
import type { EventContractDefinition } from '../shared/contract-types';
import { USCC_FORMAT } from '@sop/util';
import { OCID_FORMAT } from './procurement-events.v1';

const TOPIC = 'purchasing.procurement.v1';

/** One bidder's verdict in an eligibility evaluation: eligible, and the rules it failed (the evidence is kept by purchasing). */
export class BidderEligibilityV1 {
  @Matches(USCC_FORMAT) bidderUscc: string;
  @IsBoolean() eligible: boolean;
  /** REGISTERED_AND_ACTIVE, NOT_BARRED_FROM_PURCHASE, NO_MAJOR_VIOLATION, ANNUAL_REPORT, MINIMUM_GRADE. */
  @IsArray() @IsString({ each: true }) failedRules: string[];
}

/**
 * The bidders' eligibility was evaluated and frozen, at the bid deadline (recorded once the deadline has passed, when
 * the bids are first opened or scored) or at award (in the award transaction). Each rule's evidence is in the record
 * (GET the award); the event names the verdicts, the rule set version and the as-of instant.
 */
export class EligibilityEvaluatedV1 {
  @IsUUID() procurementId: string;
  @Matches(OCID_FORMAT) ocid: string;
  @IsIn(['DEADLINE', 'AWARD']) stage: 'DEADLINE' | 'AWARD';
  @IsISO8601({ strict: true }) asOf: string;
  @IsString() @IsNotEmpty() @MaxLength(100) ruleVersion: string;
  @IsArray() @ValidateNested({ each: true }) @Type(() => BidderEligibilityV1) bidders: BidderEligibilityV1[];
  @IsISO8601({ strict: true }) recordedAt: string;
}

export const EligibilityEvaluated: EventContractDefinition<EligibilityEvaluatedV1> = {
  type: 'purchasing.procurement.eligibility-evaluated',
  topic: TOPIC,
  version: 1,
  payload: EligibilityEvaluatedV1,
  description: 'The eligibility of the bidders was evaluated and frozen, at the bid deadline or at award (verdicts, rule set version, as-of instant).',
};

export class BidTotalV1 {
  @Matches(USCC_FORMAT) bidderUscc: string;
  @IsNumber() total: number;
  @IsInt() @Min(1) rank: number;
  @IsBoolean() priority: boolean;
}

/** The evaluation panel's scores were recorded (totals and ranks; the marks per criterion are in the record). */
export class BidsScoredV1 {
  @IsUUID() procurementId: string;
  @Matches(OCID_FORMAT) ocid: string;
  @IsString() @IsNotEmpty() @MaxLength(100) ruleVersion: string;
  @IsArray() @ArrayMinSize(1) @ValidateNested({ each: true }) @Type(() => BidTotalV1) bids: BidTotalV1[];
  @IsISO8601({ strict: true }) scoredAt: string;
}

export const BidsScored: EventContractDefinition<BidsScoredV1> = {
  type: 'purchasing.procurement.bids-scored',
  topic: TOPIC,
  version: 1,
  payload: BidsScoredV1,
  description: 'The evaluation panel scored the eligible bids (totals, ranks, priority under equal conditions).',
};

/** The award notice: the winner, its total and price, the reasons and the standstill period. */
export class ProcurementAwardedV1 {
  @IsUUID() procurementId: string;
  @Matches(OCID_FORMAT) ocid: string;
  @IsUUID() bidId: string;
  @Matches(USCC_FORMAT) supplierUscc: string;
  @IsInt() @Min(1) priceFen: number;
  @IsNumber() total: number;
  @IsArray() @ArrayMinSize(1) @IsString({ each: true }) @IsNotEmpty({ each: true }) reasons: string[];
  @IsInt() @Min(0) bidCount: number;
  @IsString() @IsNotEmpty() @MaxLength(100) ruleVersion: string;
  @IsISO8601({ strict: true }) awardedAt: string;
  @IsISO8601({ strict: true }) standstillEndsAt: string;
}

export const ProcurementAwarded: EventContractDefinition<ProcurementAwardedV1> = {
  type: 'purchasing.procurement.awarded',
  topic: TOPIC,
  version: 1,
  payload: ProcurementAwardedV1,
  description: 'A procurement was awarded (award notice): winner, price, total, reasons and the standstill period.',
};
