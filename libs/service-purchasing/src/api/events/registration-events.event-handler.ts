import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { OrganizationDeregistered, OrganizationRegistered, OrganizationRevoked } from '@sop/contracts';
import type { ConsumedEventContext, EventOf } from '@sop/messaging';
import { SupplierRegistrationFacts } from '../../application/suppliers/supplier-registration.use-cases';
import { PURCHASING_EVENTS } from './purchasing-events';

/** Registration's events: who is a potential supplier, and whether it is still registered. */
@Controller()
export class RegistrationEventsHandler {
  constructor(private readonly registrations: SupplierRegistrationFacts) {}

  @EventPattern(OrganizationRegistered.type, PURCHASING_EVENTS)
  onRegistered(@Payload() event: EventOf<typeof OrganizationRegistered>, @Ctx() ctx: ConsumedEventContext) {
    return this.registrations.onOrganizationRegistered(event, ctx.tx);
  }

  @EventPattern(OrganizationRevoked.type, PURCHASING_EVENTS)
  onRevoked(@Payload() event: EventOf<typeof OrganizationRevoked>, @Ctx() ctx: ConsumedEventContext) {
    return this.registrations.onOrganizationRevoked(event, ctx.tx);
  }

  @EventPattern(OrganizationDeregistered.type, PURCHASING_EVENTS)
  onDeregistered(@Payload() event: EventOf<typeof OrganizationDeregistered>, @Ctx() ctx: ConsumedEventContext) {
    return this.registrations.onOrganizationDeregistered(event, ctx.tx);
  }
}
