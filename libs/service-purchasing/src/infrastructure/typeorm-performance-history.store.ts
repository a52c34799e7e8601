import { Injectable } from '@nestjs/common';
import { ContractTerminated, type TerminationCause } from '@sop/contracts';
import { OutboxMessageOrmEntity, type Tx } from '@sop/messaging';
import { DataSource, In } from 'typeorm';
import { PerformanceHistoryStore } from '../application/procurements/performance-history.port';
import type { PerformanceFailure } from '../domain/procurement/performance-bar';
import { PurchasingContractMilestoneOrmEntity, PurchasingMilestoneAcceptanceOrmEntity } from './contract-performance.orm-entities';
import { managerOf } from './entity-manager';
import { PurchasingContractOrmEntity } from './purchasing.orm-entities';

/** Failures of a supplier from purchasing_contract, purchasing_contract_milestone and purchasing_milestone_acceptance. */
@Injectable()
export class TypeOrmPerformanceHistoryStore extends PerformanceHistoryStore {
  constructor(private readonly ds: DataSource) {
    super();
  }

  async failuresOf(tx: Tx | null, supplierUscc: string): Promise<PerformanceFailure[]> {
    const m = managerOf(this.ds, tx);
    const contracts = await m.find(PurchasingContractOrmEntity, { where: { supplierUscc }, order: { signedAt: 'ASC', id: 'ASC' } });
    if (contracts.length === 0) return [];
    const ids = contracts.map((c) => c.id);
    const [milestones, acceptances] = await Promise.all([
      m.find(PurchasingContractMilestoneOrmEntity, { where: { contractId: In(ids) } }),
      m.find(PurchasingMilestoneAcceptanceOrmEntity, { where: { contractId: In(ids) }, order: { acceptedAt: 'ASC', attempt: 'ASC' } }),
    ]);
    const out: PerformanceFailure[] = [];
    for (const c of contracts) {
      const finalSequence = Math.max(0, ...milestones.filter((x) => x.contractId === c.id).map((x) => x.sequence));
      // Failed acceptances of the other milestones (scoring deductions), each with the re-acceptance that cured it.
      for (const a of acceptances.filter((x) => x.contractId === c.id && x.sequence !== finalSequence && !x.passed)) {
        const cure = acceptances.find((x) => x.contractId === c.id && x.sequence === a.sequence && x.passed && x.attempt > a.attempt);
        out.push({
          kind: 'FAILED_ACCEPTANCE',
          contractId: c.id,
          at: a.acceptedAt.toISOString(),
          eventId: a.eventId,
          contractEventId: c.eventId,
          acceptance: { acceptanceId: a.id, sequence: a.sequence, attempt: a.attempt, score: a.score, band: a.band, ruleVersion: a.ruleVersion },
          curedAt: cure ? cure.acceptedAt.toISOString() : null,
        });
      }
      const ofFinal = acceptances.filter((a) => a.contractId === c.id && a.sequence === finalSequence);
      for (const a of ofFinal.filter((x) => !x.passed)) {
        const cure = ofFinal.find((x) => x.passed && x.attempt > a.attempt);
        out.push({
          kind: 'FAILED_FINAL_ACCEPTANCE',
          contractId: c.id,
          at: a.acceptedAt.toISOString(),
          eventId: a.eventId,
          contractEventId: c.eventId,
          acceptance: { acceptanceId: a.id, sequence: a.sequence, attempt: a.attempt, score: a.score, band: a.band, ruleVersion: a.ruleVersion },
          curedAt: cure ? cure.acceptedAt.toISOString() : null,
        });
      }
      if (c.status === 'TERMINATED' && c.terminatedAt)
        out.push({
          kind: 'TERMINATION',
          contractId: c.id,
          at: c.terminatedAt.toISOString(),
          eventId: await this.terminationEventId(tx, c.id, supplierUscc),
          contractEventId: c.eventId,
          reasons: c.terminationReasons ? (JSON.parse(c.terminationReasons) as string[]) : [],
          cause: (c.terminationCause as TerminationCause | null) ?? null,
        });
    }
    return out;
  }

  /**
   * The contract row keeps no termination event id: the ContractTerminated event it committed with is looked up in
   * the outbox (same transaction as the termination), null once retention has removed it.
   */
  private async terminationEventId(tx: Tx | null, contractId: string, supplierUscc: string): Promise<string | null> {
    const rows = await managerOf(this.ds, tx).find(OutboxMessageOrmEntity, { where: { eventType: ContractTerminated.type, messageKey: supplierUscc }, order: { id: 'ASC' } });
    for (const r of rows) {
      const e = JSON.parse(r.envelope) as { id: string; data?: { contractId?: string } };
      if (e.data?.contractId === contractId) return e.id;
    }
    return null;
  }
}
