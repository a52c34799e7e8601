import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { JointMeasuresChanged } from '@sop/contracts';
import type { ConsumedEventContext, EventOf } from '@sop/messaging';
import { SupplierCreditMeasures } from '../../application/suppliers/supplier-measures.use-case';
import { PURCHASING_EVENTS } from './purchasing-events';

/** Credit's events: the joint measures that may bar a supplier from purchase of services (regulations §5.3). */
@Controller()
export class CreditEventsHandler {
  constructor(private readonly measures: SupplierCreditMeasures) {}

  @EventPattern(JointMeasuresChanged.type, PURCHASING_EVENTS)
  onJointMeasuresChanged(@Payload() event: EventOf<typeof JointMeasuresChanged>, @Ctx() ctx: ConsumedEventContext) {
    return this.measures.onJointMeasuresChanged(event, ctx.tx);
  }
}
