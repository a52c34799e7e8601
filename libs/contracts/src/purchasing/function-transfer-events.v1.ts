import { ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsISO8601, IsNotEmpty, IsObject, IsOptional, IsString, IsUUID, Matches, MaxLength, Min } from 'class-validator';
import { USCC_FORMAT } from '@sop/util';
import type { EventContractDefinition } from '../shared/contract-types';
import { ORGAN_UNIT_ID_FORMAT } from './organ-events.v1';

/**
 * Transfer of government functions to social organizations (regulations §8, issue 12): the transferring
 * department's catalogue, civil affairs' qualification of undertakers, transfer agreements, cases under them (the
 * association's first review, the department's decision), take-back and self-regulation records. All on
 * purchasing.function-transfer.v1; key: the catalogue item, qualification, agreement or case id (self-regulation:
 * the organization's USCC). Civil dates YYYY-MM-DD are Beijing dates; instants ISO 8601 UTC.
 */
const TOPIC = 'purchasing.function-transfer.v1';
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DIVISION = /^\d{6}$/;

/** One stage at a time (regulations §8: "one mature, one transferred, one undertaken"); REVOKED from any stage. */
export const FUNCTION_STAGES = ['IDENTIFIED', 'PILOT', 'TRANSFERRED', 'UNDERTAKEN', 'REVOKED'] as const;
export type FunctionStage = (typeof FUNCTION_STAGES)[number];
/** Kinds of act a transferred function consists of (issue 12 item 1). */
export const KINDS_OF_ACT = ['FIRST_REVIEW', 'INSPECTION_ASSISTANCE', 'CERTIFICATION', 'STATISTICS', 'TRAINING', 'STANDARD_SETTING', 'OTHER'] as const;
export type KindOfAct = (typeof KINDS_OF_ACT)[number];
/** Transfer modes (regulations §8 item 3). */
export const TRANSFER_MODES = ['DIRECT', 'COMMISSIONED', 'PURCHASED'] as const;
export type TransferMode = (typeof TRANSFER_MODES)[number];
export const FIRST_REVIEW_RECOMMENDATIONS = ['APPROVE', 'APPROVE_WITH_CONDITIONS', 'REFUSE'] as const;
export type FirstReviewRecommendation = (typeof FIRST_REVIEW_RECOMMENDATIONS)[number];
export const QUALIFICATION_SUSPENSION_CAUSES = ['LISTED', 'REVOKED', 'DEREGISTERED'] as const;
export const SELF_REGULATION_KINDS = ['PLEDGE', 'SIGNATURE', 'PATROL', 'RECTIFICATION'] as const;
export type SelfRegulationKind = (typeof SELF_REGULATION_KINDS)[number];

export class FunctionStageMovedV1 {
  @IsUUID() itemId: string;
  @Matches(ORGAN_UNIT_ID_FORMAT) departmentUnitId: string;
  @Matches(DIVISION) jurisdiction: string;
  @IsString() @IsNotEmpty() @MaxLength(60) functionArea: string;
  @IsString() @IsNotEmpty() @MaxLength(300) title: string;
  @IsIn(KINDS_OF_ACT) kindOfAct: KindOfAct;
  /** null when the item is identified (entered in the catalogue). */
  @IsOptional() @IsIn(FUNCTION_STAGES) from: FunctionStage | null;
  @IsIn(FUNCTION_STAGES) to: FunctionStage;
  @IsOptional() @IsString() @MaxLength(500) legalBasis: string | null;
  @IsString() @IsNotEmpty() @MaxLength(1000) reason: string;
  @IsString() @IsNotEmpty() @MaxLength(200) movedBy: string;
  @IsISO8601({ strict: true }) movedAt: string;
  @IsString() @IsNotEmpty() @MaxLength(100) ruleVersion: string;
}

export const FunctionStageMoved: EventContractDefinition<FunctionStageMovedV1> = {
  type: 'purchasing.function-transfer.stage-moved',
  topic: TOPIC,
  version: 1,
  payload: FunctionStageMovedV1,
  description: 'A catalogue item of transferable functions was identified or moved one stage (IDENTIFIED → PILOT → TRANSFERRED → UNDERTAKEN, or REVOKED), with who and why (regulations §8).',
};

