import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { AnnualReportOverdue, AnnualReportReviewed, OrganizationDeregistered, OrganizationRegistered, OrganizationRevoked } from '@sop/contracts';
import type { ConsumedEventContext, EventOf } from '@sop/messaging';
import { RecordComplianceFacts } from '../../application/compliance/record-compliance-facts.use-cases';
import { RegistrationLifecycle } from '../../application/organizations/registration-lifecycle.use-cases';
import { EVALUATION_EVENTS } from './evaluation-events';

/**
 * Registration's lifecycle: who may be evaluated, and which graded organizations' registration ended; its
 * annual-report conclusions and defaults (Order 39 Art. 7, regulations §6 "Not evaluated").
 */
@Controller()
export class RegistrationEventsHandler {
  constructor(
    private readonly lifecycle: RegistrationLifecycle,
    private readonly compliance: RecordComplianceFacts,
  ) {}

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

  @EventPattern(AnnualReportReviewed.type, EVALUATION_EVENTS)
  onAnnualReportReviewed(@Payload() event: EventOf<typeof AnnualReportReviewed>, @Ctx() ctx: ConsumedEventContext) {
    return this.compliance.reviewed(event, ctx.tx);
  }

  @EventPattern(AnnualReportOverdue.type, EVALUATION_EVENTS)
  onAnnualReportOverdue(@Payload() event: EventOf<typeof AnnualReportOverdue>, @Ctx() ctx: ConsumedEventContext) {
    return this.compliance.overdue(event, ctx.tx);
  }
}
