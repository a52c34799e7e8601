import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Public, Roles, type Principal } from '@sop/auth';
import { ValidationErrors } from '@sop/http';
import { parseCivilDate } from '@sop/util';
import { PublishEvaluationRuleSetVersion, ruleSetVersionView } from '../../application/rule-sets/rule-sets.use-cases';
import { PublishEvaluationRuleSetVersionRequest } from './rule-sets.dto';

/** Local evaluation rule sets per jurisdiction (issue §2 "local rules are local"; regulations §6 Scoring): every version (public) and publishing one. */
@ApiTags('evaluation')
@Controller('rule-sets')
export class EvaluationRuleSetsHttpController {
  constructor(private readonly ruleSets: PublishEvaluationRuleSetVersion) {}

  @Get()
  @Public()
  @ApiOperation({
    summary:
      "Every local evaluation rule-set version (grade cut-offs, set locally per regulations §6; the national rule sets Order 39 and the 2026 measures carry none). A grade applies the most specific one covering the evaluating authority in force on its announcement's Beijing date and records it as localRuleVersion",
  })
  async versions() {
    return { items: (await this.ruleSets.list()).map(ruleSetVersionView) };
  }

  @Post(':jurisdiction/versions')
  @ApiBearerAuth()
  @Roles('evaluator')
  @ApiOperation({
    summary:
      "Publish the next version of a jurisdiction's local evaluation rule set (its grade cut-offs), effective from a later Beijing date; an evaluator at national level or of the covering province (else 403)",
  })
  async publish(@Param('jurisdiction') jurisdiction: string, @Body() body: PublishEvaluationRuleSetVersionRequest, @CurrentPrincipal() principal: Principal) {
    const effectiveFrom = parseCivilDate(body.effectiveOn);
    if (!effectiveFrom)
      throw new ValidationErrors.FAILED('effectiveOn: not a calendar date', { violations: [{ field: 'effectiveOn', rule: 'civilDate', message: 'a real date YYYY-MM-DD (Beijing)' }] });
    const version = await this.ruleSets.publish(
      { jurisdiction, effectiveFrom, cutOffs: body.cutOffs.map((c) => ({ grade: c.grade, minScore: c.minScore })), source: body.source, note: body.note ?? null },
      principal,
    );
    return ruleSetVersionView(version);
  }
}
