import type { FirstReviewRecommendation } from '@sop/contracts';
import { FunctionTransferErrors } from './function-transfer.errors';

export type CaseStatus = 'IN_FIRST_REVIEW' | 'FIRST_REVIEWED' | 'RETURNED_TO_DEPARTMENT' | 'DECIDED';
export type DepartmentDecision = 'APPROVED' | 'APPROVED_WITH_CONDITIONS' | 'REFUSED';

export interface FirstReview {
  recommendation: FirstReviewRecommendation;
  reasons: string[];
  conditions: string[];
  reviewedBy: string;
  reviewedAt: string;
  onTime: boolean;
  eventId: string;
}

export interface FinalDecision {
  decision: DepartmentDecision;
  overridesFirstReview: boolean;
  reasons: string[];
  conditions: string[];
  decidedBy: string;
  decidedAt: string;
  eventId: string;
}

/** A matter a business or resident submitted under a transfer agreement (issue 12 item 4). */
export interface TransferCase {
  id: string;
  agreementId: string;
  /** The undertaking organization and the department of the agreement, for reach. */
  uscc: string;
  departmentUnitId: string;
  applicantSubject: string;
  matterKind: string;
  subject: string;
  description: string;
  status: CaseStatus;
  submittedAt: string;
  /** Beijing date of the first-review deadline and the instant it runs out (24:00 Beijing). */
  firstReviewDue: string;
  firstReviewDueAt: string;
  calendarVersion: string | null;
  firstReview: FirstReview | null;
  returnedToDepartment: { at: string; reason: string; eventId: string } | null;
  decision: FinalDecision | null;
  revision: number;
}

/** What the department's decision means relative to the recommendation: the same outcome confirms it. */
const CONFIRMS: Record<FirstReviewRecommendation, DepartmentDecision> = { APPROVE: 'APPROVED', APPROVE_WITH_CONDITIONS: 'APPROVED_WITH_CONDITIONS', REFUSE: 'REFUSED' };

export function recordFirstReview(c: TransferCase, review: Omit<FirstReview, 'onTime' | 'eventId'>, now: Date): TransferCase {
  if (c.status !== 'IN_FIRST_REVIEW')
    throw new FunctionTransferErrors.CASE_NOT_IN_FIRST_REVIEW(`case ${c.id} is ${c.status}`, { field: 'recommendation', rule: 'one first review, while the case is in first review', extensions: { status: c.status } });
  if (review.recommendation === 'APPROVE_WITH_CONDITIONS' && review.conditions.length === 0)
    throw new FunctionTransferErrors.CONDITIONS_REQUIRED('APPROVE_WITH_CONDITIONS names the conditions', { field: 'conditions', rule: 'conditions named' });
  const onTime = now.getTime() < new Date(c.firstReviewDueAt).getTime();
  return { ...c, status: 'FIRST_REVIEWED', firstReview: { ...review, onTime, eventId: '' }, revision: c.revision + 1 };
}

/**
 * The department's final decision (the government keeps it: issue 12 item 4). After a first review it confirms or
 * overrides it; an override gives reasons. A case returned to the department (take-back) is decided without one.
 */
export function decideCase(c: TransferCase, d: { decision: DepartmentDecision; reasons: string[]; conditions: string[]; decidedBy: string; decidedAt: string }): TransferCase {
  if (c.status !== 'FIRST_REVIEWED' && c.status !== 'RETURNED_TO_DEPARTMENT')
    throw new FunctionTransferErrors.CASE_NOT_DECIDABLE(`case ${c.id} is ${c.status}`, {
      field: 'decision',
      rule: 'the department decides after the first review, or once the case returned to it',
      extensions: { status: c.status },
    });
  if (d.decision === 'APPROVED_WITH_CONDITIONS' && d.conditions.length === 0)
    throw new FunctionTransferErrors.CONDITIONS_REQUIRED('APPROVED_WITH_CONDITIONS names the conditions', { field: 'conditions', rule: 'conditions named' });
  const overrides = c.firstReview !== null && CONFIRMS[c.firstReview.recommendation] !== d.decision;
  if (overrides && d.reasons.filter((x) => x.trim()).length === 0)
    throw new FunctionTransferErrors.OVERRIDE_REASONS_REQUIRED(`the decision ${d.decision} overrides the first review ${c.firstReview?.recommendation}: give reasons`, { field: 'reasons', rule: 'an override gives its reasons' });
  return { ...c, status: 'DECIDED', decision: { ...d, overridesFirstReview: overrides, eventId: '' }, revision: c.revision + 1 };
}

/** Take-back: a case still in first review returns to the department (status RETURNED_TO_DEPARTMENT); none is lost. */
export function returnToDepartment(c: TransferCase, at: string, reason: string): TransferCase {
  return { ...c, status: 'RETURNED_TO_DEPARTMENT', returnedToDepartment: { at, reason, eventId: '' }, revision: c.revision + 1 };
}

/** Overdue: no first review and its deadline has run out (24:00 Beijing of the due date). */
export function isFirstReviewOverdue(c: TransferCase, now: Date): boolean {
  return c.status === 'IN_FIRST_REVIEW' && now.getTime() >= new Date(c.firstReviewDueAt).getTime();
}

export interface AgreementCaseStats {
  submitted: number;
  inFirstReview: number;
  firstReviewed: number;
  returnedToDepartment: number;
  decided: number;
  overdueFirstReviews: number;
  firstReviewsLate: number;
  /** Mean hours from submission to first review (null: none reviewed). */
  meanHoursToFirstReview: number | null;
  /** Decisions after a first review that overrode it, of those decisions (%; null: none). */
  overrideRatePercent: number | null;
}

/** Per agreement: volumes, time to first review, override rate (issue 12 item 4). */
export function caseStats(cases: readonly TransferCase[], now: Date): AgreementCaseStats {
  const reviewed = cases.filter((c) => c.firstReview);
  const decidedAfterReview = cases.filter((c) => c.decision && c.firstReview);
  const hours = reviewed.map((c) => (new Date(c.firstReview!.reviewedAt).getTime() - new Date(c.submittedAt).getTime()) / 3_600_000);
  const count = (s: CaseStatus) => cases.filter((c) => c.status === s).length;
  return {
    submitted: cases.length,
    inFirstReview: count('IN_FIRST_REVIEW'),
    firstReviewed: count('FIRST_REVIEWED'),
    returnedToDepartment: count('RETURNED_TO_DEPARTMENT'),
    decided: count('DECIDED'),
    overdueFirstReviews: cases.filter((c) => isFirstReviewOverdue(c, now)).length,
    firstReviewsLate: reviewed.filter((c) => !c.firstReview!.onTime).length,
    meanHoursToFirstReview: hours.length ? Math.round((hours.reduce((a, b) => a + b, 0) / hours.length) * 10) / 10 : null,
    overrideRatePercent: decidedAfterReview.length
      ? Math.round((decidedAfterReview.filter((c) => c.decision!.overridesFirstReview).length / decidedAfterReview.length) * 1000) / 10
      : null,
  };
}
