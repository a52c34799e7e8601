import { Injectable } from '@nestjs/common';
import { ContractFlagged } from '@sop/contracts';
import type { Tx } from '@sop/messaging';
import { Clock } from '@sop/util';
import { contractEventBase, PerformanceStore } from './contract-performance.ports';

export interface SeriousListing {
  /** The id of credit's list event: the evidence. */
  evidenceEventId: string;
  uscc: string;
  /** The serious-list entry (for an escalation, the new entry). */
  entryId: string;
  /** When the listing took effect. */
  listedAt: Date;
}

/**
 * A supplier entering the serious list during a contract (regulations §5.3): each of its contracts in performance is
 * flagged with the listing event as evidence (ContractFlagged), so that each further payment needs a recorded decision.
 * Idempotent: the inbox stops a redelivery, and a (contract, evidence event) already recorded is skipped. Each contract
 * row is locked, so the flag and a concurrent payment are serialized (the payment either precedes the flag or needs a
 * decision).
 */
@Injectable()
export class ContractFlags {
  constructor(
    private readonly performance: PerformanceStore,
    private readonly clock: Clock,
  ) {}

  async onSeriousListing(listing: SeriousListing, tx: Tx): Promise<void> {
    const now = this.clock.now();
    for (const candidate of await this.performance.inPerformanceOf(tx, listing.uscc)) {
      const c = await this.performance.lockContract(tx, candidate.id);
      if (!c || c.status !== 'SIGNED') continue;
      if (await this.performance.flag(tx, c.id, listing.evidenceEventId)) continue;
      const event = await tx.publish(ContractFlagged, {
        subject: c.supplierUscc,
        data: {
          ...contractEventBase(c),
          evidenceEventId: listing.evidenceEventId,
          list: 'SERIOUS',
          entryId: listing.entryId,
          listedAt: listing.listedAt.toISOString(),
          flaggedAt: now.toISOString(),
        },
      });
      await this.performance.insertFlag(tx, { contractId: c.id, evidenceEventId: listing.evidenceEventId, entryId: listing.entryId, listedAt: listing.listedAt, flaggedAt: now, eventId: event.id });
      await this.performance.saveState(tx, { ...c, flaggedAt: now, flagEventId: listing.evidenceEventId });
    }
  }
}
