import type { EvaluationGrade } from './evaluation-rules';
import type { Validity } from './validity';

/**
 * ACTIVE: announced and not replaced or cancelled (it may still have expired: see `isCurrent`);
 * SUPERSEDED: replaced by a re-evaluation (2026 measures); CANCELLED: cancelled before its validity ended.
 * A lowered grade stays ACTIVE with the lower `grade` (its awarded grade is kept in `awardedGrade`).
 */
export const GRADE_STATUSES = ['ACTIVE', 'SUPERSEDED', 'CANCELLED'] as const;
export type GradeStatus = (typeof GRADE_STATUSES)[number];

export interface GradeRecord extends Validity {
  gradeId: string;
  uscc: string;
  /** The grade now (after any lowering). */
  grade: EvaluationGrade;
  awardedGrade: EvaluationGrade;
  score: number;
  evaluatingAuthority: string;
  /** ISO instant (UTC). */
  announcedAt: string;
  status: GradeStatus;
  ruleVersion: string;
  /** The local rule set whose cut-offs decided the grade (`evaluation/<division>@v<n>`, regulations §6 Scoring); null or absent: none. */
  localRuleVersion?: string | null;
  replacesGradeId: string | null;
  supersededByGradeId: string | null;
  /** When GradeExpired was published for it (ISO instant); null or absent: not yet (see `expiryDue`). */
  expiryPublishedAt?: string | null;
}

/** Announced, neither replaced nor cancelled, and its validity not over on `date` (a Beijing civil date). */
export function isCurrent(grade: GradeRecord, date: string): boolean {
  return grade.status === 'ACTIVE' && grade.validUntil >= date;
}

/** The organization's current grade on `date`, if any (the latest announced, should there be several). */
export function currentGrade(grades: readonly GradeRecord[], date: string): GradeRecord | null {
  const current = grades.filter((g) => isCurrent(g, date)).sort((a, b) => (a.announcedAt < b.announcedAt ? 1 : -1));
  return current[0] ?? null;
}
