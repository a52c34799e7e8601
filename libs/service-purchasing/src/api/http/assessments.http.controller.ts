import { Body, Controller, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '@sop/auth';
import { AssessPerformance } from '../../application/assessments/assess-performance.use-case';
import { AssessPerformanceRequest } from './assessments.dto';

/** The contract's purchasing organ assesses the supplier's performance (a sub-resource of the contract). */
@ApiTags('contracts')
@ApiBearerAuth()
@Controller('contracts')
export class AssessmentsHttpController {
  constructor(private readonly assessing: AssessPerformance) {}

  @Post(':id/performance-assessments')
  @Roles('purchaser')
  @ApiOperation({ summary: "Assess the supplier's performance (score 0–100 → outcome band of the purchaser's rule set in force, ruleVersion recorded; under the national default, which has no bands, outcome NOT_BANDED with outcomeBasis NO_BANDING_RULE); only the contract's purchasing organ (same unit, or same jurisdiction for a contract recorded without a unit) — a contract outside the caller's reach is 404 PURCHASING.CONTRACT_NOT_FOUND as a missing one, one it reads but does not manage 403 PURCHASING.NOT_THE_PURCHASER; publishes ContractPerformanceAssessed. Allowed from 00:00 Beijing time of termStart (else 422 PURCHASING.ASSESSMENT_BEFORE_TERM)" })
  assess(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: AssessPerformanceRequest, @CurrentPrincipal() principal: Principal) {
    return this.assessing.assessPerformance(id, body, principal);
  }
}
