import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsISO8601, IsNotEmpty, IsNumber, IsOptional, IsString, IsUUID, Matches, MaxLength, Min, ValidateNested } from 'class-validator';
import { USCC_FORMAT } from '@sop/util';
import type { EventContractDefinition } from '../shared/contract-types';
import { PERFORMANCE_OUTCOMES } from './contract-events.v1';
import { ORGAN_UNIT_ID_FORMAT } from './organ-events.v1';

/**
 * Purchase modes beyond tenders (issue 11 item 4): entrusted operation of public facilities (公建民营) and the
 * government–social capital cooperation (PPP). Each runs on a contract of purchasing.contract.v1 (milestones,
 * acceptance, payments); these events say what the mode adds. Topic purchasing.purchase-modes.v1; key: the facility
 * or agreement id. Civil dates are Beijing dates; instants ISO 8601 UTC.
 */
const TOPIC = 'purchasing.purchase-modes.v1';
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export const FACILITY_KINDS = ['ELDERLY_CARE', 'CHILD_WELFARE', 'DISABILITY_SERVICE', 'COMMUNITY_CENTER', 'OTHER'] as const;
export type FacilityKind = (typeof FACILITY_KINDS)[number];
export const OPERATOR_BASES = ['PROCUREMENT_AWARD', 'LEGAL_BASIS'] as const;

export class FacilityEntrustedV1 {
  @IsUUID() facilityId: string;
  @Matches(ORGAN_UNIT_ID_FORMAT) ownerUnitId: string;
  @IsString() @IsNotEmpty() @MaxLength(200) name: string;
  @IsIn(FACILITY_KINDS) kind: FacilityKind;
  @IsInt() @Min(1) capacity: number;
  @Matches(USCC_FORMAT) operatorUscc: string;
  @IsUUID() contractId: string;
  @IsIn(OPERATOR_BASES) basis: (typeof OPERATOR_BASES)[number];
  @IsOptional() @IsUUID() procurementId?: string;
  @IsOptional() @IsString() @MaxLength(500) legalBasis?: string;
  @Matches(DATE) termStart: string;
  @Matches(DATE) termEnd: string;
  /** Subsidy periods (the contract's milestones) and their total. */
  @IsInt() @Min(1) periods: number;
  @IsInt() @Min(1) subsidyFen: number;
  @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) indicators: string[];
  @IsISO8601({ strict: true }) entrustedAt: string;
}

export const FacilityEntrusted: EventContractDefinition<FacilityEntrustedV1> = {
  type: 'purchasing.purchase-modes.facility-entrusted',
  topic: TOPIC,
  version: 1,
  payload: FacilityEntrustedV1,
  description: 'A public facility was entrusted to an operator (公建民营): the operator (from a procurement award or a legal basis), the term, fees, subsidies per period and the service indicators checked each period.',
};

export class IndicatorResultV1 {
  @IsString() @IsNotEmpty() @MaxLength(100) indicator: string;
  @IsNumber() value: number;
  @IsBoolean() met: boolean;
}

export class FacilityPeriodCheckedV1 {
  @IsUUID() facilityId: string;
  @IsUUID() contractId: string;
  @Matches(USCC_FORMAT) operatorUscc: string;
  @IsInt() @Min(1) period: number;
  @IsUUID() acceptanceId: string;
  @IsBoolean() passed: boolean;
  @IsNumber() score: number;
  @IsIn(PERFORMANCE_OUTCOMES) band: (typeof PERFORMANCE_OUTCOMES)[number];
  @IsArray() @ValidateNested({ each: true }) @Type(() => IndicatorResultV1) results: IndicatorResultV1[];
  @IsISO8601({ strict: true }) checkedAt: string;
}

export const FacilityPeriodChecked: EventContractDefinition<FacilityPeriodCheckedV1> = {
  type: 'purchasing.purchase-modes.facility-period-checked',
  topic: TOPIC,
  version: 1,
  payload: FacilityPeriodCheckedV1,
  description: "A period's check of an entrusted facility's service indicators, recorded as the acceptance of that period's subsidy milestone: passed or failed (a failed check withholds the period's subsidy) with its band.",
};

export class PppAgreementSignedV1 {
  @IsUUID() agreementId: string;
  @IsUUID() contractId: string;
  @Matches(ORGAN_UNIT_ID_FORMAT) organUnitId: string;
  @Matches(USCC_FORMAT) partnerUscc: string;
  @IsString() @IsNotEmpty() @MaxLength(300) projectName: string;
  @Matches(DATE) termStart: string;
  @Matches(DATE) termEnd: string;
  @IsInt() @Min(1) years: number;
  @IsInt() @Min(1) availabilityPayments: number;
  @IsInt() @Min(1) totalFen: number;
  @IsString() @IsNotEmpty() @MaxLength(500) approval: string;
  @IsString() @IsNotEmpty() @MaxLength(100) ruleVersion: string;
  @IsISO8601({ strict: true }) signedAt: string;
}

export const PppAgreementSigned: EventContractDefinition<PppAgreementSignedV1> = {
  type: 'purchasing.purchase-modes.ppp-agreement-signed',
  topic: TOPIC,
  version: 1,
  payload: PppAgreementSignedV1,
  description: 'A government–social capital cooperation (PPP) agreement: a long-term contract with availability payments per year as milestones, each accepted on the year\'s performance.',
};

export const PURCHASE_MODE_CONTRACTS: EventContractDefinition[] = [FacilityEntrusted, FacilityPeriodChecked, PppAgreementSigned];
