import { Injectable } from '@nestjs/common';
import type { Tx } from '@sop/messaging';
import type { SnapshotContract, SnapshotMilestone } from '../../domain/ocds';
import { PerformanceStore, type MilestoneAcceptance, type PerformanceRecord, type PerformingContract } from '../contract-performance/contract-performance.ports';
import { OcdsContractSource } from './ocds.ports';

/** The OCDS milestone id of a contract milestone: its sequence (unique within the contract, stable). */
export const milestoneIdOf = (sequence: number): string => String(sequence);

/**
 * The contract part of the OCDS snapshot from what contract performance recorded: the contract as signed (value,
 * term, signing instant), its milestones with the latest acceptance of each (a passed acceptance is always the last
 * attempt: nothing is accepted after a pass), its payments paid to the contract's supplier (the awarded bidder, whose
 * USCC the release publishes under CN-USCI; the buyer is the payer), and how it ended: terminated with reasons, or
 * completed by the payment of the last outstanding fen. Payment decisions and serious-list flags are internal
 * controls, not OCDS content, and are not published.
 */
export function snapshotContractOf(c: PerformingContract, record: PerformanceRecord): SnapshotContract {
  const latestAcceptance = new Map<number, MilestoneAcceptance>();
  for (const a of record.acceptances) {
    const seen = latestAcceptance.get(a.sequence);
    if (!seen || a.attempt > seen.attempt) latestAcceptance.set(a.sequence, a);
  }
  const milestones = [...record.milestones]
    .sort((a, b) => a.sequence - b.sequence)
    .map((m): SnapshotMilestone => {
      const accepted = latestAcceptance.get(m.sequence);
      return {
        id: milestoneIdOf(m.sequence),
        title: m.title,
        // An implicit milestone (a contract recorded without milestones) lists no deliverables: the title says what is due.
        deliverables: m.deliverables.length > 0 ? m.deliverables.join('；') : m.title,
        amountFen: m.amountFen,
        dueDate: m.dueOn,
        acceptance: accepted ? { acceptedAt: accepted.acceptedAt.toISOString(), passed: accepted.passed } : undefined,
      };
    });
  return {
    contractId: c.id,
    title: c.title,
    signedAt: c.signedAt.toISOString(),
    valueFen: c.valueFen,
    termStart: c.termStart,
    termEnd: c.termEnd,
    milestones,
    payments: [...record.payments]
      .sort((a, b) => a.paidAt.getTime() - b.paidAt.getTime() || a.recordedAt.getTime() - b.recordedAt.getTime())
      .map((p) => ({ id: p.id, milestoneId: milestoneIdOf(p.sequence), paidAt: p.paidAt.toISOString(), amountFen: p.amountFen, payeeUscc: c.supplierUscc })),
    termination: c.terminatedAt ? { terminatedAt: c.terminatedAt.toISOString(), reasons: c.terminationReasons ?? [] } : undefined,
    completedAt: c.completedAt ? c.completedAt.toISOString() : undefined,
  };
}

/**
 * OcdsContractSource from the contract-performance tables (TypeORM PerformanceStore), read in the step's transaction
 * so a contract step's release sees the step's own writes. A procurement has at most one contract (unique key).
 */
@Injectable()
export class PerformanceContractSource extends OcdsContractSource {
  constructor(private readonly performance: PerformanceStore) {
    super();
  }

  async contractOf(tx: Tx, procurementId: string): Promise<SnapshotContract | undefined> {
    const contract = await this.performance.contractOfProcurement(tx, procurementId);
    if (!contract) return undefined;
    return snapshotContractOf(contract, await this.performance.record(tx, contract.id));
  }
}
