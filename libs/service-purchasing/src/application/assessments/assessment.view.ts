import { civilDateOf } from '@sop/util';
import type { PerformanceAssessment } from './assessments.ports';

/** An assessment as the HTTP API answers it (assessedAt an instant, assessedOn its Beijing date). */
export function assessmentView(a: PerformanceAssessment) {
  return {
    id: a.id,
    contractId: a.contractId,
    supplierUscc: a.supplierUscc,
    purchaser: a.purchaser,
    score: a.score,
    outcome: a.outcome,
    breach: a.breach,
    summary: a.summary,
    assessedAt: a.assessedAt.toISOString(),
    assessedOn: civilDateOf(a.assessedAt),
    assessedBy: a.assessedBy,
    ruleVersion: a.ruleVersion,
  };
}
