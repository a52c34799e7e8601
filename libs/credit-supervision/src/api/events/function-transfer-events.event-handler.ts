import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { TransferAgreementTakenBack } from '@sop/contracts';
import type { ConsumedEventContext, EventOf } from '@sop/messaging';
import { FunctionTransferFacts } from '../../application/function-transfer/function-transfer-facts.use-case';
import { CREDIT_EVENTS } from './credit-events';

/** Service purchasing's transfer of government functions: a revocation for cause as credit information. */
@Controller()
export class FunctionTransferEventsHandler {
  constructor(private readonly facts: FunctionTransferFacts) {}

  @EventPattern(TransferAgreementTakenBack.type, CREDIT_EVENTS)
  onAgreementTakenBack(@Payload() event: EventOf<typeof TransferAgreementTakenBack>, @Ctx() ctx: ConsumedEventContext) {
    return this.facts.onAgreementTakenBack(event, ctx.tx);
  }
}
