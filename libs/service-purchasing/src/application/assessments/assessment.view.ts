import { civilDateOf } from '@sop/util';
import { outcomeBasisOf } from '../../domain/performance-assessment';
import type { PerformanceAssessment } from './assessments.ports';

/**
 * An assessment as the HTTP API answers it (assessedAt an instant, assessedOn its Beijing date). `outcomeBasis`: BAND,
 * or NO_BANDING_RULE when the rule set applied had no bands (outcome NOT_BANDED; the score is the result, §7.2).
 */
export function assessmentView(a: PerformanceAssessment) {
  return {
    id: a.id,
    contractId: a.contractId,
    supplierUscc: a.supplierUscc,
    purchaser: a.purchaser,
    score: a.score,
    outcome: a.outcome,
    outcomeBasis: outcomeBasisOf(a.outcome),
    breach: a.breach,
    summary: a.summary,
    assessedAt: a.assessedAt.toISOString(),
    assessedOn: civilDateOf(a.assessedAt),
    assessedBy: a.assessedBy,
    ruleVersion: a.ruleVersion,
  };
}
