import { civilDateOf } from '@sop/util';

/**
 * Evaluation grades as credit information (Order 60 Art. 7 "evaluation grade and validity"; regulations §5, §6).
 * Evaluation publishes awards and adjustments; this answers what the public register shows at an instant.
 */

export interface GradeRecord {
  gradeId: string;
  grade: string;
  score: number;
  evaluatingAuthority: string;
  /** ISO instant of the announcement. */
  announcedAt: string;
  /** Validity, Beijing civil dates (YYYY-MM-DD), inclusive: from 00:00 Beijing time of validFrom to 24:00 of validUntil. */
  validFrom: string;
  validUntil: string;
  replacesGradeId: string | null;
  ruleVersion: string;
}

export interface GradeAdjustmentRecord {
  gradeId: string;
  previousGrade: string;
  /** null: the grade was cancelled. */
  newGrade: string | null;
  reason: string;
  effectiveAt: string;
  ruleVersion: string;
}

export type GradeStatus = 'ANNOUNCED' | 'IN_FORCE' | 'EXPIRED' | 'SUPERSEDED' | 'CANCELLED';

export interface PublicGrade {
  gradeId: string;
  /** The grade as it stands at the instant (after any lowering). */
  grade: string | null;
  awardedGrade: string;
  status: GradeStatus;
  evaluatingAuthority: string;
  announcedAt: string;
  validFrom: string;
  validUntil: string;
  adjustments: { previousGrade: string; newGrade: string | null; reason: string; effectiveAt: string; ruleVersion: string }[];
  ruleVersion: string;
}

/**
 * Grades announced by `at`, newest first, each with its status at `at`: superseded by a re-evaluation whose
 * validity has started; cancelled; before its validity starts (the 2026 measures start validity on 1 January of the next year);
 * expired after its last valid day; otherwise in force, at its grade after any lowering effective by then.
 */
export function gradesAsOf(grades: GradeRecord[], adjustments: GradeAdjustmentRecord[], at: Date): PublicGrade[] {
  const t = at.getTime();
  // The Beijing date of the instant: validity runs in civil dates (2026-12-31T16:00Z is already 1 January).
  const day = civilDateOf(at);
  const announced = grades.filter((g) => Date.parse(g.announcedAt) <= t);
  // A re-evaluation's grade supersedes the one it replaces once its own validity starts (no gap in between).
  const supersededIds = new Set(announced.filter((g) => g.replacesGradeId !== null && day >= g.validFrom).map((g) => g.replacesGradeId as string));
  return announced
    .map((g): PublicGrade => {
      const own = adjustments
        .filter((a) => a.gradeId === g.gradeId && Date.parse(a.effectiveAt) <= t)
        .sort((a, b) => Date.parse(a.effectiveAt) - Date.parse(b.effectiveAt));
      const last = own[own.length - 1];
      const current = last ? last.newGrade : g.grade;
      let status: GradeStatus;
      if (supersededIds.has(g.gradeId)) status = 'SUPERSEDED';
      else if (current === null) status = 'CANCELLED';
      else if (day > g.validUntil) status = 'EXPIRED';
      else if (day < g.validFrom) status = 'ANNOUNCED';
      else status = 'IN_FORCE';
      return {
        gradeId: g.gradeId,
        grade: current,
        awardedGrade: g.grade,
        status,
        evaluatingAuthority: g.evaluatingAuthority,
        announcedAt: g.announcedAt,
        validFrom: g.validFrom,
        validUntil: g.validUntil,
        adjustments: own.map(({ previousGrade, newGrade, reason, effectiveAt, ruleVersion }) => ({ previousGrade, newGrade, reason, effectiveAt, ruleVersion })),
        ruleVersion: g.ruleVersion,
      };
    })
    .sort((a, b) => Date.parse(b.announcedAt) - Date.parse(a.announcedAt));
}

/** The grade in force at `at`, if any (the newest one: a re-evaluation supersedes the grade it replaces). */
export function gradeInForce(grades: GradeRecord[], adjustments: GradeAdjustmentRecord[], at: Date): PublicGrade | null {
  return gradesAsOf(grades, adjustments, at).find((g) => g.status === 'IN_FORCE') ?? null;
}
