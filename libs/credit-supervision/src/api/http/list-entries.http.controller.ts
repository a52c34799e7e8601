import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '@sop/auth';
import { UsccPipe } from '@sop/http';
import { ListEntryUseCases } from '../../application/list-entries/list-entries.use-cases';
import { RecordDeregistrationRequest, RecordListTriggerRequest, VerifyRectificationRequest } from './list-entries.dto';

/** Credit officers' list decisions (regulations §5.1, §5.2), within their jurisdiction. */
@ApiTags('credit supervision')
@ApiBearerAuth()
@Controller()
export class ListEntriesHttpController {
  constructor(private readonly entries: ListEntryUseCases) {}

  @Post('list-triggers')
  @Roles('credit-officer')
  @ApiOperation({ summary: 'Record a list trigger the service cannot derive (party organization, fundraising, unreachable domicile, court list, other by law)' })
  recordTrigger(@Body() body: RecordListTriggerRequest, @CurrentPrincipal() principal: Principal) {
    return this.entries.recordListTrigger(body, principal);
  }

  @Post('entries/:id/rectification')
  @HttpCode(200)
  @Roles('credit-officer')
  @ApiOperation({ summary: 'Verified rectification / fulfilled obligation; with removalAppliedAt an abnormal entry is removed (§5.1)' })
  rectification(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: VerifyRectificationRequest, @CurrentPrincipal() principal: Principal) {
    return this.entries.verifyRectification(id, body, principal);
  }

  @Post('entries/:id/removal')
  @HttpCode(200)
  @Roles('credit-officer')
  @ApiOperation({ summary: 'Remove from the serious list on application after 2 full clean years (§5.2)' })
  removal(@Param('id', new ParseUUIDPipe()) id: string, @CurrentPrincipal() principal: Principal) {
    return this.entries.removeFromSeriousList(id, principal);
  }

  @Post('organizations/:uscc/deregistration')
  @HttpCode(200)
  @Roles('credit-officer')
  @ApiOperation({ summary: 'Deregistration completed after revocation: the revocation entry leaves the serious list (§5.2)' })
  deregistration(@Param('uscc', new UsccPipe()) uscc: string, @Body() body: RecordDeregistrationRequest, @CurrentPrincipal() principal: Principal) {
    return this.entries.recordDeregistration(uscc, body.deregisteredAt, principal);
  }
}
