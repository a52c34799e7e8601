import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Public, Roles, type Principal } from '@sop/auth';
import { ValidationErrors } from '@sop/http';
import { parseCivilDate } from '@sop/util';
import { FunctionCatalogue } from '../../../application/function-transfer/catalogue/catalogue-items.use-cases';
import { UndertakerQualifications } from '../../../application/function-transfer/qualifications/undertaker-qualifications.use-cases';
import { TransferRuleSets } from '../../../application/function-transfer/rule-sets/transfer-rule-sets.use-cases';
import { CatalogueQuery, GrantQualificationRequest, IdentifyFunctionRequest, MoveStageRequest, QualificationsQuery } from './function-transfer.dto';
import { PublishTransferRuleSetRequest } from './transfer-rule-sets.dto';

const DIVISION = /^\d{6}$/;

/** The catalogue of transferable functions (regulations §8 item 1) and civil affairs' catalogue of qualified undertakers (item 2). */
@ApiTags('function-transfer')
@Controller('function-transfer')
export class FunctionCatalogueHttpController {
  constructor(
    private readonly catalogue: FunctionCatalogue,
    private readonly qualifications: UndertakerQualifications,
    private readonly ruleSets: TransferRuleSets,
  ) {}

  @Post('catalogue-items')
  @ApiBearerAuth()
  @Roles('purchaser')
  @ApiOperation({
    summary:
      "Identify a transferable function in your department's catalogue (the registered organ of your unit_id, else 422 FUNCTION_TRANSFER.DEPARTMENT_NOT_REGISTERED), at stage IDENTIFIED. Publishes FunctionStageMoved (purchasing.function-transfer.v1)",
  })
  identify(@Body() body: IdentifyFunctionRequest, @CurrentPrincipal() principal: Principal) {
    return this.catalogue.identify({ functionArea: body.functionArea, title: body.title, kindOfAct: body.kindOfAct, legalBasis: body.legalBasis ?? null, reason: body.reason }, principal);
  }

  @Post('catalogue-items/:id/stage')
  @ApiBearerAuth()
  @Roles('purchaser')
  @ApiOperation({
    summary:
      'Move one of your catalogue items one stage (IDENTIFIED → PILOT → TRANSFERRED → UNDERTAKEN) or revoke it (take-back: its agreements are revoked, cases in first review return to you). No legal basis: 422 FUNCTION_TRANSFER.NO_LEGAL_BASIS; a skipped stage 422 STAGE_SKIPPED; another department 403 NOT_THE_DEPARTMENT. Publishes FunctionStageMoved',
  })
  move(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: MoveStageRequest, @CurrentPrincipal() principal: Principal) {
    return this.catalogue.move(id, { to: body.to, legalBasis: body.legalBasis ?? null, reason: body.reason }, principal);
  }

  @Get('catalogue-items')
  @Public()
  @ApiOperation({ summary: 'The public catalogue of transferable functions of a division (and those under it) or of one department, each with its stage history' })
  list(@Query() query: CatalogueQuery) {
    return this.catalogue.list(query);
  }

  @Get('catalogue-items/:id')
  @Public()
  @ApiOperation({ summary: 'One catalogue item with every move (who, why, legal basis, event)' })
  item(@Param('id', new ParseUUIDPipe()) id: string) {
    return this.catalogue.item(id);
  }

  @Post('qualifications')
  @ApiBearerAuth()
  @Roles('registrar')
  @ApiOperation({
    summary:
      "Civil affairs qualifies an organization to undertake transferred functions, for the rule set's period (5 years), against its rules (registered and active, on neither list, grade threshold, annual report) with the evidence frozen; 422 FUNCTION_TRANSFER.QUALIFICATION_REFUSED gives each rule. Registrars whose jurisdiction covers the organization's registering authority (else 403). Publishes UndertakerQualificationGranted",
  })
  grant(@Body() body: GrantQualificationRequest, @CurrentPrincipal() principal: Principal) {
    return this.qualifications.grant(body.uscc, principal);
  }

  @Get('qualifications')
  @Public()
  @ApiOperation({ summary: 'The public catalogue of qualified undertakers (every qualification, whether in force today, suspended ones with their cause and evidence)' })
  qualificationsList(@Query() query: QualificationsQuery) {
    return this.qualifications.list(query);
  }

  @Get('qualifications/:id')
  @Public()
  @ApiOperation({ summary: 'One qualification with the evaluation frozen at the grant and any suspension' })
  qualification(@Param('id', new ParseUUIDPipe()) id: string) {
    return this.qualifications.qualification(id);
  }

  @Get('rules')
  @Public()
  @ApiOperation({ summary: 'The rule versions (qualification rules and concentration thresholds) decisions record' })
  rules() {
    return this.qualifications.rules();
  }

  @Post('rule-sets/:jurisdiction/versions')
  @ApiBearerAuth()
  @Roles('registrar')
  @ApiOperation({
    summary:
      "Civil affairs publishes a local version of the transfer rules (qualification validity, grade threshold, barring lists; concentration thresholds) for a division its jurisdiction covers (else 403 AUTH.OUT_OF_JURISDICTION), effective from a Beijing date not in the past; the most specific version in force decides",
  })
  publishRuleSet(@Param('jurisdiction') jurisdiction: string, @Body() body: PublishTransferRuleSetRequest, @CurrentPrincipal() principal: Principal) {
    const effectiveFrom = parseCivilDate(body.effectiveOn);
    if (!DIVISION.test(jurisdiction) || !effectiveFrom)
      throw new ValidationErrors.FAILED('jurisdiction or effectiveOn invalid', {
        violations: [!DIVISION.test(jurisdiction) ? { field: 'jurisdiction', rule: 'division', message: 'a 6-digit division code' } : { field: 'effectiveOn', rule: 'civilDate', message: 'a real date YYYY-MM-DD (Beijing)' }],
      });
    return this.ruleSets.publish(
      jurisdiction,
      {
        effectiveFrom,
        source: body.source,
        qualification: { ...body.qualification, minimumGrade: body.qualification.minimumGrade ?? null, annualReport: 'ABNORMAL_LIST_AS_PROXY' },
        concentration: body.concentration,
      },
      principal,
    );
  }
}
