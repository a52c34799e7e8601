import { Type } from 'class-transformer';
import { ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsISO8601, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { USCC_FORMAT } from '@sop/util';
import type { EventContractDefinition } from '../shared/contract-types';
import { EVALUATION_GRADES, type EvaluationGrade } from './grade-events.v1';

/**
 * The evaluation procedure (社会组织评估, regulations §6: notice → eligibility → field assessment and preliminary
 * opinion → committee → public notice → review → announcement and certificate), one event per step. They share the
 * topic of the grade events, keyed by the organization's USCC, so an auditor reads a procedure's steps and the
 * GradeAwarded / GradeAdjusted they lead to in one order per organization. Experts appear only by pseudonym
 * ("expert 1") outside the committee; civil dates are Beijing dates `YYYY-MM-DD`.
 */
const TOPIC = 'evaluation.grade.v1';
const DATE = /^\d{4}-\d{2}-\d{2}$/;
export const PROCEDURE_KINDS = ['EVALUATION', 'RE_EVALUATION', 'TRACKING'] as const;
export type ProcedureKind = (typeof PROCEDURE_KINDS)[number];

class ProcedureEventBase {
  @IsUUID() procedureId: string;
  @Matches(USCC_FORMAT) uscc: string;
  /** The national rule set (`evaluation/order-39@v1`, `evaluation/measures-2026@v1`) whose procedure rules apply. */
  @IsString() @IsNotEmpty() @MaxLength(100) ruleVersion: string;
}

export class EvaluationAppliedV1 extends ProcedureEventBase {
  @IsIn(PROCEDURE_KINDS) kind: ProcedureKind;
  @IsISO8601({ strict: true }) appliedAt: string;
  /** The indicator framework the experts score (`evaluation-indicators/<division>/<form>@v<n>`). */
  @IsString() @MaxLength(120) frameworkVersion: string;
  /** National variant (民发〔2021〕96号): the eligibility review's last day (10 working days). */
  @IsOptional() @Matches(DATE) eligibilityReviewDueOn?: string;
}
export const EvaluationApplied: EventContractDefinition<EvaluationAppliedV1> = {
  type: 'evaluation.procedure.applied', topic: TOPIC, version: 1, payload: EvaluationAppliedV1,
  description: 'An organization applied for evaluation (voluntary under the 2026 measures), or civil affairs opened a tracking evaluation of a sampled 4A+ organization.',
};

export class EligibilityCheckV1 {
  @IsString() @MaxLength(80) rule: string;
  @IsBoolean() passed: boolean;
  @IsString() @MaxLength(1000) evidence: string;
}
export class EvaluationEligibilityReviewedV1 extends ProcedureEventBase {
  @IsBoolean() eligible: boolean;
  @IsArray() @ValidateNested({ each: true }) @Type(() => EligibilityCheckV1) checks: EligibilityCheckV1[];
  @IsISO8601({ strict: true }) reviewedAt: string;
  /** Reviewed after the 10-working-day deadline of the national variant. */
  @IsBoolean() late: boolean;
  /** National variant: the field opinion's last day (7 working days), when eligible. */
  @IsOptional() @Matches(DATE) fieldOpinionDueOn?: string;
}
export const EvaluationEligibilityReviewed: EventContractDefinition<EvaluationEligibilityReviewedV1> = {
  type: 'evaluation.procedure.eligibility-reviewed', topic: TOPIC, version: 1, payload: EvaluationEligibilityReviewedV1,
  description: "The evaluation office's eligibility review: each rule's pass/fail with its evidence.",
};

export class EvaluationExpertsAssignedV1 extends ProcedureEventBase {
  /** Pseudonyms only ("expert 1", "expert 2", ...). */
  @IsArray() @ArrayMinSize(1) @IsString({ each: true }) experts: string[];
  @IsISO8601({ strict: true }) assignedAt: string;
}
export const EvaluationExpertsAssigned: EventContractDefinition<EvaluationExpertsAssignedV1> = {
  type: 'evaluation.procedure.experts-assigned', topic: TOPIC, version: 1, payload: EvaluationExpertsAssignedV1,
  description: 'An expert group was assigned, none of its experts declared linked to the organization (recusal).',
};

export class EvaluationFieldAssessedV1 extends ProcedureEventBase {
  @IsISO8601({ strict: true }) assessedAt: string;
  @IsBoolean() late: boolean;
  /** National variant: the evaluation report's last day (30 days after the field work). */
  @IsOptional() @Matches(DATE) reportDueOn?: string;
}
export const EvaluationFieldAssessed: EventContractDefinition<EvaluationFieldAssessedV1> = {
  type: 'evaluation.procedure.field-assessed', topic: TOPIC, version: 1, payload: EvaluationFieldAssessedV1,
  description: "The expert group's field assessment took place.",
};

export class IndicatorScoreV1 {
  @IsString() @MaxLength(40) indicator: string;
  @IsInt() @Min(0) @Max(1000) points: number;
}
export class EvaluationIndicatorsScoredV1 extends ProcedureEventBase {
  @IsString() @MaxLength(40) expert: string;
  @IsArray() @ValidateNested({ each: true }) @Type(() => IndicatorScoreV1) scores: IndicatorScoreV1[];
  @IsInt() @Min(0) @Max(100) bonus: number;
  @IsISO8601({ strict: true }) scoredAt: string;
}
export const EvaluationIndicatorsScored: EventContractDefinition<EvaluationIndicatorsScoredV1> = {
  type: 'evaluation.procedure.indicators-scored', topic: TOPIC, version: 1, payload: EvaluationIndicatorsScoredV1,
  description: "One expert's score sheet: points per indicator (each at most the indicator's maximum) and the local bonus.",
};

export class EvaluationPreliminaryOpinionGivenV1 extends ProcedureEventBase {
  /** The aggregation method and its version (`MEAN_PER_INDICATOR@v1`): the same sheets always give the same total. */
  @IsString() @MaxLength(60) aggregation: string;
  @IsInt() @Min(0) @Max(1100) total: number;
  @IsOptional() @IsIn(EVALUATION_GRADES) proposedGrade?: EvaluationGrade;
  @IsString() @MaxLength(2000) opinion: string;
  @IsISO8601({ strict: true }) givenAt: string;
  @IsBoolean() late: boolean;
}
export const EvaluationPreliminaryOpinionGiven: EventContractDefinition<EvaluationPreliminaryOpinionGivenV1> = {
  type: 'evaluation.procedure.preliminary-opinion-given', topic: TOPIC, version: 1, payload: EvaluationPreliminaryOpinionGivenV1,
  description: "The expert group's evaluation report: the aggregated total and the proposed grade from the cut-offs.",
};

export class EvaluationCommitteeDecidedV1 extends ProcedureEventBase {
  @IsIn(EVALUATION_GRADES) grade: EvaluationGrade;
  @IsInt() @Min(0) @Max(1100) total: number;
  @IsInt() @Min(1) members: number;
  @IsInt() @Min(0) present: number;
  @IsInt() @Min(0) inFavour: number;
  @IsOptional() @IsString() @MaxLength(100) localRuleVersion?: string;
  @IsISO8601({ strict: true }) decidedAt: string;
}
export const EvaluationCommitteeDecided: EventContractDefinition<EvaluationCommitteeDecidedV1> = {
  type: 'evaluation.procedure.committee-decided', topic: TOPIC, version: 1, payload: EvaluationCommitteeDecidedV1,
  description: "The evaluation committee's final meeting decided the grade (quorum 2/3, named vote, majority of all members).",
};

export class EvaluationNoticePublishedV1 extends ProcedureEventBase {
  @IsIn(EVALUATION_GRADES) grade: EvaluationGrade;
  @IsISO8601({ strict: true }) publishedAt: string;
  /** The last day of the public notice (公示); review requests are received until 24:00 Beijing time of it. */
  @Matches(DATE) noticeEndsOn: string;
  /** Written notice to the organization (Order 39 procedure step 5). */
  @IsISO8601({ strict: true }) writtenNoticeAt: string;
}
export const EvaluationNoticePublished: EventContractDefinition<EvaluationNoticePublishedV1> = {
  type: 'evaluation.procedure.notice-published', topic: TOPIC, version: 1, payload: EvaluationNoticePublishedV1,
  description: 'The proposed grade was put on public notice (公示) and the organization notified in writing.',
};

export class EvaluationReviewRequestedV1 extends ProcedureEventBase {
  @IsUUID() reviewId: string;
  @IsISO8601({ strict: true }) requestedAt: string;
  /** The review decision's written notice is due by this day (15 days, Order 39 Art. 23). */
  @IsOptional() @Matches(DATE) decisionDueOn?: string;
}
export const EvaluationReviewRequested: EventContractDefinition<EvaluationReviewRequestedV1> = {
  type: 'evaluation.procedure.review-requested', topic: TOPIC, version: 1, payload: EvaluationReviewRequestedV1,
  description: 'The organization requested a review in writing during the public notice (Order 39 Art. 20).',
};

export class EvaluationReviewDecidedV1 extends ProcedureEventBase {
  @IsUUID() reviewId: string;
  /** REVIEW_COMMITTEE (Order 39) or EVALUATION_COMMITTEE (2026 measures). */
  @IsIn(['REVIEW_COMMITTEE', 'EVALUATION_COMMITTEE']) body: string;
  @IsIn(EVALUATION_GRADES) previousGrade: EvaluationGrade;
  @IsIn(EVALUATION_GRADES) grade: EvaluationGrade;
  @IsInt() @Min(0) @Max(1100) total: number;
  @IsInt() @Min(1) members: number;
  @IsInt() @Min(0) inFavour: number;
  @IsISO8601({ strict: true }) decidedAt: string;
  @IsISO8601({ strict: true }) notifiedAt: string;
  @IsBoolean() late: boolean;
}
export const EvaluationReviewDecided: EventContractDefinition<EvaluationReviewDecidedV1> = {
  type: 'evaluation.procedure.review-decided', topic: TOPIC, version: 1, payload: EvaluationReviewDecidedV1,
  description: 'The review was decided by named vote (majority of all members) and notified in writing; it may change the grade.',
};

export class EvaluationAnnouncedV1 extends ProcedureEventBase {
  @IsUUID() gradeId: string;
  @IsIn(EVALUATION_GRADES) grade: EvaluationGrade;
  @IsISO8601({ strict: true }) announcedAt: string;
}
export const EvaluationAnnounced: EventContractDefinition<EvaluationAnnouncedV1> = {
  type: 'evaluation.procedure.announced', topic: TOPIC, version: 1, payload: EvaluationAnnouncedV1,
  description: 'Civil affairs announced the result; the grade is the GradeAwarded with this gradeId (published just before).',
};

export class CertificateIssuedV1 {
  @IsUUID() certificateId: string;
  @Matches(USCC_FORMAT) uscc: string;
  @IsUUID() gradeId: string;
  @IsOptional() @IsUUID() procedureId?: string;
  @IsIn(EVALUATION_GRADES) grade: EvaluationGrade;
  @IsString() @MaxLength(40) certificateNumber: string;
  @IsString() @MaxLength(40) plaqueNumber: string;
  @IsISO8601({ strict: true }) issuedAt: string;
}
export const CertificateIssued: EventContractDefinition<CertificateIssuedV1> = {
  type: 'evaluation.certificate.issued', topic: TOPIC, version: 1, payload: CertificateIssuedV1,
  description: 'A grade certificate and plaque were issued (3A and above, regulations §6 procedure step 7).',
};

export class CertificateReturnedV1 {
  @IsUUID() certificateId: string;
  @Matches(USCC_FORMAT) uscc: string;
  @IsISO8601({ strict: true }) returnedAt: string;
  /** Absent when the official calendar did not cover the period's year yet. */
  @IsOptional() @Matches(DATE) dueOn?: string;
}
export const CertificateReturned: EventContractDefinition<CertificateReturnedV1> = {
  type: 'evaluation.certificate.returned', topic: TOPIC, version: 1, payload: CertificateReturnedV1,
  description: 'Certificate and plaque were returned after the grade was lowered or cancelled (within 15 days of notice).',
};

export class CertificateVoidedV1 {
  @IsUUID() certificateId: string;
  @Matches(USCC_FORMAT) uscc: string;
  @IsISO8601({ strict: true }) voidedAt: string;
  @Matches(DATE) dueOn: string;
  @IsString() @IsNotEmpty() @MaxLength(500) announcement: string;
}
export const CertificateVoided: EventContractDefinition<CertificateVoidedV1> = {
  type: 'evaluation.certificate.voided', topic: TOPIC, version: 1, payload: CertificateVoidedV1,
  description: 'Certificate and plaque not returned within 15 days of the lowering or cancellation were voided by announcement.',
};

export const PROCEDURE_CONTRACTS: EventContractDefinition[] = [
  EvaluationApplied, EvaluationEligibilityReviewed, EvaluationExpertsAssigned, EvaluationFieldAssessed, EvaluationIndicatorsScored,
  EvaluationPreliminaryOpinionGiven, EvaluationCommitteeDecided, EvaluationNoticePublished, EvaluationReviewRequested, EvaluationReviewDecided,
  EvaluationAnnounced, CertificateIssued, CertificateReturned, CertificateVoided,
];
