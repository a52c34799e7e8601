import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '@sop/auth';
import { UsccPipe } from '@sop/http';
import { EvaluationService } from '../application/evaluation.service';
import { AdjustGradeRequest, AwardGradeRequest, VerificationCaseQuery } from './evaluation.dto';

/**
 * Evaluators decide grades within their jurisdiction (the organization's registering authority); auditors read
 * everything; an organization's representative reads its own record. Mounted under /evaluation by the platform.
 */
@ApiTags('evaluation')
@ApiBearerAuth()
@Controller()
export class EvaluationHttpController {
  constructor(private readonly evaluation: EvaluationService) {}

  @Get('organizations/:uscc')
  @Roles('evaluator', 'auditor', 'org-representative')
  @ApiOperation({ summary: 'An organization as evaluation knows it: registration status (ACTIVE, REVOKED, DEREGISTERED), current grade, credit measures, and whether it may be evaluated now (with the rule that bars it)' })
  byUscc(@Param('uscc', new UsccPipe()) uscc: string, @CurrentPrincipal() principal: Principal) {
    return this.evaluation.organizationView(uscc, principal);
  }

  @Get('organizations/:uscc/grades')
  @Roles('evaluator', 'auditor', 'org-representative')
  @ApiOperation({ summary: "The organization's grades, newest first, with status (ACTIVE, SUPERSEDED, CANCELLED) and adjustments" })
  grades(@Param('uscc', new UsccPipe()) uscc: string, @CurrentPrincipal() principal: Principal) {
    return this.evaluation.gradeHistory(uscc, principal);
  }

  @Post('grades')
  @Roles('evaluator')
  @ApiOperation({ summary: "Record the committee's announced grade (regulations §6): quorum and majority, cut-offs, eligibility and validity under the rule set in force; publishes GradeAwarded" })
  award(@Body() body: AwardGradeRequest, @CurrentPrincipal() principal: Principal) {
    return this.evaluation.awardGrade(body, principal);
  }

  @Post('grades/:id/adjustments')
  @Roles('evaluator')
  @ApiOperation({ summary: 'Lower (newGrade strictly lower) or cancel (no newGrade) a grade in force; closes its open verification cases; publishes GradeAdjusted' })
  adjust(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: AdjustGradeRequest, @CurrentPrincipal() principal: Principal) {
    return this.evaluation.adjustGrade(id, body, principal);
  }

  @Get('verification-cases')
  @Roles('evaluator', 'auditor')
  @ApiOperation({ summary: 'Verification evaluations (核查评估) opened by credit measures or by the revocation / deregistration of a graded organization, within your jurisdiction; ?status=OPEN|CLOSED' })
  cases(@Query() query: VerificationCaseQuery, @CurrentPrincipal() principal: Principal) {
    return this.evaluation.verificationCases(query.status, principal);
  }

  @Post('verification-cases/:id/confirmation')
  @HttpCode(200)
  @Roles('evaluator')
  @ApiOperation({ summary: 'The verification found nothing that changes the grade: close the case, grade kept' })
  confirm(@Param('id', new ParseUUIDPipe()) id: string, @CurrentPrincipal() principal: Principal) {
    return this.evaluation.confirmGrade(id, principal);
  }
}
