import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { ContractTerminated, FunctionStageMoved, MilestoneAccepted, TransferAgreementConcluded, TransferAgreementTakenBack } from '@sop/contracts';
import type { ConsumedEventContext, EventOf } from '@sop/messaging';
import { RecordPerformanceEvidence } from '../../application/performance-evidence/record-performance-evidence.use-cases';
import { EVALUATION_EVENTS } from './evaluation-events';

/**
 * Service purchasing's performance events as evaluation's performance evidence (issue 12 item 5; regulations §8
 * item 4, §7.2): take-backs of transferred functions (with the agreements and catalogue items they name), milestone
 * acceptances and terminations of purchase contracts.
 */
@Controller()
export class PurchasingEventsHandler {
  constructor(private readonly evidence: RecordPerformanceEvidence) {}

  @EventPattern(TransferAgreementConcluded.type, EVALUATION_EVENTS)
  onAgreementConcluded(@Payload() event: EventOf<typeof TransferAgreementConcluded>, @Ctx() ctx: ConsumedEventContext) {
    return this.evidence.agreementConcluded(event, ctx.tx);
  }

  @EventPattern(FunctionStageMoved.type, EVALUATION_EVENTS)
  onStageMoved(@Payload() event: EventOf<typeof FunctionStageMoved>, @Ctx() ctx: ConsumedEventContext) {
    return this.evidence.stageMoved(event, ctx.tx);
  }

  @EventPattern(TransferAgreementTakenBack.type, EVALUATION_EVENTS)
  onAgreementTakenBack(@Payload() event: EventOf<typeof TransferAgreementTakenBack>, @Ctx() ctx: ConsumedEventContext) {
    return this.evidence.agreementTakenBack(event, ctx.tx);
  }

  @EventPattern(MilestoneAccepted.type, EVALUATION_EVENTS)
  onMilestoneAccepted(@Payload() event: EventOf<typeof MilestoneAccepted>, @Ctx() ctx: ConsumedEventContext) {
    return this.evidence.milestoneAccepted(event, ctx.tx);
  }

  @EventPattern(ContractTerminated.type, EVALUATION_EVENTS)
  onContractTerminated(@Payload() event: EventOf<typeof ContractTerminated>, @Ctx() ctx: ConsumedEventContext) {
    return this.evidence.contractTerminated(event, ctx.tx);
  }
}
