import type { TerminationCause } from '@sop/contracts';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Tx } from '@sop/messaging';
import { isSqlite } from '@sop/persistence';
import {
  PerformanceStore,
  type ContractFlag,
  type ContractPayment,
  type MilestoneAcceptance,
  type PaymentDecision,
  type PerformanceRecord,
  type PerformingContract,
  type StoredMilestone,
} from '../application/contract-performance/contract-performance.ports';
import type { Milestone } from '../domain/contract/milestones';
import type { ContractStatus } from '../domain/performance-assessment';
import type { PerformanceOutcome, PurchaseMethod } from '../domain/purchasing-rules';
import {
  PurchasingContractFlagOrmEntity,
  PurchasingContractMilestoneOrmEntity,
  PurchasingContractPaymentOrmEntity,
  PurchasingMilestoneAcceptanceOrmEntity,
  PurchasingPaymentDecisionOrmEntity,
} from './contract-performance.orm-entities';
import { managerOf } from './entity-manager';
import { PurchasingContractOrmEntity } from './purchasing.orm-entities';

const json = <T>(text: string | null): T | null => (text === null ? null : (JSON.parse(text) as T));

function toContract(r: PurchasingContractOrmEntity): PerformingContract {
  return {
    ...r,
    method: r.method as PurchaseMethod,
    valueFen: Number(r.valueFen),
    multiYear: Boolean(r.multiYear),
    budgetAssured: Boolean(r.budgetAssured),
    stableService: Boolean(r.stableService),
    status: r.status as ContractStatus,
    content: json(r.content),
    terminationReasons: json(r.terminationReasons),
    terminationCause: r.terminationCause as TerminationCause | null,
  };
}

function toRow(c: PerformingContract): PurchasingContractOrmEntity {
  return { ...c, content: c.content ? JSON.stringify(c.content) : null, terminationReasons: c.terminationReasons ? JSON.stringify(c.terminationReasons) : null, terminationCause: c.terminationCause ?? null };
}

/** Contract performance on TypeORM: columns of purchasing_contract and the tables of migration 1732500000480. */
@Injectable()
export class TypeOrmPerformanceStore extends PerformanceStore {
  constructor(private readonly ds: DataSource) {
    super();
  }

  async insertContract(tx: Tx, c: PerformingContract): Promise<void> {
    await tx.manager.insert(PurchasingContractOrmEntity, toRow(c));
  }

  async contract(tx: Tx | null, id: string): Promise<PerformingContract | null> {
    const r = await managerOf(this.ds, tx).findOneBy(PurchasingContractOrmEntity, { id });
    return r ? toContract(r) : null;
  }

  async lockContract(tx: Tx, id: string): Promise<PerformingContract | null> {
    const qb = tx.manager.createQueryBuilder(PurchasingContractOrmEntity, 'c').where('c.id = :id', { id });
    const r = await (isSqlite(tx.manager.connection) ? qb : qb.setLock('pessimistic_write')).getOne();
    return r ? toContract(r) : null;
  }

  async contractOfProcurement(tx: Tx | null, procurementId: string): Promise<PerformingContract | null> {
    const r = await managerOf(this.ds, tx).findOneBy(PurchasingContractOrmEntity, { procurementId });
    return r ? toContract(r) : null;
  }

  async contractByKey(idempotencyKey: string, recordedBy: string): Promise<PerformingContract | null> {
    const r = await this.ds.manager.findOneBy(PurchasingContractOrmEntity, { idempotencyKey, recordedBy });
    return r ? toContract(r) : null;
  }

  async inPerformanceOf(tx: Tx, supplierUscc: string): Promise<PerformingContract[]> {
    return (await tx.manager.find(PurchasingContractOrmEntity, { where: { supplierUscc, status: 'SIGNED' }, order: { signedAt: 'ASC' } })).map(toContract);
  }

