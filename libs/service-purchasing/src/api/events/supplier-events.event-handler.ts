import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { GradeAdjusted, GradeAwarded, JointMeasuresChanged, OrganizationDeregistered, OrganizationRegistered, OrganizationRevoked } from '@sop/contracts';
import type { ConsumedEventContext, EventOf } from '@sop/messaging';
import { ContractService } from '../../application/contract.service';
import { projectOrganizationRegistered } from '../../infrastructure/organization-registered.projector';
import { PURCHASING_EVENTS } from './purchasing-events';

/** What purchasing knows of potential suppliers: registration status, credit measures, grades in force. */
@Controller()
export class SupplierEventsHandler {
  constructor(private readonly contracts: ContractService) {}

  @EventPattern(OrganizationRegistered.type, PURCHASING_EVENTS)
  onRegistered(@Payload() event: EventOf<typeof OrganizationRegistered>, @Ctx() ctx: ConsumedEventContext) {
    return projectOrganizationRegistered(event, ctx.tx);
  }

  @EventPattern(OrganizationRevoked.type, PURCHASING_EVENTS)
  onRevoked(@Payload() event: EventOf<typeof OrganizationRevoked>, @Ctx() ctx: ConsumedEventContext) {
    return this.contracts.onOrganizationRevoked(event, ctx.tx);
  }

  @EventPattern(OrganizationDeregistered.type, PURCHASING_EVENTS)
  onDeregistered(@Payload() event: EventOf<typeof OrganizationDeregistered>, @Ctx() ctx: ConsumedEventContext) {
    return this.contracts.onOrganizationDeregistered(event, ctx.tx);
  }

  @EventPattern(JointMeasuresChanged.type, PURCHASING_EVENTS)
  onJointMeasuresChanged(@Payload() event: EventOf<typeof JointMeasuresChanged>, @Ctx() ctx: ConsumedEventContext) {
    return this.contracts.onJointMeasuresChanged(event, ctx.tx);
  }

  @EventPattern(GradeAwarded.type, PURCHASING_EVENTS)
  onGradeAwarded(@Payload() event: EventOf<typeof GradeAwarded>, @Ctx() ctx: ConsumedEventContext) {
    return this.contracts.onGradeAwarded(event, ctx.tx);
  }

  @EventPattern(GradeAdjusted.type, PURCHASING_EVENTS)
  onGradeAdjusted(@Payload() event: EventOf<typeof GradeAdjusted>, @Ctx() ctx: ConsumedEventContext) {
    return this.contracts.onGradeAdjusted(event, ctx.tx);
  }
}
