import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsISO8601, IsNotEmpty, IsNumber, IsOptional, IsString, IsUUID, Matches, MaxLength, Min, ValidateNested } from 'class-validator';
import { USCC_FORMAT } from '@sop/util';
import type { EventContractDefinition } from '../shared/contract-types';
import { PURCHASE_METHODS } from './contract-events.v1';
import { ORGAN_UNIT_ID_FORMAT } from './organ-events.v1';

/**
 * Venture philanthropy (公益创投, regulations §7.3): a round announced by a purchasing organ with themes and a fund,
 * proposals designed by organizations, the panel's review and the selection of several projects, each of which
 * becomes a contract (purchasing.contract.v1 ContractSigned) paid in instalments by project stage. All on
 * purchasing.venture-philanthropy.v1; key: the round id. Civil dates are Beijing dates; instants ISO 8601 UTC.
 */
const TOPIC = 'purchasing.venture-philanthropy.v1';
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class VentureRoundAnnouncedV1 {
  @IsUUID() roundId: string;
  @Matches(ORGAN_UNIT_ID_FORMAT) organUnitId: string;
  @Matches(/^\d{6}$/) organJurisdiction: string;
  @IsUUID() budgetLineId: string;
  @IsString() @IsNotEmpty() @MaxLength(300) title: string;
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(20) @IsString({ each: true }) themes: string[];
  @IsInt() @Min(1) fundFen: number;
  @IsInt() @Min(1) perProjectCapFen: number;
  @IsIn(PURCHASE_METHODS) method: (typeof PURCHASE_METHODS)[number];
  @IsISO8601({ strict: true }) proposalDeadline: string;
  @Matches(DATE) cycleStart: string;
  @Matches(DATE) cycleEnd: string;
  /** The round's eligibility rules as data, with their version (regulations §7.3). */
  @IsString() @IsNotEmpty() @MaxLength(100) eligibilityVersion: string;
  @IsISO8601({ strict: true }) announcedAt: string;
}

export const VentureRoundAnnounced: EventContractDefinition<VentureRoundAnnouncedV1> = {
  type: 'purchasing.venture-philanthropy.round-announced',
  topic: TOPIC,
  version: 1,
  payload: VentureRoundAnnouncedV1,
  description: 'A venture-philanthropy round was announced: themes, fund (committed on the budget line), per-project cap, eligibility rules, proposal deadline and cycle (regulations §7.3).',
};

export class VentureProposalSubmittedV1 {
  @IsUUID() roundId: string;
  @IsUUID() proposalId: string;
  @Matches(USCC_FORMAT) uscc: string;
  @IsString() @IsNotEmpty() @MaxLength(100) theme: string;
  @IsString() @IsNotEmpty() @MaxLength(300) title: string;
  @IsInt() @Min(1) budgetFen: number;
  @IsInt() @Min(1) stageCount: number;
  @IsISO8601({ strict: true }) submittedAt: string;
}

export const VentureProposalSubmitted: EventContractDefinition<VentureProposalSubmittedV1> = {
  type: 'purchasing.venture-philanthropy.proposal-submitted',
  topic: TOPIC,
  version: 1,
  payload: VentureProposalSubmittedV1,
  description: 'An organization submitted a project proposal it designed within a theme of the round (budget and stages).',
};

export class VentureProposalVerdictV1 {
  @IsUUID() proposalId: string;
  @Matches(USCC_FORMAT) uscc: string;
  @IsBoolean() eligible: boolean;
  @IsArray() @IsString({ each: true }) failedRules: string[];
  /** The panel's total (null: not scored, being ineligible). */
  @IsOptional() @IsNumber() total: number | null;
  @IsOptional() @IsInt() rank: number | null;
}

export class VentureProposalsReviewedV1 {
  @IsUUID() roundId: string;
  @IsString() @IsNotEmpty() ruleVersion: string;
  @IsString() @IsNotEmpty() eligibilityVersion: string;
  @IsISO8601({ strict: true }) asOf: string;
  @IsArray() @ValidateNested({ each: true }) @Type(() => VentureProposalVerdictV1) proposals: VentureProposalVerdictV1[];
  @IsISO8601({ strict: true }) reviewedAt: string;
}

export const VentureProposalsReviewed: EventContractDefinition<VentureProposalsReviewedV1> = {
  type: 'purchasing.venture-philanthropy.proposals-reviewed',
  topic: TOPIC,
  version: 1,
  payload: VentureProposalsReviewedV1,
  description: "The review of a round's proposals: eligibility as of the proposal deadline (each rule frozen with its evidence) and the panel's scores per criterion for the eligible ones.",
};

export class VentureSelectedProjectV1 {
  @IsUUID() proposalId: string;
  @Matches(USCC_FORMAT) uscc: string;
  @IsUUID() contractId: string;
  @IsInt() @Min(1) budgetFen: number;
  @IsInt() @Min(1) rank: number;
}

export class VentureProjectsSelectedV1 {
  @IsUUID() roundId: string;
  @IsArray() @ArrayMinSize(1) @ValidateNested({ each: true }) @Type(() => VentureSelectedProjectV1) projects: VentureSelectedProjectV1[];
  @IsInt() @Min(0) selectedFen: number;
  /** The fund not selected, released from the budget line's commitment. */
  @IsInt() @Min(0) releasedFen: number;
  @IsArray() @ArrayMinSize(1) @IsString({ each: true }) reasons: string[];
  @IsString() @IsNotEmpty() ruleVersion: string;
  @IsISO8601({ strict: true }) selectedAt: string;
}

export const VentureProjectsSelected: EventContractDefinition<VentureProjectsSelectedV1> = {
  type: 'purchasing.venture-philanthropy.projects-selected',
  topic: TOPIC,
  version: 1,
  payload: VentureProjectsSelectedV1,
  description: 'Projects selected within the fund, each with eligibility re-checked and frozen and its contract (instalments by project stage); the rest of the fund released.',
};

export const VENTURE_PHILANTHROPY_CONTRACTS: EventContractDefinition[] = [VentureRoundAnnounced, VentureProposalSubmitted, VentureProposalsReviewed, VentureProjectsSelected];