export class UndertakerQualificationGrantedV1 {
  @IsUUID() qualificationId: string;
  @Matches(USCC_FORMAT) uscc: string;
  @Matches(DIVISION) jurisdiction: string;
  @Matches(DATE) validFrom: string;
  @Matches(DATE) validTo: string;
  /** Each rule with its outcome and the facts it read, frozen at the grant. */
  @IsObject() evidence: Record<string, unknown>;
  @IsString() @IsNotEmpty() @MaxLength(100) ruleVersion: string;
  @IsString() @IsNotEmpty() @MaxLength(200) grantedBy: string;
  @IsISO8601({ strict: true }) grantedAt: string;
}

export const UndertakerQualificationGranted: EventContractDefinition<UndertakerQualificationGrantedV1> = {
  type: 'purchasing.function-transfer.qualification-granted',
  topic: TOPIC,
  version: 1,
  payload: UndertakerQualificationGrantedV1,
  description: 'Civil affairs entered an organization in the catalogue of organizations qualified to undertake transferred functions, for a period, with the evidence frozen (regulations §8).',
};

export class UndertakerQualificationSuspendedV1 {
  @IsUUID() qualificationId: string;
  @Matches(USCC_FORMAT) uscc: string;
  @IsIn(QUALIFICATION_SUSPENSION_CAUSES) cause: string;
  /** The event that caused it (credit's joint measures, registration's revocation or deregistration) and its facts. */
  @IsObject() evidence: Record<string, unknown>;
  @IsISO8601({ strict: true }) suspendedAt: string;
}

export const UndertakerQualificationSuspended: EventContractDefinition<UndertakerQualificationSuspendedV1> = {
  type: 'purchasing.function-transfer.qualification-suspended',
  topic: TOPIC,
  version: 1,
  payload: UndertakerQualificationSuspendedV1,
  description: 'A qualification was suspended automatically because the organization was listed (abnormal or serious list), revoked or deregistered.',
};

export class TransferAgreementConcludedV1 {
  @IsUUID() agreementId: string;
  @IsUUID() itemId: string;
  @Matches(ORGAN_UNIT_ID_FORMAT) departmentUnitId: string;
  @Matches(USCC_FORMAT) uscc: string;
  @IsUUID() qualificationId: string;
  @Matches(DIVISION) area: string;
  @IsIn(TRANSFER_MODES) mode: TransferMode;
  @IsOptional() @IsUUID() procurementId: string | null;
  @IsInt() @Min(0) valueFen: number;
  @Matches(DATE) termStart: string;
  @Matches(DATE) termEnd: string;
  @IsInt() @Min(1) firstReviewWorkingDays: number;
  @IsString() @IsNotEmpty() @MaxLength(200) supervisor: string;
  @IsISO8601({ strict: true }) concludedAt: string;
}

export const TransferAgreementConcluded: EventContractDefinition<TransferAgreementConcludedV1> = {
  type: 'purchasing.function-transfer.agreement-concluded',
  topic: TOPIC,
  version: 1,
  payload: TransferAgreementConcludedV1,
  description: 'A department concluded a transfer agreement with a qualified organization for one catalogue item and an area (DIRECT, COMMISSIONED or PURCHASED).',
};

export class TransferAgreementTakenBackV1 {
  @IsUUID() agreementId: string;
  @Matches(USCC_FORMAT) uscc: string;
  @Matches(ORGAN_UNIT_ID_FORMAT) departmentUnitId: string;
  @IsIn(['SUSPENDED', 'REVOKED']) action: 'SUSPENDED' | 'REVOKED';
  /** A revocation for cause is credit information about the organization (regulations §8 item 4). */
  @IsBoolean() forCause: boolean;
  @IsArray() @ArrayMinSize(1) @IsString({ each: true }) @IsNotEmpty({ each: true }) reasons: string[];
  @IsString() @IsNotEmpty() @MaxLength(500) legalBasis: string;
  /** Cases that were in first review: they return to the department (none is lost). */
  @IsArray() @IsUUID('all', { each: true }) returnedCaseIds: string[];
  @IsString() @IsNotEmpty() @MaxLength(200) takenBy: string;
  @IsISO8601({ strict: true }) takenAt: string;
}

