import type { GradeAdjustedV1, GradeAwardedV1, GradeExpiredV1 } from '../evaluation/grade-events.v1';
import { GradeAdjusted, GradeAwarded, GradeExpired } from '../evaluation/grade-events.v1';
import { fieldDifferences, type AuditEvent, type AuditRebuilder } from './rebuild.types';

/** A grade as the grade events tell it (evaluation.grade.v1): the fields GET /evaluation/organizations/{uscc}/grades shows. */
export interface RebuiltGrade {
  gradeId: string;
  uscc: string;
  grade: string;
  awardedGrade: string;
  score: number;
  evaluatingAuthority: string;
  announcedAt: string;
  validFrom: string;
  validUntil: string;
  status: 'ACTIVE' | 'SUPERSEDED' | 'CANCELLED';
  replacesGradeId: string | null;
  supersededByGradeId: string | null;
  ruleVersion: string;
  localRuleVersion: string | null;
  /** A GradeExpired was published for it (its status stays ACTIVE: it is no longer current after validUntil). */
  expired: boolean;
}

/**
 * Folds the grade events: awarded (a re-evaluation's `replacesGradeId` supersedes the grade it replaces), adjusted
 * (lowered to `newGrade`, or cancelled without one), expired. Regulations §6; the same rules as the evaluation service.
 */
export function rebuildGrades(events: AuditEvent[]): Map<string, RebuiltGrade[]> {
  const byId = new Map<string, RebuiltGrade>();
  const byUscc = new Map<string, RebuiltGrade[]>();
  for (const e of events) {
    if (e.type === GradeAwarded.type) {
      const d = e.data as GradeAwardedV1;
      const g: RebuiltGrade = {
        gradeId: d.gradeId,
        uscc: d.uscc,
        grade: d.grade,
        awardedGrade: d.grade,
        score: d.score,
        evaluatingAuthority: d.evaluatingAuthority,
        announcedAt: d.announcedAt,
        validFrom: d.validFrom,
        validUntil: d.validUntil,
        status: 'ACTIVE',
        replacesGradeId: d.replacesGradeId ?? null,
        supersededByGradeId: null,
        ruleVersion: d.ruleVersion,
        localRuleVersion: d.localRuleVersion ?? null,
        expired: false,
      };
      if (byId.has(g.gradeId)) continue; // a re-send
      byId.set(g.gradeId, g);
      byUscc.set(g.uscc, [...(byUscc.get(g.uscc) ?? []), g]);
      const replaced = g.replacesGradeId ? byId.get(g.replacesGradeId) : undefined;
      if (replaced) Object.assign(replaced, { status: 'SUPERSEDED', supersededByGradeId: g.gradeId });
    } else if (e.type === GradeAdjusted.type) {
      const d = e.data as GradeAdjustedV1;
      const g = byId.get(d.gradeId);
      if (g) Object.assign(g, d.newGrade ? { grade: d.newGrade } : { status: 'CANCELLED' });
    } else if (e.type === GradeExpired.type) {
      const g = byId.get((e.data as GradeExpiredV1).gradeId);
      if (g) g.expired = true;
    }
  }
  return byUscc;
}

/** The current grade on `date` (Beijing): active, validity not over; the latest announced if several. */
export function currentRebuiltGrade(grades: readonly RebuiltGrade[], date: string): RebuiltGrade | null {
  const current = grades.filter((g) => g.status === 'ACTIVE' && g.validUntil >= date).sort((a, b) => (a.announcedAt < b.announcedAt ? 1 : -1));
  return current[0] ?? null;
}

const GRADE_FIELDS = ['grade', 'awardedGrade', 'score', 'evaluatingAuthority', 'announcedAt', 'validFrom', 'validUntil', 'status', 'replacesGradeId', 'supersededByGradeId', 'ruleVersion', 'localRuleVersion'] as const;

type GradeAnswer = Record<string, unknown> & { gradeId: string };

/** Every grade of each organization, and its current grade, against GET /organizations/{uscc}/grades and /organizations/{uscc}. */
export const GRADES_REBUILDER: AuditRebuilder<RebuiltGrade[]> = {
  source: 'evaluation',
  topics: [GradeAwarded.topic],
  rebuild: rebuildGrades,
  answerPaths: (uscc) => [`/organizations/${uscc}/grades`, `/organizations/${uscc}`],
  differences(rebuilt, [history, organization], asOf) {
    const answered = ((history as { grades?: GradeAnswer[] } | null)?.grades ?? []) as GradeAnswer[];
    const out: string[] = [];
    for (const g of rebuilt) out.push(...fieldDifferences(`grade ${g.gradeId}`, g as unknown as Record<string, unknown>, answered.find((a) => a.gradeId === g.gradeId), GRADE_FIELDS));
    for (const a of answered.filter((x) => !rebuilt.some((g) => g.gradeId === x.gradeId))) out.push(`grade ${a.gradeId}: shown by the service, not in the events`);
    const current = currentRebuiltGrade(rebuilt, asOf);
    const served = (organization as { currentGrade?: GradeAnswer | null } | null)?.currentGrade ?? null;
    if ((current?.gradeId ?? null) !== (served?.gradeId ?? null) || (current?.grade ?? null) !== (served?.grade ?? null))
      out.push(`current grade on ${asOf}: rebuilt ${current ? `${current.grade} (${current.gradeId})` : 'none'}, service ${served ? `${served.grade} (${served.gradeId})` : 'none'}`);
    return out;
  },
};