  async saveState(tx: Tx, c: Pick<PerformingContract, 'id' | 'status' | 'flaggedAt' | 'flagEventId' | 'terminatedAt' | 'terminationReasons' | 'terminationCause' | 'completedAt'>): Promise<void> {
    await tx.manager.update(
      PurchasingContractOrmEntity,
      { id: c.id },
      {
        status: c.status,
        flaggedAt: c.flaggedAt,
        flagEventId: c.flagEventId,
        terminatedAt: c.terminatedAt,
        terminationReasons: c.terminationReasons ? JSON.stringify(c.terminationReasons) : null,
        terminationCause: c.terminationCause ?? null,
        completedAt: c.completedAt,
      },
    );
  }

  async insertMilestones(tx: Tx, contractId: string, milestones: Milestone[]): Promise<void> {
    await tx.manager.insert(
      PurchasingContractMilestoneOrmEntity,
      milestones.map((m) => ({ contractId, sequence: m.sequence, title: m.title, deliverables: JSON.stringify(m.deliverables), dueOn: m.dueOn, amountFen: m.amountFen, paidFen: 0 })),
    );
  }

  async savePaid(tx: Tx, contractId: string, sequence: number, paidFen: number): Promise<void> {
    await tx.manager.update(PurchasingContractMilestoneOrmEntity, { contractId, sequence }, { paidFen });
  }

  async insertAcceptance(tx: Tx, a: MilestoneAcceptance): Promise<void> {
    await tx.manager.insert(PurchasingMilestoneAcceptanceOrmEntity, { ...a, findings: JSON.stringify(a.findings) });
  }

  async insertPayment(tx: Tx, p: ContractPayment): Promise<void> {
    await tx.manager.insert(PurchasingContractPaymentOrmEntity, { ...p });
  }

  async insertDecision(tx: Tx, d: PaymentDecision): Promise<void> {
    await tx.manager.insert(PurchasingPaymentDecisionOrmEntity, { ...d, reasons: JSON.stringify(d.reasons) });
  }

  async flag(tx: Tx, contractId: string, evidenceEventId: string): Promise<ContractFlag | null> {
    return tx.manager.findOneBy(PurchasingContractFlagOrmEntity, { contractId, evidenceEventId });
  }

  async insertFlag(tx: Tx, f: ContractFlag): Promise<void> {
    await tx.manager.insert(PurchasingContractFlagOrmEntity, { ...f });
  }

  async record(tx: Tx | null, contractId: string): Promise<PerformanceRecord> {
    const m = managerOf(this.ds, tx);
    const [milestones, acceptances, payments, decisions, flags] = await Promise.all([
      m.find(PurchasingContractMilestoneOrmEntity, { where: { contractId }, order: { sequence: 'ASC' } }),
      m.find(PurchasingMilestoneAcceptanceOrmEntity, { where: { contractId }, order: { sequence: 'ASC', attempt: 'ASC' } }),
      m.find(PurchasingContractPaymentOrmEntity, { where: { contractId }, order: { recordedAt: 'ASC', id: 'ASC' } }),
      m.find(PurchasingPaymentDecisionOrmEntity, { where: { contractId }, order: { decidedAt: 'ASC', id: 'ASC' } }),
      m.find(PurchasingContractFlagOrmEntity, { where: { contractId }, order: { flaggedAt: 'ASC' } }),
    ]);
    return {
      milestones: milestones.map((r): StoredMilestone => ({ ...r, deliverables: JSON.parse(r.deliverables) as string[] })),
      acceptances: acceptances.map((r): MilestoneAcceptance => ({ ...r, passed: Boolean(r.passed), band: r.band as PerformanceOutcome, findings: JSON.parse(r.findings) as string[] })),
      payments,
      decisions: decisions.map((r): PaymentDecision => ({ ...r, decision: r.decision as PaymentDecision['decision'], reasons: JSON.parse(r.reasons) as string[] })),
      flags,
    };
  }
}
