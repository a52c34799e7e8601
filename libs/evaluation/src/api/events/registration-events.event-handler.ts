import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { OrganizationDeregistered, OrganizationRegistered, OrganizationRevoked } from '@sop/contracts';
import type { ConsumedEventContext, EventOf } from '@sop/messaging';
import { RegistrationLifecycle } from '../../application/organizations/registration-lifecycle.use-cases';
import { EVALUATION_EVENTS } from './evaluation-events';

/** Registration's lifecycle: who may be evaluated, and which graded organizations' registration ended. */
@Controller()
export class RegistrationEventsHandler {
  constructor(private readonly lifecycle: RegistrationLifecycle) {}

  @EventPattern(OrganizationRegistered.type, EVALUATION_EVENTS)
  onRegistered(@Payload() event: EventOf<typeof OrganizationRegistered>, @Ctx() ctx: ConsumedEventContext) {
    return this.lifecycle.registered(event, ctx.tx);
  }

  @EventPattern(OrganizationRevoked.type, EVALUATION_EVENTS)
  onRevoked(@Payload() event: EventOf<typeof OrganizationRevoked>, @Ctx() ctx: ConsumedEventContext) {
    return this.lifecycle.revoked(event, ctx.tx);
  }

  @EventPattern(OrganizationDeregistered.type, EVALUATION_EVENTS)
  onDeregistered(@Payload() event: EventOf<typeof OrganizationDeregistered>, @Ctx() ctx: ConsumedEventContext) {
    return this.lifecycle.deregistered(event, ctx.tx);
  }
}
