import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Public, Roles, type Principal } from '@sop/auth';
import { ValidationErrors } from '@sop/http';
import { parseCivilDate } from '@sop/util';
import { CreditRuleSetUseCases } from '../../application/rule-sets/publish-credit-rule-set.use-case';
import { PublishCreditRuleSetVersionRequest } from './rule-sets.dto';

/** Credit rule sets per jurisdiction (issue §2 "local rules are local", regulations §5.3): every version (public) and publishing a local one. */
@ApiTags('rule-sets')
@Controller('rule-sets')
export class CreditRuleSetsHttpController {
  constructor(private readonly ruleSets: CreditRuleSetUseCases) {}

  @Get()
  @Public()
  @ApiOperation({
    summary:
      "Every credit rule-set version (national default credit-lists/order-60 = Order 60; local versions credit-lists/<division> with their joint measures). A list decision applies the most specific rule set covering the organization's registering authority in force on its Beijing date and records it as ruleVersion",
  })
  async versions() {
    return { items: await this.ruleSets.list() };
  }

  @Post(':jurisdiction/versions')
  @ApiBearerAuth()
  @Roles('credit-officer')
  @ApiOperation({
    summary:
      "Publish the next version of a jurisdiction's credit rule set (its joint measures, local practice under regulations §5.3), effective from a later Beijing date; a credit officer at national level or of the covering province (else 403)",
  })
  async publish(@Param('jurisdiction') jurisdiction: string, @Body() body: PublishCreditRuleSetVersionRequest, @CurrentPrincipal() principal: Principal) {
    const effectiveFrom = parseCivilDate(body.effectiveFrom);
    if (!effectiveFrom)
      throw new ValidationErrors.FAILED('effectiveFrom: not a calendar date', { violations: [{ field: 'effectiveFrom', rule: 'civilDate', message: 'a real date YYYY-MM-DD (Beijing)' }] });
    return this.ruleSets.publish({ jurisdiction, effectiveFrom, jointMeasures: { ABNORMAL: body.jointMeasures.ABNORMAL, SERIOUS: body.jointMeasures.SERIOUS }, source: body.source }, principal);
  }
}
