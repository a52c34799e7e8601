import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { JointMeasuresChanged, PenaltyRecorded } from '@sop/contracts';
import type { ConsumedEventContext, EventOf } from '@sop/messaging';
import { RecordComplianceFacts } from '../../application/compliance/record-compliance-facts.use-cases';
import { ApplyJointMeasures } from '../../application/credit-measures/apply-joint-measures.use-case';
import { EVALUATION_EVENTS } from './evaluation-events';

/**
 * Credit supervision's joint measures (which organizations are barred from evaluation, which grades need
 * verification) and its penalties (Order 39 Art. 7 "penalized last year", regulations §6).
 */
@Controller()
export class CreditEventsHandler {
  constructor(
    private readonly applyJointMeasures: ApplyJointMeasures,
    private readonly compliance: RecordComplianceFacts,
  ) {}

  @EventPattern(JointMeasuresChanged.type, EVALUATION_EVENTS)
  onJointMeasuresChanged(@Payload() event: EventOf<typeof JointMeasuresChanged>, @Ctx() ctx: ConsumedEventContext) {
    return this.applyJointMeasures.execute(event, ctx.tx);
  }

  @EventPattern(PenaltyRecorded.type, EVALUATION_EVENTS)
  onPenaltyRecorded(@Payload() event: EventOf<typeof PenaltyRecorded>, @Ctx() ctx: ConsumedEventContext) {
    return this.compliance.penaltyRecorded(event, ctx.tx);
  }
}
