import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { OrganizationDeregistered, OrganizationRegistered, OrganizationRevoked } from '@sop/contracts';
import type { ConsumedEventContext, EventOf } from '@sop/messaging';
import { QualificationSuspensions } from '../../application/function-transfer/qualifications/qualification-suspension.use-case';
import { SupplierRegistrationFacts } from '../../application/suppliers/supplier-registration.use-cases';
import { PURCHASING_EVENTS } from './purchasing-events';

/** Registration's events: who is a potential supplier, and whether it is still registered (a revocation or deregistration suspends its undertaker qualifications). */
@Controller()
export class RegistrationEventsHandler {
  constructor(
    private readonly registrations: SupplierRegistrationFacts,
    private readonly qualifications: QualificationSuspensions,
  ) {}

  @EventPattern(OrganizationRegistered.type, PURCHASING_EVENTS)
  onRegistered(@Payload() event: EventOf<typeof OrganizationRegistered>, @Ctx() ctx: ConsumedEventContext) {
    return this.registrations.onOrganizationRegistered(event, ctx.tx);
  }

  @EventPattern(OrganizationRevoked.type, PURCHASING_EVENTS)
  async onRevoked(@Payload() event: EventOf<typeof OrganizationRevoked>, @Ctx() ctx: ConsumedEventContext) {
    await this.registrations.onOrganizationRevoked(event, ctx.tx);
    await this.qualifications.onOrganizationRevoked(event, ctx.tx);
  }

  @EventPattern(OrganizationDeregistered.type, PURCHASING_EVENTS)
  async onDeregistered(@Payload() event: EventOf<typeof OrganizationDeregistered>, @Ctx() ctx: ConsumedEventContext) {
    await this.registrations.onOrganizationDeregistered(event, ctx.tx);
    await this.qualifications.onOrganizationDeregistered(event, ctx.tx);
  }
}
