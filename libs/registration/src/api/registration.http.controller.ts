import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Public, Roles, type Principal } from '@sop/auth';
import { UsccPipe } from '@sop/http';
import { ProblemError } from '@sop/util';
import { AnnualReportService } from '../application/annual-report.service';
import { OrganizationLifecycleService } from '../application/organization-lifecycle.service';
import { RegimeMetricsService } from '../application/regime-metrics.service';
import { RegistrationPolicyService } from '../application/registration-policy.service';
import { RegistrationService } from '../application/registration.service';
import {
  AsOfQuery,
  ChangeOrganizationRequest,
  DeregisterRequest,
  historyView,
  legalRepresentativeView,
  registerEntryView,
  RevokeRequest,
  annualReportView,
  applicationView,
  ReviewAnnualReportRequest,
  SubmitAnnualReportRequest,
  DecisionQuery,
  organizationPublicView,
  PublishPolicyVersionRequest,
  policyVersionView,
  ReasonsRequest,
  RegimeMetricsQuery,
  SubmitApplicationRequest,
} from './registration.dto';

function divisionParam(value: string): string {
  if (!/^\d{6}$/.test(value)) {
    throw ProblemError.badRequest('REGISTRATION.POLICY_JURISDICTION', 'jurisdiction must be a 6-digit division code', [
      { field: 'jurisdiction', rule: 'divisionCode', message: 'a GB/T 2260 division code' },
    ]);
  }
  return value;
}

@ApiTags('registration')
@Controller()
export class RegistrationHttpController {
  constructor(
    private readonly registration: RegistrationService,
    private readonly policy: RegistrationPolicyService,
    private readonly annualReports: AnnualReportService,
    private readonly metrics: RegimeMetricsService,
    private readonly lifecycle: OrganizationLifecycleService,
  ) {}

  @Post('applications')
  @ApiBearerAuth()
  @Roles('applicant', 'registrar')
  @ApiOperation({ summary: 'Submit an application; the registration policy in force decides DIRECT or DUAL_MANAGEMENT' })
  async submit(@Body() body: SubmitApplicationRequest, @CurrentPrincipal() principal: Principal) {
    const application = await this.registration.submit(body, principal);
    return applicationView(application, { decisionOverdue: false });
  }

  @Get('applications/:id')
  @ApiBearerAuth()
  @Roles('applicant', 'registrar', 'auditor', 'supervising-unit')
  @ApiOperation({ summary: 'An application with its decision deadline and overdue flag; ID numbers masked, registrars only' })
  async get(@Param('id', new ParseUUIDPipe()) id: string, @CurrentPrincipal() principal: Principal) {
    const read = await this.registration.getApplication(id, principal);
    return applicationView(read.application, { decisionOverdue: read.decisionOverdue, people: read.people });
  }

  @Get('supervising-unit/applications')
  @ApiBearerAuth()
  @Roles('supervising-unit')
  @ApiOperation({ summary: "The applications that name the caller's unit (unit_id claim)" })
  async unitApplications(@CurrentPrincipal() principal: Principal) {
    const list = await this.registration.listForUnit(principal);
    return { items: list.map((a) => applicationView(a, { decisionOverdue: this.registration.isOverdue(a) })) };
  }

  @Post('applications/:id/consent')
  @HttpCode(200)
  @ApiBearerAuth()
  @Roles('supervising-unit')
  @ApiOperation({ summary: 'The named supervising unit consents (dual management); starts the 60-day decision period' })
  async consent(@Param('id', new ParseUUIDPipe()) id: string, @CurrentPrincipal() principal: Principal) {
    const application = await this.registration.giveConsent(id, principal);
    return applicationView(application, { decisionOverdue: false });
  }

  @Post('applications/:id/refuse-consent')
  @HttpCode(200)
  @ApiBearerAuth()
  @Roles('supervising-unit')
  @ApiOperation({ summary: 'The named supervising unit refuses consent, with reasons; the application ends' })
  async refuseConsent(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: ReasonsRequest, @CurrentPrincipal() principal: Principal) {
    const application = await this.registration.refuseConsent(id, body.reasons, principal);
    return applicationView(application, { decisionOverdue: false });
  }

