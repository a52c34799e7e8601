import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Principal } from '@sop/auth';
import { ContractPerformanceAssessed } from '@sop/contracts';
import { UnitOfWork } from '@sop/messaging';
import { Clock } from '@sop/util';
import { decideAssessment } from '../../domain/performance-assessment';
import { assertSamePurchaser } from '../../domain/purchaser-binding';
import { ruleSetInForce, ruleVersionOf } from '../../domain/purchasing-rules';
import { ContractStore } from '../contracts/contracts.ports';
import { assertContractReadable, contractNotFound } from '../read-reach';
import { RuleSetStore } from '../rule-sets/rule-sets.ports';
import { assessmentView } from './assessment.view';
import { AssessmentStore, type PerformanceAssessment } from './assessments.ports';

export interface AssessPerformanceInput {
  score: number;
  breach: boolean;
  summary: string;
}

/**
 * Performance management and acceptance of a purchase-of-services contract (regulations §7.2): the contract's
 * purchasing organ scores it; the assessment and its ContractPerformanceAssessed event commit in one transaction.
 */
@Injectable()
export class AssessPerformance {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly contracts: ContractStore,
    private readonly assessments: AssessmentStore,
    private readonly ruleSets: RuleSetStore,
    private readonly clock: Clock,
  ) {}

  /**
   * Score → outcome by the bands of the purchaser's rule set in force today (local practice, regulations §7.2): the
   * most specific rule set covering the contract's purchaserJurisdiction (for a contract recorded before the binding:
   * its recorder's, who alone may assess it). Under the national default (no bands) the outcome is NOT_BANDED. Only
   * the purchaser the contract is bound to (Order 102 Art. 5); a contract outside the caller's read reach is 404
   * PURCHASING.CONTRACT_NOT_FOUND, as a missing one.
   */
  async assessPerformance(contractId: string, input: AssessPerformanceInput, principal: Principal) {
    const now = this.clock.now();
    return this.uow.run(async (tx) => {
      const contract = await this.contracts.contract(tx, contractId);
      if (!contract) throw contractNotFound(contractId);
      // A contract the caller cannot read answers as a missing one (404); one it reads but does not manage, 403.
      assertContractReadable(principal, contract);
      assertSamePurchaser(contract, principal);
      const rules = ruleSetInForce(now, 'assessedAt', contract.purchaserJurisdiction ?? principal.jurisdiction, await this.ruleSets.versions(tx));
      const ruleVersion = ruleVersionOf(rules);
      const outcome = decideAssessment(contract, input.score, now, rules);
      const id = randomUUID();
      const published = await tx.publish(ContractPerformanceAssessed, {
        subject: contract.supplierUscc,
        policyVersion: ruleVersion,
        causationId: contract.eventId,
        data: {
          assessmentId: id,
          contractId,
          supplierUscc: contract.supplierUscc,
          purchaser: contract.purchaser,
          outcome,
          score: input.score,
          breach: input.breach,
          summary: input.summary,
          assessedAt: now.toISOString(),
          ruleVersion,
        },
      });
      const assessment: PerformanceAssessment = {
        id,
        contractId,
        supplierUscc: contract.supplierUscc,
        purchaser: contract.purchaser,
        score: input.score,
        outcome,
        breach: input.breach,
        summary: input.summary,
        assessedAt: now,
        assessedBy: principal.subject,
        ruleVersion,
        eventId: published.id,
      };
      await this.assessments.insertAssessment(tx, assessment);
      return assessmentView(assessment);
    });
  }
}
