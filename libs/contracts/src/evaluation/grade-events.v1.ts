import { IsIn, IsInt, IsISO8601, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import type { EventContractDefinition } from '../shared/contract-types';
import { USCC_FORMAT } from '@sop/util';

/** Evaluation grades, lowest to highest (Order 39 Art. 26; regulations §6). */
export const EVALUATION_GRADES = ['1A', '2A', '3A', '4A', '5A'] as const;
export type EvaluationGrade = (typeof EVALUATION_GRADES)[number];

/** Why a grade was lowered or cancelled before its validity ended (regulations §6, Order 39 Art. 30 as applied). */
export const GRADE_ADJUSTMENT_REASONS = [
  'ANNUAL_INSPECTION_FAILED',
  'BASIC_PASS_TWO_YEARS',
  'ADMINISTRATIVE_PENALTY',
  'SERIOUS_LIST',
  'VERIFICATION_EVALUATION',
  'FRAUD_IN_EVALUATION',
  'REVIEW_DECISION',
] as const;

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * An evaluation committee's grade was confirmed and announced (the 7th step of the procedure). The grade is valid
 * from `validFrom` to `validUntil` inclusive, per the rule set named by `ruleVersion`. Key: the USCC.
 *
 * `validFrom` / `validUntil` are civil dates in China Standard Time (Beijing, Asia/Shanghai, UTC+8), `YYYY-MM-DD`,
 * computed from the Beijing date of `announcedAt` (an instant, UTC): the grade is in force from 00:00 Beijing time
 * on `validFrom` (16:00Z the day before) to 24:00 Beijing time on `validUntil` (16:00Z on that date). Events
 * published before issue 9 carry UTC dates of the announcement; they differ only for announcements between 00:00
 * and 08:00 Beijing time.
 */
export class GradeAwardedV1 {
  @IsUUID() gradeId: string;
  @Matches(USCC_FORMAT) uscc: string;
  @IsIn(EVALUATION_GRADES) grade: EvaluationGrade;
  /** Total on the 1,000-point scale plus any local bonus points. */
  @IsInt() @Min(0) @Max(1100) score: number;
  @Matches(/^\d{6}$/) evaluatingAuthority: string;
  @IsISO8601({ strict: true }) announcedAt: string;
  @Matches(DATE) validFrom: string;
  @Matches(DATE) validUntil: string;
  /** The grade this one replaces (re-evaluation within validity), if any. */
  @IsOptional() @IsUUID() replacesGradeId?: string;
  @IsString() @IsNotEmpty() @MaxLength(100) ruleVersion: string;
  /**
   * The local evaluation rule set whose grade cut-offs decided the grade, `evaluation/<division>@v<n>` (grade cut-offs
   * are set locally, regulations §6 Scoring): the most specific one covering `evaluatingAuthority` in force at the
   * announcement. Absent: none (events before local rule sets, or a grade decided without local cut-offs).
   */
  @IsOptional() @IsString() @MaxLength(100) localRuleVersion?: string;
}

export const GradeAwarded: EventContractDefinition<GradeAwardedV1> = {
  type: 'evaluation.grade.awarded',
  topic: 'evaluation.grade.v1',
  version: 1,
  payload: GradeAwardedV1,
  description: 'An evaluation grade (1A-5A) was announced, with its validity.',
};

/**
 * A grade in force was lowered (`newGrade`) or cancelled (`newGrade` absent) before its validity ended. The
 * organization returns certificate and plaque within 15 days of notice (regulations §6), a Civil Code period
 * counted from the day after the Beijing date of `effectiveAt` (an instant, UTC). Key: the USCC.
 */
export class GradeAdjustedV1 {
  @IsUUID() gradeId: string;
  @Matches(USCC_FORMAT) uscc: string;
  @IsIn(EVALUATION_GRADES) previousGrade: EvaluationGrade;
  @IsOptional() @IsIn(EVALUATION_GRADES) newGrade?: EvaluationGrade;
  @IsIn(GRADE_ADJUSTMENT_REASONS) reason: (typeof GRADE_ADJUSTMENT_REASONS)[number];
  @IsString() @IsNotEmpty() @MaxLength(500) explanation: string;
  @IsISO8601({ strict: true }) effectiveAt: string;
  /** Credit events or other facts that prompted the adjustment. */
  @IsString({ each: true }) evidence: string[];
  @IsString() @IsNotEmpty() @MaxLength(100) ruleVersion: string;
}

export const GradeAdjusted: EventContractDefinition<GradeAdjustedV1> = {
  type: 'evaluation.grade.adjusted',
  topic: 'evaluation.grade.v1',
  version: 1,
  payload: GradeAdjustedV1,
  description: 'A grade in force was lowered or cancelled before its validity ended.',
};

/**
 * A grade's validity ended (at 00:00 Beijing time on the day after `validUntil`) without replacement or
 * cancellation: the organization is no longer graded and may apply again (Order 39 Art. 6 / 28). Published once
 * per grade. Key: the USCC.
 */
export class GradeExpiredV1 {
  @IsUUID() gradeId: string;
  @Matches(USCC_FORMAT) uscc: string;
  /** The grade as it stood when it expired (after any lowering). */
  @IsIn(EVALUATION_GRADES) grade: EvaluationGrade;
  /** The last valid day: a civil date in China Standard Time (Beijing), `YYYY-MM-DD`. */
  @Matches(DATE) validUntil: string;
  /**
   * The instant the validity ended: 00:00 Beijing time on the day after `validUntil`, written in UTC — 16:00Z on
   * `validUntil` itself (validUntil 2031-12-31 → 2031-12-31T16:00:00.000Z). Events published before issue 9 carry
   * 00:00Z on the day after.
   */
  @IsISO8601({ strict: true }) expiredAt: string;
  @IsString() @IsNotEmpty() @MaxLength(100) ruleVersion: string;
}

export const GradeExpired: EventContractDefinition<GradeExpiredV1> = {
  type: 'evaluation.grade.expired',
  topic: 'evaluation.grade.v1',
  version: 1,
  payload: GradeExpiredV1,
  description: "A grade's validity ended without replacement or cancellation.",
};
