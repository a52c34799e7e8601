import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '@sop/auth';
import { RateLimit } from '@sop/http';
import { ApplicationDecisions } from '../../application/applications/application-decisions.use-cases';
import { ApplicationReads } from '../../application/applications/application-reads.use-cases';
import { SubmitApplication } from '../../application/applications/submit-application.use-case';
import { SupervisingUnitConsent } from '../../application/applications/supervising-unit-consent.use-cases';
import { applicationView, ReasonsRequest, SubmitApplicationRequest } from './applications.dto';
import { organizationPublicView } from './organizations.dto';
import { WithPartyOrganization } from './party-organization.dto';

/** Applications for registration: submission, the supervising unit's consent, the registrar's decision, reads. */
@ApiTags('registration')
@Controller()
export class ApplicationsHttpController {
  constructor(
    private readonly submission: SubmitApplication,
    private readonly consent: SupervisingUnitConsent,
    private readonly decisions: ApplicationDecisions,
    private readonly reads: ApplicationReads,
  ) {}

  @Post('applications')
  @ApiBearerAuth()
  @Roles('applicant', 'registrar')
  // A 422 tells whether an ID number already is a legal representative: such answers are limited per token subject.
  @RateLimit('sensitive', { countStatuses: [422] })
  @ApiOperation({ summary: 'Submit an application; the registration policy in force decides DIRECT or DUAL_MANAGEMENT' })
  async submit(@Body() body: SubmitApplicationRequest, @CurrentPrincipal() principal: Principal) {
    const application = await this.submission.submit(body, principal);
    return applicationView(application, { decisionOverdue: false });
  }

  @Get('applications/:id')
  @ApiBearerAuth()
  @Roles('applicant', 'registrar', 'auditor', 'supervising-unit')
  @ApiOperation({ summary: 'An application with its decision deadline and overdue flag; ID numbers masked, registrars only' })
  async get(@Param('id', new ParseUUIDPipe()) id: string, @CurrentPrincipal() principal: Principal) {
    const read = await this.reads.getApplication(id, principal);
    return applicationView(read.application, { decisionOverdue: read.decisionOverdue, people: read.people });
  }

  @Get('supervising-unit/applications')
  @ApiBearerAuth()
  @Roles('supervising-unit')
  @ApiOperation({ summary: "The applications that name the caller's unit (unit_id claim)" })
  async unitApplications(@CurrentPrincipal() principal: Principal) {
    const list = await this.reads.listForUnit(principal);
    return { items: list.map((a) => applicationView(a, { decisionOverdue: this.reads.isOverdue(a) })) };
  }

  @Post('applications/:id/consent')
  @HttpCode(200)
  @ApiBearerAuth()
  @Roles('supervising-unit')
  @ApiOperation({ summary: 'The named supervising unit consents (dual management); starts the 60-day decision period' })
  async giveConsent(@Param('id', new ParseUUIDPipe()) id: string, @CurrentPrincipal() principal: Principal) {
    const application = await this.consent.giveConsent(id, principal);
    return applicationView(application, { decisionOverdue: false });
  }

  @Post('applications/:id/refuse-consent')
  @HttpCode(200)
  @ApiBearerAuth()
  @Roles('supervising-unit')
  @ApiOperation({ summary: 'The named supervising unit refuses consent, with reasons; the application ends' })
  async refuseConsent(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: ReasonsRequest, @CurrentPrincipal() principal: Principal) {
    const application = await this.consent.refuseConsent(id, body.reasons, principal);
    return applicationView(application, { decisionOverdue: false });
  }

  @Post('applications/:id/approve')
  @HttpCode(200)
  @ApiBearerAuth()
  @Roles('registrar')
  @ApiOperation({ summary: 'Approve (consent required under dual management): issues the USCC and publishes OrganizationRegistered; records the Party-organization coverage declared (default NONE)' })
  async approve(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: WithPartyOrganization, @CurrentPrincipal() principal: Principal) {
    const { application, organization } = await this.decisions.approve(id, principal, body?.partyOrganization);
    return { application: applicationView(application, { decisionOverdue: false }), organization: organizationPublicView(organization) };
  }

  @Post('applications/:id/refuse')
  @HttpCode(200)
  @ApiBearerAuth()
  @Roles('registrar')
  @ApiOperation({ summary: 'Refuse an application with reasons (社团条例 Art. 12-13)' })
  async refuse(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: ReasonsRequest, @CurrentPrincipal() principal: Principal) {
    const application = await this.decisions.refuse(id, body.reasons, body.legalBasis ?? null, principal);
    return applicationView(application, { decisionOverdue: false });
  }
}
