import { EVALUATION_GRADES, type EvaluationGrade } from '@sop/contracts';
import { civilDateOf } from '@sop/util';
import { endInstantOf, startInstantOf } from './civil-instants';

/** A grade as purchasing learns it from evaluation's events (regulations §6). */
export interface GradeRecord {
  gradeId: string;
  uscc: string;
  grade: EvaluationGrade;
  /** Validity, Beijing civil dates YYYY-MM-DD, inclusive (from 00:00 of validFrom to 24:00 of validUntil, Beijing time). */
  validFrom: string;
  validUntil: string;
  announcedAt: string;
  replacesGradeId: string | null;
  /** The re-evaluation grade that replaces this one, from the day that grade's validity starts. */
  supersededByGradeId: string | null;
  supersededFrom: string | null;
  /** Lowered (newGrade) or cancelled (newGrade null) before its validity ended. */
  adjustment: { newGrade: EvaluationGrade | null; reason: string; effectiveAt: string } | null;
  ruleVersion: string;
}

export interface GradeInForce {
  gradeId: string;
  /** The grade as it stands now (after any lowering). */
  grade: EvaluationGrade;
  awardedGrade: EvaluationGrade;
  validFrom: string;
  validUntil: string;
  /** The instants of the validity: 00:00 Beijing time of validFrom, 24:00 Beijing time of validUntil (null for a date that is not one). */
  validFromStartsAt: string | null;
  validUntilEndsAt: string | null;
  lowered: boolean;
  ruleVersion: string;
}

export function gradeRank(grade: EvaluationGrade): number {
  return EVALUATION_GRADES.indexOf(grade);
}

/** A re-evaluation grade supersedes the grade it names from the first day of its own validity. */
export function supersede(old: GradeRecord, replacement: Pick<GradeRecord, 'gradeId' | 'validFrom'>): GradeRecord {
  return { ...old, supersededByGradeId: replacement.gradeId, supersededFrom: replacement.validFrom };
}

/**
 * What the record's grade is at `now` (validFrom ≤ today ≤ validUntil on the Beijing date of `now`, not superseded,
 * not cancelled), or null. A lowering or cancellation applies from its instant `effectiveAt`.
 */
export function effectiveGrade(record: GradeRecord, now: Date): EvaluationGrade | null {
  const today = civilDateOf(now); // YYYY-MM-DD: compares with the record's dates as strings
  if (today < record.validFrom || today > record.validUntil) return null;
  if (record.supersededFrom && record.supersededFrom <= today) return null;
  if (record.adjustment && Date.parse(record.adjustment.effectiveAt) <= now.getTime()) return record.adjustment.newGrade;
  return record.grade;
}

/** The grade in force at `now`: of several, the most recently announced (the latest decision) wins. */
export function gradeInForce(records: readonly GradeRecord[], now: Date): GradeInForce | null {
  const inForce = records
    .map((r) => ({ r, grade: effectiveGrade(r, now) }))
    .filter((x): x is { r: GradeRecord; grade: EvaluationGrade } => x.grade !== null)
    .sort((a, b) => (a.r.announcedAt < b.r.announcedAt ? 1 : a.r.announcedAt > b.r.announcedAt ? -1 : 0));
  if (inForce.length === 0) return null;
  const { r, grade } = inForce[0];
  return {
    gradeId: r.gradeId,
    grade,
    awardedGrade: r.grade,
    validFrom: r.validFrom,
    validUntil: r.validUntil,
    validFromStartsAt: startInstantOf(r.validFrom),
    validUntilEndsAt: endInstantOf(r.validUntil),
    lowered: grade !== r.grade,
    ruleVersion: r.ruleVersion,
  };
}
