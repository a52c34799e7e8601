import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Principal } from '@sop/auth';
import { MilestoneAccepted } from '@sop/contracts';
import { UnitOfWork, type Tx } from '@sop/messaging';
import { Clock } from '@sop/util';
import { decideAcceptance, milestoneNotFound } from '../../domain/contract/contract-performance';
import { assertSamePurchaser } from '../../domain/purchaser-binding';
import { ruleSetInForce, ruleVersionOf } from '../../domain/purchasing-rules';
import { assertContractReadable, contractNotFound } from '../read-reach';
import { RuleSetStore } from '../rule-sets/rule-sets.ports';
import { OcdsPublisher } from '../ocds/ocds-publisher';
import { contractEventBase, type MilestoneAcceptance, PerformanceStore } from './contract-performance.ports';

export interface AcceptanceInput {
  passed: boolean;
  score: number;
  findings: string[];
}

/**
 * Acceptance of a milestone by the contract's purchaser (performance management and acceptance, regulations §7.2):
 * passed or failed, the performance score banded by the purchaser's rule set in force (the same bands and rule version
 * as performance assessments), findings and reasons. One passed acceptance per milestone (409 afterwards); a failed one
 * may be followed by a re-acceptance of the reworked deliverables. The contract row is locked; the acceptance and its
 * MilestoneAccepted event (subject: the supplier) commit together.
 */
@Injectable()
export class MilestoneAcceptances {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly performance: PerformanceStore,
    private readonly ruleSets: RuleSetStore,
    private readonly clock: Clock,
    private readonly ocds: OcdsPublisher,
  ) {}

  async accept(contractId: string, sequence: number, input: AcceptanceInput, principal: Principal) {
    return this.uow.run((tx) => this.acceptWithin(tx, contractId, sequence, input, principal));
  }

  /** The acceptance inside the caller's transaction (a purchase mode's step that records it with its own facts). */
  async acceptWithin(tx: Tx, contractId: string, sequence: number, input: AcceptanceInput, principal: Principal) {
    const now = this.clock.now();
    const c = await this.performance.lockContract(tx, contractId);
    if (!c) throw contractNotFound(contractId);
    assertContractReadable(principal, c);
    assertSamePurchaser(c, principal);
    const record = await this.performance.record(tx, c.id);
    if (!record.milestones.some((m) => m.sequence === sequence)) throw milestoneNotFound(c.id, sequence);
    const rules = ruleSetInForce(now, 'acceptedAt', c.purchaserJurisdiction ?? principal.jurisdiction, await this.ruleSets.versions(tx));
    const ruleVersion = ruleVersionOf(rules);
    const { attempt, band } = decideAcceptance(c, record.acceptances.filter((a) => a.sequence === sequence), input, now, rules);
    const id = randomUUID();
    const event = await tx.publish(MilestoneAccepted, {
      subject: c.supplierUscc,
      policyVersion: ruleVersion,
      causationId: c.eventId,
      data: {
        ...contractEventBase(c),
        acceptanceId: id,
        sequence,
        attempt,
        passed: input.passed,
        score: input.score,
        band,
        findings: input.findings,
        acceptedAt: now.toISOString(),
        ruleVersion,
      },
    });
    const acceptance: MilestoneAcceptance = { id, contractId: c.id, sequence, attempt, passed: input.passed, score: input.score, band, findings: input.findings, ruleVersion, acceptedBy: principal.subject, acceptedAt: now, eventId: event.id };
    await this.performance.insertAcceptance(tx, acceptance);
    // OCDS 'implementation' release (milestone met / not met); a stand-alone contract has no procurement, no ocid: none.
    if (c.procurementId) await this.ocds.record(tx, c.procurementId, 'implementation', event.id, now);
    return { ...acceptance, acceptedAt: now.toISOString() };
  }
}
