import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '@sop/auth';
import { ValidationErrors } from '@sop/http';
import { ORGAN_UNIT_ID_FORMAT } from '@sop/contracts';
import { PurchasingOrgans } from '../../application/organs/purchasing-organs.use-cases';
import { ChangeOrganRequest, ListOrgansQuery, RegisterOrganRequest } from './organs.dto';

/** A path unitId in the token claim's format (else 400 naming it), before anything is looked up. */
function unitIdOf(unitId: string): string {
  if (!ORGAN_UNIT_ID_FORMAT.test(unitId))
    throw new ValidationErrors.FAILED('unitId: not a unit id', { violations: [{ field: 'unitId', rule: 'unitId', message: '1–100 letters, digits or . _ : -' }] });
  return unitId;
}

/** The registry of purchasing organs (Order 102 Art. 5 and 8): state organs whose users sign contracts through the token claim unit_id. */
@ApiTags('organs')
@ApiBearerAuth()
@Controller('organs')
export class OrgansHttpController {
  constructor(private readonly organs: PurchasingOrgans) {}

  @Post()
  @Roles('finance-officer')
  @ApiOperation({
    summary:
      "Register a state organ as a purchasing organ (Order 102 Art. 5): a finance officer for a division its jurisdiction covers (else 403 PURCHASING.ORGAN_OUTSIDE_JURISDICTION); other kinds 422 PURCHASING.ORGAN_NOT_A_PURCHASER with their article (Art. 5, Art. 8); a unit id already registered 409. Publishes PurchasingOrganRegistered (purchasing.organ.v1)",
  })
  register(@Body() body: RegisterOrganRequest, @CurrentPrincipal() principal: Principal) {
    return this.organs.register({ unitId: body.unitId, name: body.name, kind: body.kind, jurisdiction: body.jurisdiction }, principal);
  }

  @Post(':unitId/versions')
  @Roles('finance-officer')
  @ApiOperation({
    summary:
      "Record a change of a purchasing organ (name, kind, jurisdiction) as its next version, with a reason; the history stays. An organ outside your jurisdiction is 404 as a missing one; moving it into a division you do not cover 403. Publishes PurchasingOrganChanged",
  })
  change(@Param('unitId') unitId: string, @Body() body: ChangeOrganRequest, @CurrentPrincipal() principal: Principal) {
    return this.organs.change(unitIdOf(unitId), { name: body.name, kind: body.kind, jurisdiction: body.jurisdiction, reason: body.reason }, principal);
  }

  @Get()
  @Roles('finance-officer', 'auditor')
  @ApiOperation({
    summary:
      'The purchasing organs (current versions) of a division and the divisions under it: finance officers within their jurisdiction (another division 403 AUTH.OUT_OF_JURISDICTION), auditors anywhere',
  })
  list(@Query() query: ListOrgansQuery, @CurrentPrincipal() principal: Principal) {
    return this.organs.list(query.jurisdiction, principal);
  }

  @Get(':unitId')
  @Roles('finance-officer', 'auditor', 'purchaser')
  @ApiOperation({
    summary:
      "A purchasing organ with its history: auditors any, finance officers those in their jurisdiction, purchasers their own unit; anything else 404 PURCHASING.ORGAN_NOT_FOUND as a missing one",
  })
  byUnitId(@Param('unitId') unitId: string, @CurrentPrincipal() principal: Principal) {
    return this.organs.organ(unitIdOf(unitId), principal);
  }
}
