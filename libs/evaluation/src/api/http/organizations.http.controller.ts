import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '@sop/auth';
import { UsccPipe } from '@sop/http';
import { GradeHistoryQuery } from '../../application/grades/grade-history.query';
import { OrganizationViewQuery } from '../../application/organizations/organization-view.query';
import { RecordInvestigation } from '../../application/organizations/record-investigation.use-case';
import { RecordInvestigationRequest } from './organizations.dto';

/**
 * An organization's evaluation record: evaluators read within their jurisdiction, auditors everything, an
 * organization's representative its own record. Mounted under /evaluation by the platform.
 */
@ApiTags('evaluation')
@ApiBearerAuth()
@Controller()
export class OrganizationsHttpController {
  constructor(
    private readonly organizationView: OrganizationViewQuery,
    private readonly gradeHistory: GradeHistoryQuery,
    private readonly recordInvestigation: RecordInvestigation,
  ) {}

  @Get('organizations/:uscc')
  @Roles('evaluator', 'auditor', 'org-representative')
  @ApiOperation({ summary: 'An organization as evaluation knows it: registration status (ACTIVE, REVOKED, DEREGISTERED), current grade, credit measures, and whether it may be evaluated now (with the rule that bars it)' })
  byUscc(@Param('uscc', new UsccPipe()) uscc: string, @CurrentPrincipal() principal: Principal) {
    return this.organizationView.execute(uscc, principal);
  }

  @Put('organizations/:uscc/investigation')
  @Roles('evaluator')
  @ApiOperation({
    summary:
      'Record that the organization is (or no longer is) under investigation by government or judicial organs, with the basis; under Order 39 Art. 7 it is not evaluated meanwhile (the 2026 measures lift this bar). No event carries this fact, so evaluators set it.',
  })
  async investigation(@Param('uscc', new UsccPipe()) uscc: string, @Body() body: RecordInvestigationRequest, @CurrentPrincipal() principal: Principal) {
    const r = await this.recordInvestigation.execute({ uscc, underInvestigation: body.underInvestigation, basis: body.basis }, principal);
    return { uscc, underInvestigation: r.underInvestigation, basis: r.basis, recordedAt: r.recordedAt.toISOString(), recordedBy: r.recordedBy };
  }

  @Get('organizations/:uscc/grades')
  @Roles('evaluator', 'auditor', 'org-representative')
  @ApiOperation({ summary: "The organization's grades, newest first, with status (ACTIVE, SUPERSEDED, CANCELLED) and adjustments" })
  grades(@Param('uscc', new UsccPipe()) uscc: string, @CurrentPrincipal() principal: Principal) {
    return this.gradeHistory.execute(uscc, principal);
  }
}
