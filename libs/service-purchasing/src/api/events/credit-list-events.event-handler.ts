import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { ListEntered, ListEscalated } from '@sop/contracts';
import type { ConsumedEventContext, EventOf } from '@sop/messaging';
import { ContractFlags } from '../../application/contract-performance/contract-flags.use-case';
import { PURCHASING_EVENTS } from './purchasing-events';

/**
 * Credit's list events that put an organization on the serious list (regulations §5.2): a direct entry, or an
 * escalation from the abnormal list (the new serious entry is `toEntryId`). Contracts of the supplier in performance
 * are flagged (regulations §5.3); abnormal-list entries flag nothing.
 */
@Controller()
export class CreditListEventsHandler {
  constructor(private readonly flags: ContractFlags) {}

  @EventPattern(ListEntered.type, PURCHASING_EVENTS)
  async onListEntered(@Payload() event: EventOf<typeof ListEntered>, @Ctx() ctx: ConsumedEventContext) {
    if (event.data.list !== 'SERIOUS') return;
    await this.flags.onSeriousListing({ evidenceEventId: event.id, uscc: event.data.uscc, entryId: event.data.entryId, listedAt: new Date(event.data.at) }, ctx.tx);
  }

  @EventPattern(ListEscalated.type, PURCHASING_EVENTS)
  async onListEscalated(@Payload() event: EventOf<typeof ListEscalated>, @Ctx() ctx: ConsumedEventContext) {
    await this.flags.onSeriousListing({ evidenceEventId: event.id, uscc: event.data.uscc, entryId: event.data.toEntryId, listedAt: new Date(event.data.at) }, ctx.tx);
  }
}
