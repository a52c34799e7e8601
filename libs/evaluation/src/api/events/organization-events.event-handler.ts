import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { JointMeasuresChanged, OrganizationDeregistered, OrganizationRegistered, OrganizationRevoked } from '@sop/contracts';
import type { ConsumedEventContext, EventOf } from '@sop/messaging';
import { EvaluationService } from '../../application/evaluation.service';
import { projectOrganizationRegistered } from '../../infrastructure/organization-registered.projector';
import { EVALUATION_EVENTS } from './evaluation-events';

/** Registration's lifecycle and credit's joint measures: who may be evaluated, and which grades need verification. */
@Controller()
export class OrganizationEventsHandler {
  constructor(private readonly evaluation: EvaluationService) {}

  @EventPattern(OrganizationRegistered.type, EVALUATION_EVENTS)
  onRegistered(@Payload() event: EventOf<typeof OrganizationRegistered>, @Ctx() ctx: ConsumedEventContext) {
    return projectOrganizationRegistered(event, ctx.tx);
  }

  @EventPattern(OrganizationRevoked.type, EVALUATION_EVENTS)
  onRevoked(@Payload() event: EventOf<typeof OrganizationRevoked>, @Ctx() ctx: ConsumedEventContext) {
    return this.evaluation.onOrganizationRevoked(event, ctx.tx);
  }

  @EventPattern(OrganizationDeregistered.type, EVALUATION_EVENTS)
  onDeregistered(@Payload() event: EventOf<typeof OrganizationDeregistered>, @Ctx() ctx: ConsumedEventContext) {
    return this.evaluation.onOrganizationDeregistered(event, ctx.tx);
  }

  @EventPattern(JointMeasuresChanged.type, EVALUATION_EVENTS)
  onJointMeasuresChanged(@Payload() event: EventOf<typeof JointMeasuresChanged>, @Ctx() ctx: ConsumedEventContext) {
    return this.evaluation.onJointMeasuresChanged(event, ctx.tx);
  }
}