  @Post('applications/:id/approve')
  @HttpCode(200)
  @ApiBearerAuth()
  @Roles('registrar')
  @ApiOperation({ summary: 'Approve (consent required under dual management): issues the USCC and publishes OrganizationRegistered' })
  async approve(@Param('id', new ParseUUIDPipe()) id: string, @CurrentPrincipal() principal: Principal) {
    const { application, organization } = await this.registration.approve(id, principal);
    return { application: applicationView(application, { decisionOverdue: false }), organization: organizationPublicView(organization) };
  }

  @Post('applications/:id/refuse')
  @HttpCode(200)
  @ApiBearerAuth()
  @Roles('registrar')
  @ApiOperation({ summary: 'Refuse an application with reasons (社团条例 Art. 12-13)' })
  async refuse(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: ReasonsRequest, @CurrentPrincipal() principal: Principal) {
    const application = await this.registration.refuse(id, body.reasons, body.legalBasis ?? null, principal);
    return applicationView(application, { decisionOverdue: false });
  }

  @Get('organizations/:uscc')
  @Public()
  @ApiOperation({ summary: 'Public register entry of an organization by USCC (asOf: the entry in effect then)' })
  async organization(@Param('uscc', new UsccPipe()) uscc: string, @Query() q: AsOfQuery) {
    if (q.asOf) {
      const { entry, version } = await this.lifecycle.asOf(uscc, new Date(q.asOf));
      return { ...registerEntryView(uscc, entry), asOf: q.asOf, version: version.seq };
    }
    return organizationPublicView(await this.registration.getOrganization(uscc));
  }

  @Get('organizations/:uscc/history')
  @Public()
  @ApiOperation({ summary: 'Full public history of an organization: registration, changes, conversion, deregistration, revocation' })
  async organizationHistory(@Param('uscc', new UsccPipe()) uscc: string) {
    return { uscc, items: (await this.lifecycle.history(uscc)).map(historyView) };
  }

  @Post('organizations/:uscc/changes')
  @HttpCode(200)
  @ApiBearerAuth()
  @Roles('registrar')
  @ApiOperation({ summary: 'Change registration incl. legal representative (社团条例 Art. 18, 27): publishes OrganizationChanged' })
  async changeOrganization(@Param('uscc', new UsccPipe()) uscc: string, @Body() body: ChangeOrganizationRequest, @CurrentPrincipal() principal: Principal) {
    const { supervisingUnitApprovedOn, effectiveOn, ...fields } = body;
    const day = (v?: string) => (v ? new Date(`${v}T00:00:00Z`) : undefined);
    const o = await this.lifecycle.change(uscc, { ...fields, supervisingUnitApprovedOn: day(supervisingUnitApprovedOn), effectiveOn: day(effectiveOn) }, principal);
    return organizationPublicView(o);
  }

  @Get('organizations/:uscc/legal-representatives')
  @ApiBearerAuth()
  @Roles('registrar', 'auditor')
  @ApiOperation({ summary: 'Legal representatives over time (in jurisdiction); ID numbers masked, registrars only' })
  async legalRepresentatives(@Param('uscc', new UsccPipe()) uscc: string, @CurrentPrincipal() principal: Principal) {
    return { uscc, items: (await this.lifecycle.legalRepresentatives(uscc, principal)).map(legalRepresentativeView) };
  }

  @Post('organizations/:uscc/deregistration')
  @HttpCode(200)
  @ApiBearerAuth()
  @Roles('registrar')
  @ApiOperation({ summary: 'Deregistration after liquidation: publishes OrganizationDeregistered' })
  async deregister(@Param('uscc', new UsccPipe()) uscc: string, @Body() body: DeregisterRequest, @CurrentPrincipal() principal: Principal) {
    return organizationPublicView(await this.lifecycle.deregister(uscc, { reason: body.reason, liquidationCompletedOn: new Date(`${body.liquidationCompletedOn}T00:00:00Z`) }, principal));
  }

