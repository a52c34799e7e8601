import type { IndicatorFrameworkVersion } from '../../domain/procedure/indicator-frameworks';
import type { ProcedureRecord } from '../../domain/procedure/procedure';
import type { PerformanceEvidenceView } from '../performance-evidence/performance-evidence.view';

/**
 * Who sees what of a procedure (issue 13 §3): the committee (evaluators within the jurisdiction) sees the experts'
 * identities and the named votes; everyone else (the organization, auditors) sees experts only as "expert 1/2/3"
 * and the vote counts.
 */
export type Audience = 'COMMITTEE' | 'OUTSIDE';

/** The indicator-level scorecard: per indicator its maximum, each expert's points (by pseudonym) and the mean. */
export function scorecard(p: ProcedureRecord, framework: IndicatorFrameworkVersion | null) {
  if (!framework || p.sheets.length === 0) return null;
  const sheets = [...p.sheets].sort((a, b) => a.expert.localeCompare(b.expert));
  const mean = (code: string) => p.opinion?.aggregation.indicators.find((i) => i.code === code)?.mean ?? null;
  return {
    frameworkVersion: p.frameworkVersion,
    aggregation: p.opinion?.aggregation.method ?? null,
    sections: framework.sections.map((s) => ({
      section: s.section,
      name: s.name,
      indicators: s.indicators.map((i) => ({ code: i.code, name: i.name, max: i.max, byExpert: sheets.map((sh) => ({ expert: sh.expert, points: sh.scores[i.code] })), mean: mean(i.code) })),
    })),
    bonus: { max: framework.maxBonus, byExpert: sheets.map((sh) => ({ expert: sh.expert, points: sh.bonus })), mean: p.opinion?.aggregation.bonusMean ?? null },
    exactTotal: p.opinion?.aggregation.exactTotal ?? null,
    total: p.opinion?.aggregation.total ?? null,
  };
}

export function procedureView(p: ProcedureRecord, audience: Audience, framework: IndicatorFrameworkVersion | null, performanceEvidence: PerformanceEvidenceView | null = null) {
  const committee = audience === 'COMMITTEE';
  return {
    procedureId: p.procedureId,
    uscc: p.uscc,
    kind: p.kind,
    status: p.status,
    ruleVersion: p.ruleVersion,
    frameworkVersion: p.frameworkVersion,
    evaluatingAuthority: p.evaluatingAuthority,
    appliedAt: p.appliedAt,
    eligibilityReviewDueOn: p.eligibilityReviewDueOn,
    eligibility: p.eligibility,
    experts: p.experts.map((e) => (committee ? { pseudonym: e.pseudonym, expertId: e.expertId, name: e.name } : { pseudonym: e.pseudonym })),
    assignedAt: p.assignedAt,
    fieldAssessment: p.fieldAssessment,
    scorecard: scorecard(p, framework),
    performanceEvidence,
    preliminaryOpinion: p.opinion && { total: p.opinion.aggregation.total, exactTotal: p.opinion.aggregation.exactTotal, aggregation: p.opinion.aggregation.method, proposedGrade: p.opinion.proposedGrade, localRuleVersion: p.opinion.localRuleVersion, opinion: p.opinion.opinion, givenAt: p.opinion.givenAt, late: p.opinion.late },
    decision: p.decision,
    notice: p.notice,
    reviews: p.reviews.map((r) => ({
      reviewId: r.reviewId,
      requestedAt: r.requestedAt,
      grounds: r.grounds,
      decisionDueOn: r.decisionDueOn,
      decision: r.decision && {
        body: r.decision.body,
        previousGrade: r.decision.previousGrade,
        grade: r.decision.grade,
        total: r.decision.total,
        members: r.decision.members,
        inFavour: r.decision.votes.filter((v) => v.inFavour).length,
        ...(committee ? { votes: r.decision.votes } : {}),
        explanation: r.decision.explanation,
        decidedAt: r.decision.decidedAt,
        notifiedAt: r.decision.notifiedAt,
        late: r.decision.late,
      },
    })),
    announcement: p.announcement,
    certificateId: p.certificateId,
    revision: p.revision,
  };
}
