import { Injectable } from '@nestjs/common';
import type { Principal } from '@sop/auth';
import { AssessmentStore } from '../assessments/assessments.ports';
import { assertContractReadable, contractNotFound } from '../read-reach';
import { contractView, type ContractView } from './contract.view';
import { ContractStore } from './contracts.ports';

/**
 * Reads one contract with its performance assessments, within the caller's reach (read-reach.ts: auditors all,
 * finance officers their jurisdiction, purchasers their own organ); anything else answers as a missing contract.
 */
@Injectable()
export class GetContract {
  constructor(
    private readonly contracts: ContractStore,
    private readonly assessments: AssessmentStore,
  ) {}

  async contractOf(contractId: string, principal: Principal): Promise<ContractView> {
    const contract = await this.contracts.contract(null, contractId);
    if (!contract) throw contractNotFound(contractId);
    assertContractReadable(principal, contract);
    return contractView(contract, await this.assessments.assessments(null, contractId));
  }
}
