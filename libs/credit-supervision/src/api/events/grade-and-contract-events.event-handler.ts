import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { ContractPerformanceAssessed, ContractSigned, GradeAdjusted, GradeAwarded, GradeExpired } from '@sop/contracts';
import type { ConsumedEventContext, EventOf } from '@sop/messaging';
import { EvaluationPurchasingFactsService } from '../../application/evaluation-purchasing-facts.service';
import { CREDIT_EVENTS } from './credit-events';

/** Evaluation grades and purchasing contracts, as "other" credit information and the public profile. */
@Controller()
export class GradeAndContractEventsHandler {
  constructor(private readonly facts: EvaluationPurchasingFactsService) {}

  @EventPattern(GradeAwarded.type, CREDIT_EVENTS)
  onGradeAwarded(@Payload() event: EventOf<typeof GradeAwarded>, @Ctx() ctx: ConsumedEventContext) {
    return this.facts.onGradeAwarded(event, ctx.tx);
  }

  @EventPattern(GradeAdjusted.type, CREDIT_EVENTS)
  onGradeAdjusted(@Payload() event: EventOf<typeof GradeAdjusted>, @Ctx() ctx: ConsumedEventContext) {
    return this.facts.onGradeAdjusted(event, ctx.tx);
  }

  @EventPattern(GradeExpired.type, CREDIT_EVENTS)
  onGradeExpired(@Payload() event: EventOf<typeof GradeExpired>, @Ctx() ctx: ConsumedEventContext) {
    return this.facts.onGradeExpired(event, ctx.tx);
  }

  @EventPattern(ContractSigned.type, CREDIT_EVENTS)
  onContractSigned(@Payload() event: EventOf<typeof ContractSigned>, @Ctx() ctx: ConsumedEventContext) {
    return this.facts.onContractSigned(event, ctx.tx);
  }

  @EventPattern(ContractPerformanceAssessed.type, CREDIT_EVENTS)
  onContractPerformanceAssessed(@Payload() event: EventOf<typeof ContractPerformanceAssessed>, @Ctx() ctx: ConsumedEventContext) {
    return this.facts.onContractPerformanceAssessed(event, ctx.tx);
  }
}
