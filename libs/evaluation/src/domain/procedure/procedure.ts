/**
 * The evaluation procedure as a record and its steps' rules (regulations §6 Procedure: notice → eligibility →
 * field assessment and preliminary opinion → committee → public notice and written notice → review → announcement
 * and certificate). Pure: the use cases load the record under the organization's lock, apply a step and store it
 * with the step's event in one transaction.
 */
import { CalendarErrors, civilDate, daysPeriod, endOfCivilDay, workingDaysPeriod, type OfficialCalendar, type PeriodEnd } from '@sop/util';
import type { CommitteeVote } from '../committee';
import { EvaluationErrors } from '../evaluation.errors';
import type { EvaluationGrade } from '../evaluation-rules';
import type { EvidenceBeforeExperts } from '../performance-evidence/performance-evidence';
import type { EligibilityCheck } from './eligibility-checklist';
import type { ProcedureRules, ReviewBody } from './procedure-rules';
import type { Aggregation, ScoreSheet } from './scoring';

export type ProcedureKind = 'EVALUATION' | 'RE_EVALUATION' | 'TRACKING';
export const PROCEDURE_STATUSES = ['APPLIED', 'INELIGIBLE', 'ELIGIBLE', 'EXPERTS_ASSIGNED', 'FIELD_ASSESSED', 'OPINION_GIVEN', 'COMMITTEE_DECIDED', 'ON_NOTICE', 'ANNOUNCED'] as const;
export type ProcedureStatus = (typeof PROCEDURE_STATUSES)[number];

export interface AssignedExpert {
  expertId: string;
  name: string;
  /** "expert 1", "expert 2", ... in the order of assignment: all anyone outside the committee sees. */
  pseudonym: string;
}

export interface ReviewRecord {
  reviewId: string;
  requestedAt: string;
  requestedBy: string;
  grounds: string;
  decisionDueOn: string | null;
  decision: null | {
    body: ReviewBody;
    previousGrade: EvaluationGrade;
    grade: EvaluationGrade;
    total: number;
    members: number;
    votes: { member: string; inFavour: boolean }[];
    explanation: string;
    decidedAt: string;
    notifiedAt: string;
    late: boolean;
  };
}

export interface ProcedureRecord {
  procedureId: string;
  uscc: string;
  kind: ProcedureKind;
  status: ProcedureStatus;
  /** National rule set at the application (its procedure rules apply throughout). */
  ruleVersion: string;
  frameworkVersion: string;
  evaluatingAuthority: string;
  appliedAt: string;
  appliedBy: string;
  eligibilityReviewDueOn: string | null;
  eligibility: null | { eligible: boolean; checks: EligibilityCheck[]; reviewedAt: string; late: boolean; replacesGradeId: string | null };
  experts: AssignedExpert[];
  assignedAt: string | null;
  /** `evidence`: the performance evidence the experts had before them, frozen at the step (absent on older records). */
  fieldAssessment: null | { assessedAt: string; summary: string; fieldOpinionDueOn: string | null; reportDueOn: string | null; evidence?: EvidenceBeforeExperts };
  sheets: (ScoreSheet & { expertId: string; scoredAt: string; evidence?: EvidenceBeforeExperts })[];
  opinion: null | { aggregation: Aggregation; proposedGrade: EvaluationGrade | null; localRuleVersion: string | null; opinion: string; givenAt: string; late: boolean };
  decision: null | { grade: EvaluationGrade; total: number; committee: CommitteeVote; localRuleVersion: string | null; decidedAt: string };
  notice: null | { publishedAt: string; endsOn: string; endsAt: string; writtenNoticeAt: string };
  reviews: ReviewRecord[];
  announcement: null | { gradeId: string; grade: EvaluationGrade; total: number; announcedAt: string };
  certificateId: string | null;
  /** Optimistic version, bumped by every step. */
  revision: number;
}

/** Steps in order; a step needs the procedure in `from`. */
export function assertStatus(p: ProcedureRecord, step: string, ...from: ProcedureStatus[]): void {
  if (!from.includes(p.status))
    throw new EvaluationErrors.PROCEDURE_STEP_OUT_OF_ORDER(`${step} needs the procedure ${from.join(' or ')}; procedure ${p.procedureId} is ${p.status} (regulations §6 Procedure)`, {
      field: 'procedureId',
      rule: `STEP_AFTER_${from.join('_OR_')}`,
    });
}

/** A deadline of the rule data; null when the official calendar has no notice yet for the year it reaches. */
export function deadline(fn: () => PeriodEnd): PeriodEnd | null {
  try {
    return fn();
  } catch (err) {
    if (err instanceof CalendarErrors.YEAR_NOT_PUBLISHED) return null;
    throw err;
  }
}

/** Acted after 24:00 Beijing time of the deadline's last day. */
export const isLate = (due: string | null, at: Date) => due !== null && at.getTime() >= endOfCivilDay(civilDate(due)).getTime();

