import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Tx } from '@sop/messaging';
import { ContractStore, type Contract } from '../application/contracts/contracts.ports';
import type { ContractStatus } from '../domain/performance-assessment';
import type { PurchaseMethod } from '../domain/purchasing-rules';
import { managerOf } from './entity-manager';
import { PurchasingContractOrmEntity } from './purchasing.orm-entities';

function toContract(r: PurchasingContractOrmEntity): Contract {
  return {
    ...r,
    method: r.method as PurchaseMethod,
    valueFen: Number(r.valueFen),
    multiYear: Boolean(r.multiYear),
    budgetAssured: Boolean(r.budgetAssured),
    stableService: Boolean(r.stableService),
    status: r.status as ContractStatus,
    supplierEligibility: r.supplierEligibility === 'NOT_EVALUATED' ? 'NOT_EVALUATED' : null,
    publicService: r.publicService === null || r.publicService === undefined ? null : Boolean(r.publicService),
  };
}

/** Contracts on TypeORM (table purchasing_contract, unique (idempotency_key, recorded_by)). */
@Injectable()
export class TypeOrmContractStore extends ContractStore {
  constructor(private readonly ds: DataSource) {
    super();
  }

  async insertContract(tx: Tx, c: Contract): Promise<void> {
    await tx.manager.insert(PurchasingContractOrmEntity, { ...c });
  }

  async contract(tx: Tx | null, id: string): Promise<Contract | null> {
    const r = await managerOf(this.ds, tx).findOneBy(PurchasingContractOrmEntity, { id });
    return r ? toContract(r) : null;
  }

  async contractByIdempotencyKey(tx: Tx | null, idempotencyKey: string, recordedBy: string): Promise<Contract | null> {
    const r = await managerOf(this.ds, tx).findOneBy(PurchasingContractOrmEntity, { idempotencyKey, recordedBy });
    return r ? toContract(r) : null;
  }
}
