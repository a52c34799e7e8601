import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import {
  AnnualReportOverdue,
  AnnualReportReviewed,
  AnnualReportSubmitted,
  OrganizationChanged,
  OrganizationChangeRevoked,
  OrganizationDeregistered,
  OrganizationRegistered,
  OrganizationRevoked,
  PartyOrganizationOverdue,
  PartyOrganizationRecorded,
  SupervisionConvertedToGuidance,
} from '@sop/contracts';
import type { ConsumedEventContext, EventOf } from '@sop/messaging';
import { AnnualReportFacts } from '../../application/registration-facts/annual-report-facts.use-cases';
import { OrganizationFacts } from '../../application/registration-facts/organization-facts.use-cases';
import { PartyOrganizationFacts } from '../../application/registration-facts/party-organization-facts.use-cases';
import { CREDIT_EVENTS } from './credit-events';

/** Registration's lifecycle events, as credit records and list decisions (application/registration-facts). */
@Controller()
export class RegistrationEventsHandler {
  constructor(
    private readonly organizations: OrganizationFacts,
    private readonly annualReports: AnnualReportFacts,
    private readonly partyOrganizations: PartyOrganizationFacts,
  ) {}

  @EventPattern(OrganizationRegistered.type, CREDIT_EVENTS)
  onRegistered(@Payload() event: EventOf<typeof OrganizationRegistered>, @Ctx() ctx: ConsumedEventContext) {
    return this.organizations.onOrganizationRegistered(event, ctx.tx);
  }

  @EventPattern(AnnualReportOverdue.type, CREDIT_EVENTS)
  onAnnualReportOverdue(@Payload() event: EventOf<typeof AnnualReportOverdue>, @Ctx() ctx: ConsumedEventContext) {
    return this.annualReports.onAnnualReportOverdue(event, ctx.tx);
  }

  @EventPattern(AnnualReportSubmitted.type, CREDIT_EVENTS)
  onAnnualReportSubmitted(@Payload() event: EventOf<typeof AnnualReportSubmitted>, @Ctx() ctx: ConsumedEventContext) {
    return this.annualReports.onAnnualReportSubmitted(event, ctx.tx);
  }

  @EventPattern(AnnualReportReviewed.type, CREDIT_EVENTS)
  onAnnualReportReviewed(@Payload() event: EventOf<typeof AnnualReportReviewed>, @Ctx() ctx: ConsumedEventContext) {
    return this.annualReports.onAnnualReportReviewed(event, ctx.tx);
  }

  @EventPattern(OrganizationRevoked.type, CREDIT_EVENTS)
  onRevoked(@Payload() event: EventOf<typeof OrganizationRevoked>, @Ctx() ctx: ConsumedEventContext) {
    return this.organizations.onOrganizationRevoked(event, ctx.tx);
  }

  @EventPattern(OrganizationDeregistered.type, CREDIT_EVENTS)
  onDeregistered(@Payload() event: EventOf<typeof OrganizationDeregistered>, @Ctx() ctx: ConsumedEventContext) {
    return this.organizations.onOrganizationDeregistered(event, ctx.tx);
  }

  @EventPattern(OrganizationChanged.type, CREDIT_EVENTS)
  onChanged(@Payload() event: EventOf<typeof OrganizationChanged>, @Ctx() ctx: ConsumedEventContext) {
    return this.organizations.onOrganizationChanged(event, ctx.tx);
  }

  @EventPattern(OrganizationChangeRevoked.type, CREDIT_EVENTS)
  onChangeRevoked(@Payload() event: EventOf<typeof OrganizationChangeRevoked>, @Ctx() ctx: ConsumedEventContext) {
    return this.organizations.onOrganizationChangeRevoked(event, ctx.tx);
  }

  @EventPattern(PartyOrganizationOverdue.type, CREDIT_EVENTS)
  onPartyOrganizationOverdue(@Payload() event: EventOf<typeof PartyOrganizationOverdue>, @Ctx() ctx: ConsumedEventContext) {
    return this.partyOrganizations.onOverdue(event, ctx.tx);
  }

  @EventPattern(PartyOrganizationRecorded.type, CREDIT_EVENTS)
  onPartyOrganizationRecorded(@Payload() event: EventOf<typeof PartyOrganizationRecorded>, @Ctx() ctx: ConsumedEventContext) {
    return this.partyOrganizations.onRecorded(event, ctx.tx);
  }

  @EventPattern(SupervisionConvertedToGuidance.type, CREDIT_EVENTS)
  onSupervisionConverted(@Payload() event: EventOf<typeof SupervisionConvertedToGuidance>, @Ctx() ctx: ConsumedEventContext) {
    return this.organizations.onSupervisionConvertedToGuidance(event, ctx.tx);
  }
}
