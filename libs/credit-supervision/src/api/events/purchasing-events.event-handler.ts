import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { ContractPerformanceAssessed, ContractSigned, ContractTerminated, MilestoneAccepted } from '@sop/contracts';
import type { ConsumedEventContext, EventOf } from '@sop/messaging';
import { ContractFacts } from '../../application/grades-and-contracts/contract-facts.use-cases';
import { CREDIT_EVENTS } from './credit-events';

/** Service purchasing's contracts, assessments, milestone acceptances and terminations, as "other" credit information and the public profile's purchases. */
@Controller()
export class PurchasingEventsHandler {
  constructor(private readonly contracts: ContractFacts) {}

  @EventPattern(ContractSigned.type, CREDIT_EVENTS)
  onContractSigned(@Payload() event: EventOf<typeof ContractSigned>, @Ctx() ctx: ConsumedEventContext) {
    return this.contracts.onContractSigned(event, ctx.tx);
  }

  @EventPattern(ContractPerformanceAssessed.type, CREDIT_EVENTS)
  onContractPerformanceAssessed(@Payload() event: EventOf<typeof ContractPerformanceAssessed>, @Ctx() ctx: ConsumedEventContext) {
    return this.contracts.onContractPerformanceAssessed(event, ctx.tx);
  }

  @EventPattern(MilestoneAccepted.type, CREDIT_EVENTS)
  onMilestoneAccepted(@Payload() event: EventOf<typeof MilestoneAccepted>, @Ctx() ctx: ConsumedEventContext) {
    return this.contracts.onMilestoneAccepted(event, ctx.tx);
  }

  @EventPattern(ContractTerminated.type, CREDIT_EVENTS)
  onContractTerminated(@Payload() event: EventOf<typeof ContractTerminated>, @Ctx() ctx: ConsumedEventContext) {
    return this.contracts.onContractTerminated(event, ctx.tx);
  }
}