/** 民发〔2021〕96号: the eligibility review within 10 working days of the application. */
export const eligibilityReviewDue = (appliedAt: Date, rules: ProcedureRules, calendar: OfficialCalendar) => deadline(() => workingDaysPeriod(appliedAt, rules.eligibilityReviewWorkingDays, calendar));
/** Idem: the field opinion within 7 working days, the report within 30 days, of the field work. */
export const fieldOpinionDue = (assessedAt: Date, rules: ProcedureRules, calendar: OfficialCalendar) => deadline(() => workingDaysPeriod(assessedAt, rules.fieldOpinionWorkingDays, calendar));
export const reportDue = (assessedAt: Date, rules: ProcedureRules, calendar: OfficialCalendar) => deadline(() => daysPeriod(assessedAt, rules.reportDays, calendar));
/** Order 39 Art. 23: the review decision notified within 15 days of the request. */
export const reviewDecisionDue = (requestedAt: Date, rules: ProcedureRules, calendar: OfficialCalendar) => deadline(() => daysPeriod(requestedAt, rules.reviewDecisionDays, calendar));
/** The public notice: `publicNoticeDays` from the day after publication, off rest days (it must end on a day the office receives requests). */
export const publicNoticePeriod = (publishedAt: Date, rules: ProcedureRules, calendar: OfficialCalendar) => daysPeriod(publishedAt, rules.publicNoticeDays, calendar);

/**
 * Conflict-of-interest recusal: an expert declared linked to the organization (employment, membership, kinship,
 * consultancy…) is not assigned to evaluate it. Also refuses the same expert twice.
 */
export function assertNoConflict(experts: readonly { expertId: string }[], linkedExpertIds: ReadonlySet<string>, uscc: string): void {
  const ids = experts.map((e) => e.expertId);
  if (new Set(ids).size !== ids.length) throw new EvaluationErrors.EXPERT_GROUP_INVALID('an expert is named twice in the group', { field: 'experts', rule: 'EXPERTS_DISTINCT' });
  const linked = ids.filter((id) => linkedExpertIds.has(id));
  if (linked.length > 0)
    throw new EvaluationErrors.EXPERT_CONFLICT_OF_INTEREST(`expert ${linked.join(', ')} is declared linked to organization ${uscc} and must recuse (conflict of interest)`, {
      field: 'experts',
      rule: 'EXPERT_RECUSAL_LINKED_ORGANIZATION',
    });
}

/** Pseudonyms by position in the group, stable for the procedure. */
export const pseudonymsFor = (experts: readonly { expertId: string; name: string }[]): AssignedExpert[] => experts.map((e, i) => ({ expertId: e.expertId, name: e.name, pseudonym: `expert ${i + 1}` }));

/** Order 39 Art. 20: a written review request only during the public notice (until 24:00 Beijing time of its last day). */
export function assertReviewWindow(p: ProcedureRecord, at: Date): void {
  if (p.status !== 'ON_NOTICE' || !p.notice)
    throw new EvaluationErrors.PROCEDURE_STEP_OUT_OF_ORDER(`a review is requested during the public notice; procedure ${p.procedureId} is ${p.status}`, { field: 'procedureId', rule: 'REVIEW_DURING_PUBLIC_NOTICE' });
  if (at.getTime() >= new Date(p.notice.endsAt).getTime())
    throw new EvaluationErrors.REVIEW_PERIOD_OVER(`the public notice ended on ${p.notice.endsOn} (24:00 Beijing time); review requests are received only during it (regulations §6, Order 39 Art. 20)`, {
      field: 'requestedAt',
      rule: 'REVIEW_DURING_PUBLIC_NOTICE',
    });
}

/** The announcement follows the end of the notice, with every review request decided (§6 steps 5–7). */
export function assertAnnounceable(p: ProcedureRecord, at: Date): void {
  assertStatus(p, 'the announcement', 'ON_NOTICE');
  if (p.kind === 'TRACKING') throw new EvaluationErrors.PROCEDURE_STEP_OUT_OF_ORDER('a tracking evaluation confirms or adjusts the grade in force; it announces no new grade', { field: 'procedureId', rule: 'TRACKING_NO_ANNOUNCEMENT' });
  if (at.getTime() < new Date(p.notice!.endsAt).getTime())
    throw new EvaluationErrors.PROCEDURE_STEP_OUT_OF_ORDER(`the public notice runs until ${p.notice!.endsOn} (24:00 Beijing time); the result is announced after it`, { field: 'procedureId', rule: 'ANNOUNCE_AFTER_PUBLIC_NOTICE' });
  const pending = p.reviews.filter((r) => !r.decision);
  if (pending.length > 0)
    throw new EvaluationErrors.PROCEDURE_STEP_OUT_OF_ORDER(`review request ${pending.map((r) => r.reviewId).join(', ')} is not decided yet`, { field: 'procedureId', rule: 'REVIEWS_DECIDED_BEFORE_ANNOUNCEMENT' });
}

/** The grade and total as they stand: the committee's, or the latest review decision's. */
export function standingResult(p: ProcedureRecord): { grade: EvaluationGrade; total: number } | null {
  const reviewed = [...p.reviews].reverse().find((r) => r.decision);
  if (reviewed?.decision) return { grade: reviewed.decision.grade, total: reviewed.decision.total };
  return p.decision ? { grade: p.decision.grade, total: p.decision.total } : null;
}
