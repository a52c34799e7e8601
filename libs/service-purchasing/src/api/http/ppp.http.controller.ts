import { Body, Controller, Get, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Public, Roles, type Principal } from '@sop/auth';
import { PppAgreements } from '../../application/ppp/ppp-agreements.use-cases';
import { PppAgreementRequest } from './ppp.dto';

/** Government–social capital cooperation (PPP): long-term agreements with availability payments per year. */
@ApiTags('ppp')
@ApiBearerAuth()
@Controller('ppp/agreements')
export class PppHttpController {
  constructor(private readonly agreements: PppAgreements) {}

  @Post()
  @Roles('purchaser')
  @ApiOperation({ summary: "Sign a PPP agreement for your organ: whole-year term of 10–30 years (422 PURCHASE_MODES.PPP_TERM_INVALID; the only mode past Order 102 Art. 24), one availability payment per year as the contract's milestones, partner eligibility at signing, value committed on your budget line. Each year is accepted (POST /contracts/{id}/milestones/{year}/acceptance) and paid (POST /contracts/{id}/payments) as any contract. Publishes ContractSigned and purchasing.purchase-modes.ppp-agreement-signed" })
  sign(@Body() body: PppAgreementRequest, @CurrentPrincipal() principal: Principal) {
    return this.agreements.sign(body, principal);
  }

  @Get(':id')
  @Public()
  @ApiOperation({ summary: 'A PPP agreement (public) with each year: due date, amount, acceptance (score, band) and paid amount' })
  get(@Param('id', new ParseUUIDPipe()) id: string) {
    return this.agreements.get(id);
  }
}
