import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Public, Roles, type Principal } from '@sop/auth';
import { ValidationErrors } from '@sop/http';
import { parseCivilDate } from '@sop/util';
import { frameworkView, PublishIndicatorFramework } from '../../application/indicator-frameworks/indicator-frameworks.use-cases';
import { isOrganizationForm, ORGANIZATION_FORMS } from '../../domain/procedure/indicator-frameworks';
import { PublishIndicatorFrameworkRequest } from './indicator-frameworks.dto';

const invalid = (field: string, rule: string, message: string) => new ValidationErrors.FAILED(`${field}: ${message}`, { violations: [{ field, rule, message }] });

/** Indicator frameworks per form and jurisdiction (regulations §6 Content and Scoring): every version (public) and publishing one. */
@ApiTags('evaluation')
@Controller('indicator-frameworks')
export class IndicatorFrameworksHttpController {
  constructor(private readonly frameworks: PublishIndicatorFramework) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'Every indicator framework version: national defaults per form (indicator splits UNCONFIRMED) and local versions; a procedure scores against the one in force at its application' })
  async versions() {
    return { items: (await this.frameworks.list()).map(frameworkView) };
  }

  @Post(':jurisdiction/:form/versions')
  @ApiBearerAuth()
  @Roles('evaluator')
  @ApiOperation({ summary: "Publish the next version of a jurisdiction's framework for a form, effective from a later Beijing date (evaluator at national or provincial level covering it)" })
  async publish(@Param('jurisdiction') jurisdiction: string, @Param('form') form: string, @Body() body: PublishIndicatorFrameworkRequest, @CurrentPrincipal() principal: Principal) {
    if (!isOrganizationForm(form)) throw invalid('form', 'ORGANIZATION_FORM', `one of ${ORGANIZATION_FORMS.join(', ')}`);
    const effectiveFrom = parseCivilDate(body.effectiveOn);
    if (!effectiveFrom) throw invalid('effectiveOn', 'civilDate', 'a real date YYYY-MM-DD (Beijing)');
    const sections = body.sections.map((s) => ({ section: s.section, name: s.name, indicators: s.indicators.map((i) => ({ code: i.code, name: i.name, max: i.max })) }));
    return frameworkView(await this.frameworks.publish({ jurisdiction, form, effectiveFrom, sections, maxBonus: body.maxBonus, source: body.source, note: body.note ?? null }, principal));
  }
}
