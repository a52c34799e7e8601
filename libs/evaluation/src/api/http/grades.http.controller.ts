import { Body, Controller, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '@sop/auth';
import { AdjustGrade } from '../../application/grades/adjust-grade.use-case';
import { AwardGrade } from '../../application/grades/award-grade.use-case';
import { AdjustGradeRequest, AwardGradeRequest } from './grades.dto';

/**
 * Grade decisions: evaluators award and adjust grades within their jurisdiction (the organization's registering
 * authority). Mounted under /evaluation by the platform.
 */
@ApiTags('evaluation')
@ApiBearerAuth()
@Controller()
export class GradesHttpController {
  constructor(
    private readonly awardGrade: AwardGrade,
    private readonly adjustGrade: AdjustGrade,
  ) {}

  @Post('grades')
  @Roles('evaluator')
  @ApiOperation({ summary: "Record the committee's announced grade (regulations §6): quorum and majority, cut-offs, eligibility and validity under the rule set in force; publishes GradeAwarded" })
  award(@Body() body: AwardGradeRequest, @CurrentPrincipal() principal: Principal) {
    return this.awardGrade.execute(body, principal);
  }

  @Post('grades/:id/adjustments')
  @Roles('evaluator')
  @ApiOperation({ summary: 'Lower (newGrade strictly lower) or cancel (no newGrade) a grade in force; closes its open verification cases; publishes GradeAdjusted' })
  adjust(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: AdjustGradeRequest, @CurrentPrincipal() principal: Principal) {
    return this.adjustGrade.execute(id, body, principal);
  }
}
