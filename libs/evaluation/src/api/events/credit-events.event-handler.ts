import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { JointMeasuresChanged } from '@sop/contracts';
import type { ConsumedEventContext, EventOf } from '@sop/messaging';
import { ApplyJointMeasures } from '../../application/credit-measures/apply-joint-measures.use-case';
import { EVALUATION_EVENTS } from './evaluation-events';

/** Credit supervision's joint measures: which organizations are barred from evaluation, and which grades need verification. */
@Controller()
export class CreditEventsHandler {
  constructor(private readonly applyJointMeasures: ApplyJointMeasures) {}

  @EventPattern(JointMeasuresChanged.type, EVALUATION_EVENTS)
  onJointMeasuresChanged(@Payload() event: EventOf<typeof JointMeasuresChanged>, @Ctx() ctx: ConsumedEventContext) {
    return this.applyJointMeasures.execute(event, ctx.tx);
  }
}
