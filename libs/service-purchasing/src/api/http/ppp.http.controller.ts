import { Body, Controller, Get, Param, ParseIntPipe, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Public, Roles, type Principal } from '@sop/auth';
import { PppAgreements } from '../../application/ppp/ppp-agreements.use-cases';
import { PppAgreementRequest, YearAssessmentRequest } from './ppp.dto';

/** Government–social capital cooperation (PPP): long-term agreements with availability payments per year. */
@ApiTags('ppp')
@ApiBearerAuth()
@Controller('ppp/agreements')
export class PppHttpController {
  constructor(private readonly agreements: PppAgreements) {}

  @Post()
  @Roles('purchaser')
  @ApiOperation({ summary: "Sign a PPP agreement for your organ: whole-year term of 10–30 years (422 PURCHASE_MODES.PPP_TERM_INVALID; the only mode past Order 102 Art. 24), one availability payment per year as the contract's milestones, partner eligibility at signing, value committed on your budget line. Each year is assessed (POST /ppp/agreements/{id}/years/{year}/assessment) and paid (POST /contracts/{id}/payments) as any contract. Publishes ContractSigned and purchasing.purchase-modes.ppp-agreement-signed" })
  sign(@Body() body: PppAgreementRequest, @CurrentPrincipal() principal: Principal) {
    return this.agreements.sign(body, principal);
  }

  @Post(':id/years/:year/assessment')
  @Roles('purchaser')
  @ApiOperation({ summary: "Your organ's performance assessment of a year: the year's availability payment is accepted only when the score reaches the agreement's minimum (banded by the rule set in force; one pass per year, a failed year may be re-assessed). Publishes purchasing.contract.milestone-accepted" })
  assess(@Param('id', new ParseUUIDPipe()) id: string, @Param('year', new ParseIntPipe()) year: number, @Body() body: YearAssessmentRequest, @CurrentPrincipal() principal: Principal) {
    return this.agreements.assessYear(id, year, body, principal);
  }

  @Get(':id')
  @Public()
  @ApiOperation({ summary: 'A PPP agreement (public) with each year: due date, amount, acceptance (score, band) and paid amount' })
  get(@Param('id', new ParseUUIDPipe()) id: string) {
    return this.agreements.get(id);
  }
}
