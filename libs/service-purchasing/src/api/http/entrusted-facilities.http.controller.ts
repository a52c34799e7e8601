import { Body, Controller, Get, Param, ParseIntPipe, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Public, Roles, type Principal } from '@sop/auth';
import { EntrustedFacilities } from '../../application/entrusted-facilities/facilities.use-cases';
import { FacilityPeriodChecks } from '../../application/entrusted-facilities/period-checks.use-case';
import { EntrustRequest, PeriodCheckRequest, RegisterFacilityRequest } from './entrusted-facilities.dto';

/** Entrusted operation of public facilities (公建民营): facility, operator, term, fees, subsidies, periodic checks. */
@ApiTags('entrusted-facilities')
@ApiBearerAuth()
@Controller('entrusted-facilities')
export class EntrustedFacilitiesHttpController {
  constructor(
    private readonly facilities: EntrustedFacilities,
    private readonly checks: FacilityPeriodChecks,
  ) {}

  @Post()
  @Roles('purchaser')
  @ApiOperation({ summary: 'Register a public facility your organ owns: name, kind, address, capacity' })
  register(@Body() body: RegisterFacilityRequest, @CurrentPrincipal() principal: Principal) {
    return this.facilities.register(body, principal);
  }

  @Get(':id')
  @Public()
  @ApiOperation({ summary: 'A facility (public): owner, operator, term, fees and caps, subsidies, indicators and each period check' })
  get(@Param('id', new ParseUUIDPipe()) id: string) {
    return this.facilities.get(id);
  }

  @Post(':id/operation')
  @Roles('purchaser')
  @ApiOperation({ summary: "Entrust your organ's facility to an operator: through your procurement's award (the award must name it: 422 PURCHASE_MODES.AWARD_NOT_TO_OPERATOR; the contract is signed as POST /procurements/{id}/contract) or with its legal basis, a budget line and method; term (Art. 24), fees, service indicators and subsidies per period as milestones. Publishes purchasing.purchase-modes.facility-entrusted" })
  entrust(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: EntrustRequest, @CurrentPrincipal() principal: Principal) {
    return this.facilities.entrust(id, body, principal);
  }

  @Post(':id/checks/:period')
  @Roles('purchaser')
  @ApiOperation({ summary: "The period's check: indicator results against thresholds, recorded as the acceptance of that period's subsidy milestone (passed only if every indicator is met; banded score). A failed check withholds the period's subsidy (payments answer 409 PURCHASING.MILESTONE_NOT_ACCEPTED). Publishes purchasing.contract.milestone-accepted and purchasing.purchase-modes.facility-period-checked" })
  check(@Param('id', new ParseUUIDPipe()) id: string, @Param('period', new ParseIntPipe()) period: number, @Body() body: PeriodCheckRequest, @CurrentPrincipal() principal: Principal) {
    return this.checks.check(id, period, body, principal);
  }
}
