import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Public, Roles, type Principal } from '@sop/auth';
import { AgreementTakeBack } from '../../../application/function-transfer/agreements/take-back.use-case';
import { TransferAgreements } from '../../../application/function-transfer/agreements/transfer-agreements.use-cases';
import { ConcentrationReport } from '../../../application/function-transfer/concentration/concentration-report.use-case';
import { AgreementsQuery, ConcentrationQuery, ConcludeAgreementRequest, TakeBackRequest } from './function-transfer.dto';

/** Transfer agreements (regulations §8 item 3), take-back (issue 12 item 5) and the concentration watch (item 7). */
@ApiTags('function-transfer')
@Controller('function-transfer')
export class TransferAgreementsHttpController {
  constructor(
    private readonly agreements: TransferAgreements,
    private readonly takeBacks: AgreementTakeBack,
    private readonly concentration: ConcentrationReport,
  ) {}

  @Post('agreements')
  @ApiBearerAuth()
  @Roles('purchaser')
  @ApiOperation({
    summary:
      'Conclude a transfer agreement for one of your catalogue items (PILOT or later) and an area in your jurisdiction with a qualified organization: DIRECT, COMMISSIONED, or PURCHASED naming a procurement of this service awarded to it by your department (else 422 PROCUREMENT_NOT_AWARDED_TO_ORGANIZATION). Publishes TransferAgreementConcluded',
  })
  conclude(@Body() body: ConcludeAgreementRequest, @CurrentPrincipal() principal: Principal) {
    return this.agreements.conclude({ ...body, procurementId: body.procurementId ?? null, valueFen: body.valueFen ?? 0 }, principal);
  }

  @Get('agreements')
  @Public()
  @ApiOperation({ summary: 'Public: transfer agreements of a division, an organization, an item or a department' })
  list(@Query() query: AgreementsQuery) {
    return this.agreements.list(query);
  }

  @Get('agreements/:id')
  @Public()
  @ApiOperation({ summary: 'Public: one agreement with its take-backs and case figures (volumes, overdue first reviews, mean time to first review, override rate)' })
  agreement(@Param('id', new ParseUUIDPipe()) id: string) {
    return this.agreements.agreement(id);
  }

  @Post('agreements/:id/take-back')
  @ApiBearerAuth()
  @Roles('purchaser')
  @ApiOperation({
    summary:
      'Take back: your department suspends or revokes the agreement with reasons and legal basis; cases in first review return to you (RETURNED_TO_DEPARTMENT). A revocation for cause reaches credit supervision. Publishes TransferAgreementTakenBack',
  })
  takeBack(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: TakeBackRequest, @CurrentPrincipal() principal: Principal) {
    return this.takeBacks.takeBack(id, body, principal);
  }

  @Get('concentration')
  @Public()
  @ApiOperation({
    summary:
      "The watch against a 'second government' and monopoly per function area in a division: each organization's share of undertaken functions, cases and value, the HHI, alerts over the rule set's thresholds, override rate and overdue first reviews as warning signs",
  })
  report(@Query() query: ConcentrationQuery) {
    return this.concentration.report(query.jurisdiction, query.functionArea);
  }
}
