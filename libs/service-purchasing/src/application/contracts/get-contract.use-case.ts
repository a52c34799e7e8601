import { Injectable } from '@nestjs/common';
import type { Principal } from '@sop/auth';
import { AssessmentStore } from '../assessments/assessments.ports';
import { PerformanceStore } from '../contract-performance/contract-performance.ports';
import { performanceView } from '../contract-performance/performance.view';
import { assertContractReadable, contractNotFound } from '../read-reach';
import { contractView, type ContractView } from './contract.view';

/**
 * Reads one contract with its performance assessments and its performance (milestones, acceptances, payments,
 * decisions, flags, totals paid and outstanding), within the caller's reach (read-reach.ts: auditors all, finance
 * officers their jurisdiction, purchasers their own organ); anything else answers as a missing contract.
 */
@Injectable()
export class GetContract {
  constructor(
    private readonly performance: PerformanceStore,
    private readonly assessments: AssessmentStore,
  ) {}

  async contractOf(contractId: string, principal: Principal): Promise<ContractView & ReturnType<typeof performanceView>> {
    const contract = await this.performance.contract(null, contractId);
    if (!contract) throw contractNotFound(contractId);
    assertContractReadable(principal, contract);
    const [assessments, record] = await Promise.all([this.assessments.assessments(null, contractId), this.performance.record(null, contractId)]);
    return { ...contractView(contract, assessments), ...performanceView(contract, record) };
  }
}
