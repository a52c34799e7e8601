import { assessmentView } from '../assessments/assessment.view';
import type { PerformanceAssessment } from '../assessments/assessments.ports';
import type { Contract } from './contracts.ports';

/** A contract with its performance assessments, as the HTTP API answers it. */
export function contractView(c: Contract, assessments: PerformanceAssessment[]) {
  return {
    id: c.id,
    supplierUscc: c.supplierUscc,
    purchaser: c.purchaser,
    title: c.title,
    method: c.method,
    valueFen: c.valueFen,
    termStart: c.termStart,
    termEnd: c.termEnd,
    multiYear: c.multiYear ? { budgetAssured: c.budgetAssured, stableService: c.stableService } : null,
    signedAt: c.signedAt.toISOString(),
    status: c.status,
    ruleVersion: c.ruleVersion,
    recordedBy: c.recordedBy,
    purchaserUnitId: c.purchaserUnitId,
    purchaserJurisdiction: c.purchaserJurisdiction,
    recordedAt: c.recordedAt.toISOString(),
    assessments: assessments.map(assessmentView),
  };
}

export type ContractView = ReturnType<typeof contractView>;
