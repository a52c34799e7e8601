import type { GradeRecord } from '../../domain/grade';
import type { GradeAdjustmentRecord } from './grades.ports';

/** A grade as the API shows it. */
export interface GradeView {
  gradeId: string;
  uscc: string;
  grade: string;
  awardedGrade: string;
  score: number;
  evaluatingAuthority: string;
  announcedAt: string;
  validFrom: string;
  validUntil: string;
  status: string;
  /** Announced and not yet past its validity on the day asked (a 2026 grade is announced before its validity starts). */
  inForce: boolean;
  replacesGradeId: string | null;
  supersededByGradeId: string | null;
  ruleVersion: string;
}

/** The grade on `today` (a UTC date). */
export const gradeView = (g: GradeRecord, today: string): GradeView => ({
  gradeId: g.gradeId,
  uscc: g.uscc,
  grade: g.grade,
  awardedGrade: g.awardedGrade,
  score: g.score,
  evaluatingAuthority: g.evaluatingAuthority,
  announcedAt: g.announcedAt,
  validFrom: g.validFrom,
  validUntil: g.validUntil,
  status: g.status,
  inForce: g.status === 'ACTIVE' && g.validFrom <= today && today <= g.validUntil,
  replacesGradeId: g.replacesGradeId,
  supersededByGradeId: g.supersededByGradeId,
  ruleVersion: g.ruleVersion,
});

export const adjustmentView = (a: GradeAdjustmentRecord) => ({ ...a, effectiveAt: a.effectiveAt.toISOString(), recordedAt: a.recordedAt.toISOString() });
