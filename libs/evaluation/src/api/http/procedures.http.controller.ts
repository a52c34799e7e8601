import { Body, Controller, Get, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Public, Roles, type Principal } from '@sop/auth';
import { UsccPipe } from '@sop/http';
import { AnnounceResult } from '../../application/procedure/announce-result.use-case';
import { ApplyForEvaluation } from '../../application/procedure/apply-for-evaluation.use-cases';
import { AssessmentSteps } from '../../application/procedure/assessment-steps.use-cases';
import { DecisionSteps } from '../../application/procedure/decision-steps.use-cases';
import { ProcedureQueries } from '../../application/procedure/procedure.queries';
import { AssignExpertsRequest, ApplyForEvaluationRequest, CommitteeDecisionRequest, FieldAssessmentRequest, PreliminaryOpinionRequest, ReviewDecisionRequest, ReviewRequestBody, ScoreSheetRequest } from './procedures.dto';

/**
 * The evaluation procedure (regulations §6 Procedure; issue 13): each step a POST that publishes its event. The
 * organization applies and requests reviews; evaluators within the jurisdiction run the other steps. Mounted under
 * /evaluation by the platform.
 */
@ApiTags('evaluation')
@ApiBearerAuth()
@Controller()
export class ProceduresHttpController {
  constructor(
    private readonly apply: ApplyForEvaluation,
    private readonly assessment: AssessmentSteps,
    private readonly decisions: DecisionSteps,
    private readonly announcement: AnnounceResult,
    private readonly queries: ProcedureQueries,
  ) {}

  @Post('procedures')
  @Roles('org-representative')
  @ApiOperation({ summary: 'The organization applies for evaluation (voluntary, 2026 measures; re-evaluation within the first 4 years of validity); the eligibility review is due within 10 working days' })
  applyFor(@Body() body: ApplyForEvaluationRequest, @CurrentPrincipal() principal: Principal) {
    return this.apply.apply(body.uscc, principal);
  }

  @Post('procedures/tracking')
  @Roles('evaluator')
  @ApiOperation({ summary: 'Open a tracking evaluation (跟踪评估) of a sampled organization graded 4A or above (2026 measures)' })
  tracking(@Body() body: ApplyForEvaluationRequest, @CurrentPrincipal() principal: Principal) {
    return this.apply.openTracking(body.uscc, principal);
  }

  @Get('procedures/:id')
  @Roles('evaluator', 'auditor', 'org-representative')
  @ApiOperation({
    summary:
      'A procedure with its indicator-level scorecard and performanceEvidence (service purchasing: take-backs of transferred functions, milestone acceptances, terminations within the 2-year look-back, with the ids frozen at the field assessment and each score sheet); experts by pseudonym to everyone but the committee (evaluators within the jurisdiction)',
  })
  byId(@Param('id', new ParseUUIDPipe()) id: string, @CurrentPrincipal() principal: Principal) {
    return this.queries.procedure(id, principal);
  }

  @Get('organizations/:uscc/procedures')
  @Roles('evaluator', 'auditor', 'org-representative')
  @ApiOperation({ summary: "The organization's procedures, oldest first, with their scorecards and performance evidence (pseudonymous outside the committee)" })
  ofOrganization(@Param('uscc', new UsccPipe()) uscc: string, @CurrentPrincipal() principal: Principal) {
    return this.queries.proceduresOf(uscc, principal);
  }

  @Get('organizations/:uscc/public-grade')
  @Public()
  @ApiOperation({ summary: 'Public: the grade in force, its validity and what it unlocks (3A+: purchasing priority, transferred functions, pre-tax deduction eligibility; 4A+: simplified annual inspection) as rule data' })
  publicGrade(@Param('uscc', new UsccPipe()) uscc: string) {
    return this.queries.publicGrade(uscc);
  }

