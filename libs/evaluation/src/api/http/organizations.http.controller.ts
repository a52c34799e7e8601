import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '@sop/auth';
import { UsccPipe } from '@sop/http';
import { GradeHistoryQuery } from '../../application/grades/grade-history.query';
import { OrganizationViewQuery } from '../../application/organizations/organization-view.query';

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
  ) {}

  @Get('organizations/:uscc')
  @Roles('evaluator', 'auditor', 'org-representative')
  @ApiOperation({ summary: 'An organization as evaluation knows it: registration status (ACTIVE, REVOKED, DEREGISTERED), current grade, credit measures, and whether it may be evaluated now (with the rule that bars it)' })
  byUscc(@Param('uscc', new UsccPipe()) uscc: string, @CurrentPrincipal() principal: Principal) {
    return this.organizationView.execute(uscc, principal);
  }

  @Get('organizations/:uscc/grades')
  @Roles('evaluator', 'auditor', 'org-representative')
  @ApiOperation({ summary: "The organization's grades, newest first, with status (ACTIVE, SUPERSEDED, CANCELLED) and adjustments" })
  grades(@Param('uscc', new UsccPipe()) uscc: string, @CurrentPrincipal() principal: Principal) {
    return this.gradeHistory.execute(uscc, principal);
  }
}
