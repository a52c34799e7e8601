import { civilDate, civilDateOf, CN_OFFICIAL_CALENDAR, endOfCivilDay, type OfficialCalendar } from '@sop/util';
import { certificateReturnPeriod } from '../../domain/certificate-return';
import { EVALUATION_RULE_SETS, ruleSetByVersion, ruleVersionOf } from '../../domain/evaluation-rules';
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
  /** The local rule set whose grade cut-offs decided it (regulations §6 Scoring: set locally); null: none recorded. */
  localRuleVersion: string | null;
  /**
   * After a lowering or cancellation (the latest one): the last day (Beijing) to return certificate and plaque
   * (regulations §6, 15 days of notice) and the instant it ends (24:00 Beijing time); null without an adjustment,
   * or while the official calendar does not cover the period's year yet.
   */
  certificateReturnDueOn?: string | null;
  certificateReturnDueBy?: string | null;
}

const EVALUATION_RULE_VERSIONS = new Set(EVALUATION_RULE_SETS.map(ruleVersionOf));

/** The certificate-return deadline of an adjustment: as recorded, else counted now (recorded before, or the year was not published then). */
export function certificateReturnOf(a: GradeAdjustmentRecord, calendar: OfficialCalendar = CN_OFFICIAL_CALENDAR): { dueOn: string; dueBy: string; calendarVersion: string } | null {
  if (a.certificateReturnDueOn && a.calendarVersion) {
    return { dueOn: a.certificateReturnDueOn, dueBy: endOfCivilDay(civilDate(a.certificateReturnDueOn)).toISOString(), calendarVersion: a.calendarVersion };
  }
  const rules = EVALUATION_RULE_VERSIONS.has(a.ruleVersion) ? ruleSetByVersion(a.ruleVersion) : null;
  const period = rules ? certificateReturnPeriod(a.effectiveAt, rules, calendar) : null;
  return period?.calendarVersion ? { dueOn: period.lastDay, dueBy: period.endsAt.toISOString(), calendarVersion: period.calendarVersion } : null;
}

/** The grade on `today` (a Beijing civil date); with its adjustments, the certificate-return deadline of the latest. */
export const gradeView = (g: GradeRecord, today: string, adjustments?: readonly GradeAdjustmentRecord[], calendar: OfficialCalendar = CN_OFFICIAL_CALENDAR): GradeView => ({
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
  localRuleVersion: g.localRuleVersion ?? null,
  ...(adjustments ? certificateReturnFields(latestAdjustment(g.gradeId, adjustments), calendar) : {}),
});

function latestAdjustment(gradeId: string, adjustments: readonly GradeAdjustmentRecord[]): GradeAdjustmentRecord | null {
  const own = adjustments.filter((a) => a.gradeId === gradeId).sort((a, b) => a.effectiveAt.getTime() - b.effectiveAt.getTime());
  return own[own.length - 1] ?? null;
}

function certificateReturnFields(a: GradeAdjustmentRecord | null, calendar: OfficialCalendar): Pick<GradeView, 'certificateReturnDueOn' | 'certificateReturnDueBy'> {
  const due = a ? certificateReturnOf(a, calendar) : null;
  return { certificateReturnDueOn: due?.dueOn ?? null, certificateReturnDueBy: due?.dueBy ?? null };
}

/**
 * An adjustment as the API shows it: `effectiveOn` is the Beijing date of `effectiveAt`; the certificate-return
 * deadline as a date (`certificateReturnDueOn`), the instant it ends (`certificateReturnDueBy`) and the official
 * calendar that counted it (`calendarVersion`).
 */
export const adjustmentView = (a: GradeAdjustmentRecord, calendar: OfficialCalendar = CN_OFFICIAL_CALENDAR) => {
  const due = certificateReturnOf(a, calendar);
  return {
    ...a,
    effectiveAt: a.effectiveAt.toISOString(),
    effectiveOn: civilDateOf(a.effectiveAt),
    recordedAt: a.recordedAt.toISOString(),
    certificateReturnDueOn: due?.dueOn ?? null,
    certificateReturnDueBy: due?.dueBy ?? null,
    calendarVersion: due?.calendarVersion ?? null,
  };
};