  @Post('procedures/:id/eligibility-review')
  @Roles('evaluator')
  @ApiOperation({ summary: "The eligibility review: each rule's pass/fail with its evidence (regulations §6; flagged late after 10 working days)" })
  eligibility(@Param('id', new ParseUUIDPipe()) id: string, @CurrentPrincipal() principal: Principal) {
    return this.assessment.reviewEligibility(id, principal);
  }

  @Post('procedures/:id/experts')
  @Roles('evaluator')
  @ApiOperation({ summary: 'Assign the expert group; an expert declared linked to the organization is refused (409 EVALUATION.EXPERT_CONFLICT_OF_INTEREST, rule EXPERT_RECUSAL_LINKED_ORGANIZATION)' })
  experts(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: AssignExpertsRequest, @CurrentPrincipal() principal: Principal) {
    return this.assessment.assignExperts(id, body.experts, principal);
  }

  @Post('procedures/:id/field-assessment')
  @Roles('evaluator')
  @ApiOperation({ summary: 'Record the field assessment (freezing the ids of the performance evidence the experts have before them); the field opinion is due within 7 working days and the report within 30 days' })
  field(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: FieldAssessmentRequest, @CurrentPrincipal() principal: Principal) {
    return this.assessment.recordFieldAssessment(id, body.summary, principal);
  }

  @Post('procedures/:id/score-sheets')
  @Roles('evaluator')
  @ApiOperation({ summary: "An expert's score sheet: every indicator, each at most its maximum, and the local bonus" })
  score(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: ScoreSheetRequest, @CurrentPrincipal() principal: Principal) {
    return this.assessment.recordScoreSheet(id, body, principal);
  }

  @Post('procedures/:id/preliminary-opinion')
  @Roles('evaluator')
  @ApiOperation({ summary: 'The preliminary opinion: the total by MEAN_PER_INDICATOR@v1 and the grade it earns under the cut-offs' })
  opinion(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: PreliminaryOpinionRequest, @CurrentPrincipal() principal: Principal) {
    return this.assessment.givePreliminaryOpinion(id, body.opinion, principal);
  }

  @Post('procedures/:id/committee-decision')
  @Roles('evaluator')
  @ApiOperation({ summary: "The evaluation committee's decision: quorum 2/3, named vote by a majority of all members, the grade from the cut-offs" })
  committee(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: CommitteeDecisionRequest, @CurrentPrincipal() principal: Principal) {
    return this.decisions.recordCommitteeDecision(id, body, principal);
  }

  @Post('procedures/:id/notice')
  @Roles('evaluator')
  @ApiOperation({ summary: 'Put the grade on public notice (公示) for the period of the rule data, with written notice to the organization' })
  notice(@Param('id', new ParseUUIDPipe()) id: string, @CurrentPrincipal() principal: Principal) {
    return this.decisions.publishNotice(id, principal);
  }

  @Post('procedures/:id/reviews')
  @Roles('org-representative')
  @ApiOperation({ summary: 'The organization requests a review in writing, during the public notice only (after it: 422 EVALUATION.REVIEW_PERIOD_OVER)' })
  review(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: ReviewRequestBody, @CurrentPrincipal() principal: Principal) {
    return this.decisions.requestReview(id, body.grounds, principal);
  }

  @Post('procedures/:id/reviews/:reviewId/decision')
  @Roles('evaluator')
  @ApiOperation({ summary: 'The review decision by named vote (majority of all members), notified in writing (due within 15 days); may change the total and the grade' })
  reviewDecision(@Param('id', new ParseUUIDPipe()) id: string, @Param('reviewId', new ParseUUIDPipe()) reviewId: string, @Body() body: ReviewDecisionRequest, @CurrentPrincipal() principal: Principal) {
    return this.decisions.decideReview(id, reviewId, body, principal);
  }

  @Post('procedures/:id/announcement')
  @Roles('evaluator')
  @ApiOperation({ summary: 'Announce the result after the notice (GradeAwarded through the grade award) and issue certificate and plaque for 3A and above' })
  announce(@Param('id', new ParseUUIDPipe()) id: string, @CurrentPrincipal() principal: Principal) {
    return this.announcement.announce(id, principal);
  }
}
