import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Public, Roles, type Principal } from '@sop/auth';
import { ValidationErrors } from '@sop/http';
import { parseCivilDate } from '@sop/util';
import { PublishRuleSetVersion, RuleSetReads } from '../../application/rule-sets/publish-rule-set-version.use-case';
import { ruleSetVersionView } from '../../application/rule-sets/rule-set.view';
import { assertLocalJurisdiction } from '../../domain/rule-set-publishing';
import { PublishRuleSetVersionRequest } from './rule-sets.dto';

/** Purchasing rule sets per jurisdiction (issue §2 "local rules are local"): every version (public) and publishing a local one. */
@ApiTags('rule-sets')
@Controller('rule-sets')
export class RuleSetsHttpController {
  constructor(
    private readonly reads: RuleSetReads,
    private readonly publishing: PublishRuleSetVersion,
  ) {}

  @Get()
  @Public()
  @ApiOperation({
    summary:
      'Every purchasing rule-set version (national default purchasing/100000 = Order 102 without performance bands; local versions with their bands). A decision applies the most specific rule set covering the purchaser in force on its Beijing date and records it as ruleVersion',
  })
  async versions() {
    return { items: (await this.reads.list()).map(ruleSetVersionView) };
  }

  @Post(':jurisdiction/versions')
  @ApiBearerAuth()
  @Roles('finance-officer')
  @ApiOperation({
    summary:
      "Publish the next version of a jurisdiction's purchasing rule set (its performance bands and optional performance bar, local practice), effective from a later Beijing date; a finance officer at national level or of the covering province (else 403)",
  })
  async publish(@Param('jurisdiction') jurisdiction: string, @Body() body: PublishRuleSetVersionRequest, @CurrentPrincipal() principal: Principal) {
    assertLocalJurisdiction(jurisdiction);
    const effectiveFrom = parseCivilDate(body.effectiveOn);
    if (!effectiveFrom)
      throw new ValidationErrors.FAILED('effectiveOn: not a calendar date', { violations: [{ field: 'effectiveOn', rule: 'civilDate', message: 'a real date YYYY-MM-DD (Beijing)' }] });
    const version = await this.publishing.publish(
      { jurisdiction, effectiveFrom, bands: body.bands.map((b) => ({ minScore: b.minScore, outcome: b.outcome })), source: body.source, note: body.note ?? null, performanceBar: body.performanceBar ? { ...body.performanceBar } : null },
      principal,
    );
    return ruleSetVersionView(version);
  }
}
