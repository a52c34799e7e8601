import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '@sop/auth';
import { VerificationCases } from '../../application/verification-cases/verification-cases.use-cases';
import { VerificationCaseQuery } from './verification-cases.dto';

/**
 * Verification evaluations (核查评估): evaluators list them within their jurisdiction and close them when the grade
 * is kept; auditors read all. Mounted under /evaluation by the platform.
 */
@ApiTags('evaluation')
@ApiBearerAuth()
@Controller()
export class VerificationCasesHttpController {
  constructor(private readonly verificationCases: VerificationCases) {}

  @Get('verification-cases')
  @Roles('evaluator', 'auditor')
  @ApiOperation({ summary: 'Verification evaluations (核查评估) opened by credit measures or by the revocation / deregistration of a graded organization, within your jurisdiction; ?status=OPEN|CLOSED' })
  cases(@Query() query: VerificationCaseQuery, @CurrentPrincipal() principal: Principal) {
    return this.verificationCases.list(query.status, principal);
  }

  @Post('verification-cases/:id/confirmation')
  @HttpCode(200)
  @Roles('evaluator')
  @ApiOperation({ summary: 'The verification found nothing that changes the grade: close the case, grade kept' })
  confirm(@Param('id', new ParseUUIDPipe()) id: string, @CurrentPrincipal() principal: Principal) {
    return this.verificationCases.confirmGrade(id, principal);
  }
}
