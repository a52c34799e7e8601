import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { GradeAdjusted, GradeAwarded, GradeExpired } from '@sop/contracts';
import type { ConsumedEventContext, EventOf } from '@sop/messaging';
import { GradeFacts } from '../../application/grades-and-contracts/grade-facts.use-cases';
import { CREDIT_EVENTS } from './credit-events';

/** Evaluation's grades, as "other" credit information and the public profile's grades. */
@Controller()
export class EvaluationEventsHandler {
  constructor(private readonly grades: GradeFacts) {}

  @EventPattern(GradeAwarded.type, CREDIT_EVENTS)
  onGradeAwarded(@Payload() event: EventOf<typeof GradeAwarded>, @Ctx() ctx: ConsumedEventContext) {
    return this.grades.onGradeAwarded(event, ctx.tx);
  }

  @EventPattern(GradeAdjusted.type, CREDIT_EVENTS)
  onGradeAdjusted(@Payload() event: EventOf<typeof GradeAdjusted>, @Ctx() ctx: ConsumedEventContext) {
    return this.grades.onGradeAdjusted(event, ctx.tx);
  }

  @EventPattern(GradeExpired.type, CREDIT_EVENTS)
  onGradeExpired(@Payload() event: EventOf<typeof GradeExpired>, @Ctx() ctx: ConsumedEventContext) {
    return this.grades.onGradeExpired(event, ctx.tx);
  }
}
