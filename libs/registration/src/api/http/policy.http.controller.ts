import { Body, Controller, Get, Param, ParseIntPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Public, Roles, type Principal } from '@sop/auth';
import { ValidationErrors } from '@sop/http';
import { civilDate, instant, optionalInstant } from '@sop/util';
import { PolicyReads } from '../../application/policy/policy-reads.use-cases';
import { PublishPolicyVersion } from '../../application/policy/publish-policy-version.use-case';
import { assertPolicyJurisdiction, effectiveFromOf, normalizeEffectiveFrom } from '../../domain/registration-policy';
import { DecisionQuery, policyVersionView, PublishPolicyVersionRequest } from './policy.dto';

/** The `:jurisdiction` path parameter: six digits, else 400 REGISTRATION.POLICY_JURISDICTION ('000000' reads as an unknown rule set). */
function divisionParam(value: string): string {
  if (!/^\d{6}$/.test(value)) assertPolicyJurisdiction(value);
  return value;
}

/** Registration policy as data: every version, one version, a decision preview, and publishing a new version. */
@ApiTags('registration')
@Controller()
export class PolicyHttpController {
  constructor(
    private readonly reads: PolicyReads,
    private readonly publishing: PublishPolicyVersion,
  ) {}

  @Get('policy/versions')
  @Public()
  @ApiOperation({ summary: 'Every registration-regime rule set version (old versions stay readable)' })
  async policyVersions() {
    return { items: (await this.reads.list()).map(policyVersionView) };
  }

  @Get('policy/rule-sets/:jurisdiction/versions/:version')
  @Public()
  async policyVersion(@Param('jurisdiction') jurisdiction: string, @Param('version', ParseIntPipe) version: number) {
    return policyVersionView(await this.reads.get(divisionParam(jurisdiction), version));
  }

  @Get('policy/decision')
  @Public()
  @ApiOperation({ summary: 'Which regime and rule-set version decide (authority, form, category), now or asOf' })
  async decision(@Query() q: DecisionQuery) {
    return this.reads.decide({ ...q, asOf: optionalInstant(q.asOf) });
  }

  @Post('policy/rule-sets/:jurisdiction/versions')
  @ApiBearerAuth()
  @Roles('registrar')
  @ApiOperation({ summary: 'Publish a new version (effectiveOn: a later Beijing date; effectiveFrom accepted) of the rule set of a jurisdiction; national or covering provincial registrar' })
  async publishPolicy(@Param('jurisdiction') jurisdiction: string, @Body() body: PublishPolicyVersionRequest, @CurrentPrincipal() principal: Principal) {
    const version = await this.publishing.publish(
      {
        jurisdiction: divisionParam(jurisdiction),
        effectiveFrom: effectiveFromOfRequest(body),
        rules: body.rules.map((r) => ({ form: r.form ?? null, category: r.category ?? null, regime: r.regime, source: r.source })),
        note: body.note ?? null,
      },
      principal,
    );
    return policyVersionView(version);
  }
}

/** effectiveOn (a Beijing date) or, for compatibility, effectiveFrom (an instant, taken at its Beijing date); not both. */
function effectiveFromOfRequest(body: PublishPolicyVersionRequest): Date {
  if (body.effectiveOn !== undefined && body.effectiveFrom !== undefined) {
    throw new ValidationErrors.FAILED('effectiveOn: give effectiveOn or effectiveFrom, not both', {
      violations: [{ field: 'effectiveOn', rule: 'oneOf', message: 'give effectiveOn (YYYY-MM-DD, Beijing) or effectiveFrom (an instant), not both' }],
    });
  }
  return body.effectiveOn !== undefined ? effectiveFromOf(civilDate(body.effectiveOn)) : normalizeEffectiveFrom(instant(body.effectiveFrom as string));
}
