import { civilDateOf } from '@sop/util';
import { endInstantOf, startInstantOf } from '../../domain/civil-instants';
import { assessmentView } from '../assessments/assessment.view';
import type { PerformanceAssessment } from '../assessments/assessments.ports';
import type { Contract } from './contracts.ports';

/**
 * A contract with its performance assessments, as the HTTP API answers it. The term is given as Beijing civil dates
 * (termStart, termEnd) and beside them as the instants it starts and ends (00:00 / 24:00 Beijing time); signedAt is
 * an instant, signedOn its Beijing date.
 */
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
    termStartsAt: startInstantOf(c.termStart),
    termEndsAt: endInstantOf(c.termEnd),
    multiYear: c.multiYear ? { budgetAssured: c.budgetAssured, stableService: c.stableService } : null,
    signedAt: c.signedAt.toISOString(),
    signedOn: civilDateOf(c.signedAt),
    status: c.status,
    ruleVersion: c.ruleVersion,
    recordedBy: c.recordedBy,
    purchaserUnitId: c.purchaserUnitId,
    purchaserJurisdiction: c.purchaserJurisdiction,
    purchaserOrganVersion: c.purchaserOrganVersion,
    recordedAt: c.recordedAt.toISOString(),
    /** EVALUATED (registration and credit checks at signing) or NOT_EVALUATED (outside civil-affairs registration; the purchaser attests). */
    supplierEligibility: c.supplierEligibility ?? 'EVALUATED',
    publicService: c.publicService ?? null,
    assessments: assessments.map(assessmentView),
  };
}

export type ContractView = ReturnType<typeof contractView>;
