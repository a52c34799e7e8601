import { Injectable } from '@nestjs/common';
import type { Principal } from '@sop/auth';
import { FacilityPeriodChecked } from '@sop/contracts';
import { UnitOfWork } from '@sop/messaging';
import { judgeIndicators, type Facility } from '../../domain/entrusted-facilities/facility';
import { PurchaseModeErrors } from '../../domain/purchase-modes/purchase-modes.errors';
import { MilestoneAcceptances } from '../contract-performance/milestone-acceptance.use-case';
import { PerformanceStore } from '../contract-performance/contract-performance.ports';
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
 * contract performance refuses the period's subsidy (409 PURCHASING.MILESTONE_NOT_ACCEPTED). The acceptance commits in
 * its own transaction; the facility's check record and FacilityPeriodChecked follow in a second one, and a retry after
 * a failure between the two records the check from the acceptance already made (no second acceptance).
 */
@Injectable()
export class FacilityPeriodChecks {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly store: PurchaseModeStore,
    private readonly acceptances: MilestoneAcceptances,
    private readonly performance: PerformanceStore,
  ) {}

  async check(facilityId: string, period: number, input: PeriodCheckInput, principal: Principal) {
    const f = await this.store.get<Facility>(null, 'FACILITY', facilityId);
    if (!f) throw facilityNotFound(facilityId);
    assertOwnOrgan(f.ownerUnitId, principal, `facility ${facilityId}`);
    const op = f.operation;
    if (!op) throw new PurchaseModeErrors.FACILITY_NOT_ENTRUSTED(`facility ${facilityId} has no operator`);
    const judged = judgeIndicators(op.indicators, input.results);
    const findings = [...judged.findings, ...(input.findings ?? [])];
    const record = await this.performance.record(null, op.contractId);
    const recorded = new Set(f.checks.map((c) => c.acceptanceId));
    // A passed acceptance of this period not yet recorded as a check: an earlier attempt stopped between the two transactions.
    const pending = record.acceptances.find((a) => a.sequence === period && a.passed && !recorded.has(a.id));
    const acceptance = pending
      ? { ...pending, acceptedAt: pending.acceptedAt.toISOString() }
      : await this.acceptances.accept(op.contractId, period, { passed: judged.passed, score: input.score, findings }, principal);
    return this.uow.run(async (tx) => {
      const current = await this.store.locked<Facility>(tx, 'FACILITY', facilityId);
      if (!current) throw facilityNotFound(facilityId);
      const existing = current.checks.find((c) => c.acceptanceId === acceptance.id);
      if (existing) return existing;
      const event = await tx.publish(FacilityPeriodChecked, {
        subject: f.id,
        data: { facilityId: f.id, contractId: op.contractId, operatorUscc: op.operatorUscc, period, acceptanceId: acceptance.id, passed: acceptance.passed, score: acceptance.score, band: acceptance.band, results: judged.results.map(({ indicator, value, met }) => ({ indicator, value, met })), checkedAt: acceptance.acceptedAt },
      });
      const check = { period, acceptanceId: acceptance.id, passed: acceptance.passed, score: acceptance.score, band: acceptance.band, results: judged.results, findings: acceptance.findings, checkedBy: principal.subject, checkedAt: acceptance.acceptedAt, eventId: event.id };
      const next: Facility = { ...current, checks: [...current.checks, check], revision: current.revision + 1 };
      await saveChanged(this.store, tx, 'FACILITY', facilityKeys(next), next, new Date(acceptance.acceptedAt));
      return check;
    });
  }
}
