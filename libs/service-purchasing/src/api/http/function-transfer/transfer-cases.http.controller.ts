import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '@sop/auth';
import { TransferCases } from '../../../application/function-transfer/cases/transfer-cases.use-cases';
import { CasesQuery, DepartmentDecisionRequest, FirstReviewRequest, SubmitCaseRequest } from './function-transfer.dto';

/** Cases under transfer agreements (issue 12 item 4): submission, the association's first review, the department's decision. */
@ApiTags('function-transfer')
@ApiBearerAuth()
@Controller('function-transfer')
export class TransferCasesHttpController {
  constructor(private readonly cases: TransferCases) {}

  @Post('agreements/:id/cases')
  @Roles('applicant')
  @ApiOperation({ summary: 'Submit a matter under an agreement in force (else 409 AGREEMENT_NOT_IN_FORCE); the first review is due within the agreement\'s working days. Publishes TransferCaseSubmitted' })
  submit(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: SubmitCaseRequest, @CurrentPrincipal() principal: Principal) {
    return this.cases.submit(id, body, principal);
  }

  @Get('agreements/:id/cases')
  @Roles('purchaser', 'org-representative', 'auditor')
  @ApiOperation({ summary: "An agreement's cases (its department, its association, auditors; else 404); ?overdue=true keeps first reviews past their deadline" })
  ofAgreement(@Param('id', new ParseUUIDPipe()) id: string, @Query() query: CasesQuery, @CurrentPrincipal() principal: Principal) {
    return this.cases.ofAgreement(id, query.overdue === 'true', principal);
  }

  @Get('cases/mine')
  @Roles('applicant')
  @ApiOperation({ summary: 'Your own cases (the applicant who submitted them), each with its first review and the department decision' })
  mine(@CurrentPrincipal() principal: Principal) {
    return this.cases.mine(principal);
  }

  @Get('cases/:id')
  @Roles('applicant', 'org-representative', 'purchaser', 'auditor')
  @ApiOperation({ summary: 'A case with both steps (first review, department decision): its applicant, its association, its department, auditors; else 404' })
  case(@Param('id', new ParseUUIDPipe()) id: string, @CurrentPrincipal() principal: Principal) {
    return this.cases.case(id, principal);
  }

  @Post('cases/:id/first-review')
  @Roles('org-representative')
  @ApiOperation({ summary: "The undertaking association's first review (APPROVE / APPROVE_WITH_CONDITIONS / REFUSE with reasons); another organization 403 NOT_THE_UNDERTAKER. Publishes FirstReviewRecorded" })
  firstReview(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: FirstReviewRequest, @CurrentPrincipal() principal: Principal) {
    return this.cases.firstReview(id, { recommendation: body.recommendation, reasons: body.reasons, conditions: body.conditions ?? [] }, principal);
  }

  @Post('cases/:id/decision')
  @Roles('purchaser')
  @ApiOperation({
    summary:
      "The department's final decision, confirming or overriding the first review (an override gives reasons); only the transferring department — an association is 403 AUTH.ROLE_REQUIRED. Publishes DepartmentDecisionRecorded",
  })
  decide(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: DepartmentDecisionRequest, @CurrentPrincipal() principal: Principal) {
    return this.cases.decide(id, { decision: body.decision, reasons: body.reasons, conditions: body.conditions ?? [] }, principal);
  }
}
