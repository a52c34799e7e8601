import { civilDateOf } from '@sop/util';
import type { GradeRecord } from '../../domain/grade';
import { validityEndsAt } from '../../domain/validity';
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
  /** The Beijing date of the announcement (YYYY-MM-DD), beside the instant `announcedAt`. */
  announcedOn: string;
  /** Beijing civil dates (YYYY-MM-DD), inclusive: valid from 00:00 Beijing time on validFrom to 24:00 on validUntil. */
  validFrom: string;
  validUntil: string;
  /** The instant the validity ends: 24:00 Beijing time on validUntil (16:00Z that day), beside the date. */
  validityEndsAt: string;
  status: string;
  /** Announced and not yet past its validity on the day asked (a 2026 grade is announced before its validity starts). */
  inForce: boolean;
  replacesGradeId: string | null;
  supersededByGradeId: string | null;
  ruleVersion: string;
}

/** The grade on `today` (a Beijing civil date). */
export const gradeView = (g: GradeRecord, today: string): GradeView => ({
  gradeId: g.gradeId,
  uscc: g.uscc,
  grade: g.grade,
  awardedGrade: g.awardedGrade,
  score: g.score,
  evaluatingAuthority: g.evaluatingAuthority,
  announcedAt: g.announcedAt,
  announcedOn: civilDateOf(new Date(g.announcedAt)),
  validFrom: g.validFrom,
  validUntil: g.validUntil,
  validityEndsAt: validityEndsAt(g).toISOString(),
  status: g.status,
  inForce: g.status === 'ACTIVE' && g.validFrom <= today && today <= g.validUntil,
  replacesGradeId: g.replacesGradeId,
  supersededByGradeId: g.supersededByGradeId,
  ruleVersion: g.ruleVersion,
});

/** An adjustment as the API shows it; `effectiveOn` is the Beijing date of `effectiveAt`. */
export const adjustmentView = (a: GradeAdjustmentRecord) => ({ ...a, effectiveAt: a.effectiveAt.toISOString(), effectiveOn: civilDateOf(a.effectiveAt), recordedAt: a.recordedAt.toISOString() });