  @Post('organizations/:uscc/revocation')
  @HttpCode(200)
  @ApiBearerAuth()
  @Roles('registrar')
  @ApiOperation({ summary: 'Revocation with reason and legal basis: publishes OrganizationRevoked' })
  async revoke(@Param('uscc', new UsccPipe()) uscc: string, @Body() body: RevokeRequest, @CurrentPrincipal() principal: Principal) {
    return organizationPublicView(await this.lifecycle.revoke(uscc, body, principal));
  }

  @Get('policy/versions')
  @Public()
  @ApiOperation({ summary: 'Every registration-regime rule set version (old versions stay readable)' })
  async policyVersions() {
    return { items: (await this.policy.list()).map(policyVersionView) };
  }

  @Get('policy/rule-sets/:jurisdiction/versions/:version')
  @Public()
  async policyVersion(@Param('jurisdiction') jurisdiction: string, @Param('version', ParseIntPipe) version: number) {
    return policyVersionView(await this.policy.get(divisionParam(jurisdiction), version));
  }

  @Get('policy/decision')
  @Public()
  @ApiOperation({ summary: 'Which regime and rule-set version decide (authority, form, category), now or asOf' })
  async decision(@Query() q: DecisionQuery) {
    return this.policy.decide({ ...q, asOf: q.asOf ? new Date(q.asOf) : undefined });
  }

  @Post('policy/rule-sets/:jurisdiction/versions')
  @ApiBearerAuth()
  @Roles('registrar')
  @ApiOperation({ summary: 'Publish a new version (future effectiveFrom) of the rule set of a jurisdiction; national or covering provincial registrar' })
  async publishPolicy(@Param('jurisdiction') jurisdiction: string, @Body() body: PublishPolicyVersionRequest, @CurrentPrincipal() principal: Principal) {
    const version = await this.policy.publish(
      {
        jurisdiction: divisionParam(jurisdiction),
        effectiveFrom: new Date(body.effectiveFrom),
        rules: body.rules.map((r) => ({ form: r.form ?? null, category: r.category ?? null, regime: r.regime, source: r.source })),
        note: body.note ?? null,
      },
      principal,
    );
    return policyVersionView(version);
  }

  @Post('organizations/:uscc/annual-reports')
  @ApiBearerAuth()
  @Roles('org-representative', 'registrar')
  @ApiOperation({ summary: "Submit the previous year's annual report (due 31 March for foundations, 31 May otherwise; regulations §4)" })
  async submitAnnualReport(@Param('uscc', new UsccPipe()) uscc: string, @Body() body: SubmitAnnualReportRequest, @CurrentPrincipal() principal: Principal) {
    return annualReportView(await this.annualReports.submit(uscc, body.reportYear, principal));
  }

  @Post('organizations/:uscc/annual-reports/:year/review')
  @HttpCode(200)
  @ApiBearerAuth()
  @Roles('registrar')
  @ApiOperation({ summary: 'Conclude an annual report: PASS, BASIC_PASS or FAIL' })
  async reviewAnnualReport(
    @Param('uscc', new UsccPipe()) uscc: string,
    @Param('year', ParseIntPipe) year: number,
    @Body() body: ReviewAnnualReportRequest,
    @CurrentPrincipal() principal: Principal,
  ) {
    return annualReportView(await this.annualReports.review(uscc, year, body.outcome, principal));
  }

  @Get('organizations/:uscc/annual-reports')
  @ApiBearerAuth()
  @Roles('org-representative', 'registrar', 'auditor')
  async annualReportsOf(@Param('uscc', new UsccPipe()) uscc: string, @CurrentPrincipal() principal: Principal) {
    return { items: (await this.annualReports.list(uscc, principal)).map(annualReportView) };
  }

  @Get('metrics/regimes')
  @ApiBearerAuth()
  @Roles('registrar', 'auditor')
  @ApiOperation({ summary: 'Compare DIRECT and DUAL_MANAGEMENT: steps, outcomes, days to register (optionally before/after splitAt)' })
  async regimeMetrics(@Query() q: RegimeMetricsQuery, @CurrentPrincipal() principal: Principal) {
    const date = (v?: string) => (v ? new Date(v) : undefined);
    return this.metrics.compare({ jurisdiction: q.jurisdiction, from: new Date(q.from), to: date(q.to), splitAt: date(q.splitAt) }, principal);
  }
}
