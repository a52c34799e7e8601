import { Injectable } from '@nestjs/common';
import { PurchasingErrors } from '../../domain/purchasing.errors';
import { AssessmentStore } from '../assessments/assessments.ports';
import { contractView, type ContractView } from './contract.view';
import { ContractStore } from './contracts.ports';

/** Reads one contract with its performance assessments (purchasers, finance officers and auditors). */
@Injectable()
export class GetContract {
  constructor(
    private readonly contracts: ContractStore,
    private readonly assessments: AssessmentStore,
  ) {}

  async contractOf(contractId: string): Promise<ContractView> {
    const contract = await this.contracts.contract(null, contractId);
    if (!contract) throw new PurchasingErrors.CONTRACT_NOT_FOUND(`no contract ${contractId}`);
    return contractView(contract, await this.assessments.assessments(null, contractId));
  }
}
