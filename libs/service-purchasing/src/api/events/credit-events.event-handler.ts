import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { JointMeasuresChanged } from '@sop/contracts';
import type { ConsumedEventContext, EventOf } from '@sop/messaging';
import { QualificationSuspensions } from '../../application/function-transfer/qualifications/qualification-suspension.use-case';
import { SupplierCreditMeasures } from '../../application/suppliers/supplier-measures.use-case';
import { PURCHASING_EVENTS } from './purchasing-events';

/**
 * Credit's events: the joint measures that may bar a supplier from purchase of services (regulations §5.3), and
 * that suspend its undertaker qualifications when they name a list (regulations §8; one handler per event type).
 */
@Controller()
export class CreditEventsHandler {
  constructor(
    private readonly measures: SupplierCreditMeasures,
    private readonly qualifications: QualificationSuspensions,
  ) {}

  @EventPattern(JointMeasuresChanged.type, PURCHASING_EVENTS)
  async onJointMeasuresChanged(@Payload() event: EventOf<typeof JointMeasuresChanged>, @Ctx() ctx: ConsumedEventContext) {
    await this.measures.onJointMeasuresChanged(event, ctx.tx);
    await this.qualifications.onJointMeasuresChanged(event, ctx.tx);
  }
}