export const TransferAgreementTakenBack: EventContractDefinition<TransferAgreementTakenBackV1> = {
  type: 'purchasing.function-transfer.agreement-taken-back',
  topic: TOPIC,
  version: 1,
  payload: TransferAgreementTakenBackV1,
  description: 'The department suspended or revoked a transfer agreement (take-back), with reasons and legal basis; cases in first review returned to it.',
};

export class TransferCaseSubmittedV1 {
  @IsUUID() caseId: string;
  @IsUUID() agreementId: string;
  @Matches(USCC_FORMAT) uscc: string;
  @IsString() @IsNotEmpty() @MaxLength(100) matterKind: string;
  @Matches(DATE) firstReviewDue: string;
  @IsISO8601({ strict: true }) submittedAt: string;
}

export const TransferCaseSubmitted: EventContractDefinition<TransferCaseSubmittedV1> = {
  type: 'purchasing.function-transfer.case-submitted',
  topic: TOPIC,
  version: 1,
  payload: TransferCaseSubmittedV1,
  description: 'A business or resident submitted a matter under a transfer agreement; the first review is due by the date given.',
};

export class FirstReviewRecordedV1 {
  @IsUUID() caseId: string;
  @IsUUID() agreementId: string;
  @Matches(USCC_FORMAT) uscc: string;
  @IsIn(FIRST_REVIEW_RECOMMENDATIONS) recommendation: FirstReviewRecommendation;
  @IsArray() @ArrayMinSize(1) @IsString({ each: true }) reasons: string[];
  @IsBoolean() onTime: boolean;
  @IsISO8601({ strict: true }) reviewedAt: string;
}

export const FirstReviewRecorded: EventContractDefinition<FirstReviewRecordedV1> = {
  type: 'purchasing.function-transfer.first-review-recorded',
  topic: TOPIC,
  version: 1,
  payload: FirstReviewRecordedV1,
  description: "The undertaking association recorded its first review of a case (a recommendation with reasons); the department's decision follows.",
};

export class DepartmentDecisionRecordedV1 {
  @IsUUID() caseId: string;
  @IsUUID() agreementId: string;
  @Matches(USCC_FORMAT) uscc: string;
  @IsIn(['APPROVED', 'APPROVED_WITH_CONDITIONS', 'REFUSED']) decision: string;
  /** null when the case returned to the department without a first review. */
  @IsOptional() @IsIn(FIRST_REVIEW_RECOMMENDATIONS) firstReview: FirstReviewRecommendation | null;
  @IsBoolean() overridesFirstReview: boolean;
  @IsArray() @ArrayMinSize(1) @IsString({ each: true }) reasons: string[];
  @IsString() @IsNotEmpty() @MaxLength(200) decidedBy: string;
  @IsISO8601({ strict: true }) decidedAt: string;
}

export const DepartmentDecisionRecorded: EventContractDefinition<DepartmentDecisionRecordedV1> = {
  type: 'purchasing.function-transfer.department-decided',
  topic: TOPIC,
  version: 1,
  payload: DepartmentDecisionRecordedV1,
  description: "The transferring department's final decision on a case, confirming or overriding the association's first review with reasons.",
};

export class SelfRegulationRecordedV1 {
  @IsUUID() recordId: string;
  @Matches(USCC_FORMAT) uscc: string;
  @IsIn(SELF_REGULATION_KINDS) kind: SelfRegulationKind;
  @IsString() @IsNotEmpty() @MaxLength(300) summary: string;
  @IsISO8601({ strict: true }) recordedAt: string;
}

export const SelfRegulationRecorded: EventContractDefinition<SelfRegulationRecordedV1> = {
  type: 'purchasing.function-transfer.self-regulation-recorded',
  topic: TOPIC,
  version: 1,
  payload: SelfRegulationRecordedV1,
  description: "A public record of an association's self-regulation: a pledge version, a business's signature, a patrol log or a rectification proposal.",
};

export const FUNCTION_TRANSFER_CONTRACTS: EventContractDefinition[] = [
  FunctionStageMoved,
  UndertakerQualificationGranted,
  UndertakerQualificationSuspended,
  TransferAgreementConcluded,
  TransferAgreementTakenBack,
  TransferCaseSubmitted,
  FirstReviewRecorded,
  DepartmentDecisionRecorded,
  SelfRegulationRecorded,
];
