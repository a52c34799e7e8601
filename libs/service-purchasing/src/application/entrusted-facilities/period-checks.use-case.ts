import { Injectable } from '@nestjs/common';
import type { Principal } from '@sop/auth';
import { FacilityPeriodChecked } from '@sop/contracts';
import { UnitOfWork } from '@sop/messaging';
import { judgeIndicators, type Facility } from '../../domain/entrusted-facilities/facility';
import { PurchaseModeErrors } from '../../domain/purchase-modes/purchase-modes.errors';
import { MilestoneAcceptances } from '../contract-performance/milestone-acceptance.use-case';
import { assertOwnOrgan, saveChanged } from '../purchase-modes/mode-support';
import { PurchaseModeStore } from '../purchase-modes/purchase-modes.ports';
import { facilityKeys, facilityNotFound } from './facilities.use-cases';

export interface PeriodCheckInput {
  results: { indicator: string; value: number }[];
  /** The period's performance score (banded by the rule set in force, like any acceptance). */
  score: number;
  findings?: string[];
}

/**
 * The periodic check of an entrusted facility: the service indicators judged against their thresholds, recorded as
 * the acceptance of that period's subsidy milestone through MilestoneAcceptances (passed only when every indicator
 * is met; banded score; rule version) — so a failed check leaves the milestone unaccepted and the payment rule of
 * contract performance refuses the period's subsidy (409 PURCHASING.MILESTONE_NOT_ACCEPTED). The acceptance, the
 * facility's check record and FacilityPeriodChecked commit in one transaction (facility row locked first, then the
 * contract row, as every facility step does).
 */
@Injectable()
export class FacilityPeriodChecks {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly store: PurchaseModeStore,
    private readonly acceptances: MilestoneAcceptances,
  ) {}

  async check(facilityId: string, period: number, input: PeriodCheckInput, principal: Principal) {
    return this.uow.run(async (tx) => {
      const f = await this.store.locked<Facility>(tx, 'FACILITY', facilityId);
      if (!f) throw facilityNotFound(facilityId);
      assertOwnOrgan(f.ownerUnitId, principal, `facility ${facilityId}`);
      const op = f.operation;
      if (!op) throw new PurchaseModeErrors.FACILITY_NOT_ENTRUSTED(`facility ${facilityId} has no operator`);
      const judged = judgeIndicators(op.indicators, input.results);
      const findings = [...judged.findings, ...(input.findings ?? [])];
      const acceptance = await this.acceptances.acceptWithin(tx, op.contractId, period, { passed: judged.passed, score: input.score, findings }, principal);
      const event = await tx.publish(FacilityPeriodChecked, {
        subject: f.id,
        data: { facilityId: f.id, contractId: op.contractId, operatorUscc: op.operatorUscc, period, acceptanceId: acceptance.id, passed: acceptance.passed, score: acceptance.score, band: acceptance.band, results: judged.results.map(({ indicator, value, met }) => ({ indicator, value, met })), checkedAt: acceptance.acceptedAt },
      });
      const check = { period, acceptanceId: acceptance.id, passed: acceptance.passed, score: acceptance.score, band: acceptance.band, results: judged.results, findings: acceptance.findings, checkedBy: principal.subject, checkedAt: acceptance.acceptedAt, eventId: event.id };
      const next: Facility = { ...f, checks: [...f.checks, check], revision: f.revision + 1 };
      await saveChanged(this.store, tx, 'FACILITY', facilityKeys(next), next, new Date(acceptance.acceptedAt));
      return check;
    });
  }
}
