import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '@sop/auth';
import { UsccPipe } from '@sop/http';
import { CreditService } from '../application/credit.service';
import {
  DecideObjectionRequest,
  FileObjectionRequest,
  IssueRectificationNoticeRequest,
  RecordDeregistrationRequest,
  RecordInspectionRequest,
  RecordListTriggerRequest,
  RecordPenaltyRequest,
  VerifyRectificationRequest,
} from './credit.dto';

/**
 * Credit officers act within their jurisdiction (the organization's registering authority); organizations see
 * and object to their own entries; auditors read everything and change nothing.
 */
@ApiTags('credit supervision')
@ApiBearerAuth()
@Controller()
export class CreditSupervisionHttpController {
  constructor(private readonly credit: CreditService) {}

  @Post('penalties')
  @Roles('credit-officer')
  @ApiOperation({ summary: 'Record a penalty (warning, fine in fen, time-limited suspension, revocation); lists per regulations §5.1 (5) / §5.2 (3)(4)(5)(7)' })
  recordPenalty(@Body() body: RecordPenaltyRequest, @CurrentPrincipal() principal: Principal) {
    return this.credit.recordPenalty(body, principal);
  }

  @Post('inspections')
  @Roles('credit-officer')
  @ApiOperation({ summary: 'Record an administrative-inspection conclusion (credit information, 5-working-day capture deadline)' })
  recordInspection(@Body() body: RecordInspectionRequest, @CurrentPrincipal() principal: Principal) {
    return this.credit.recordInspection(body, principal);
  }

  @Post('rectification-notices')
  @Roles('credit-officer')
  @ApiOperation({ summary: 'Record an inspection and issue a rectification notice with a deadline' })
  issueNotice(@Body() body: IssueRectificationNoticeRequest, @CurrentPrincipal() principal: Principal) {
    return this.credit.issueRectificationNotice(body, principal);
  }

  @Post('rectification-notices/:id/met')
  @HttpCode(200)
  @Roles('credit-officer')
  @ApiOperation({ summary: 'The rectification was verified before the deadline' })
  noticeMet(@Param('id', new ParseUUIDPipe()) id: string, @CurrentPrincipal() principal: Principal) {
    return this.credit.recordNoticeMet(id, principal);
  }

  @Post('list-triggers')
  @Roles('credit-officer')
  @ApiOperation({ summary: 'Record a list trigger the service cannot derive (party organization, fundraising, unreachable domicile, court list, other by law)' })
  recordTrigger(@Body() body: RecordListTriggerRequest, @CurrentPrincipal() principal: Principal) {
    return this.credit.recordListTrigger(body, principal);
  }

  @Post('entries/:id/rectification')
  @HttpCode(200)
  @Roles('credit-officer')
  @ApiOperation({ summary: 'Verified rectification / fulfilled obligation; with removalAppliedAt an abnormal entry is removed (§5.1)' })
  rectification(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: VerifyRectificationRequest, @CurrentPrincipal() principal: Principal) {
    return this.credit.verifyRectification(id, body, principal);
  }

  @Post('entries/:id/removal')
  @HttpCode(200)
  @Roles('credit-officer')
  @ApiOperation({ summary: 'Remove from the serious list on application after 2 full clean years (§5.2)' })
  removal(@Param('id', new ParseUUIDPipe()) id: string, @CurrentPrincipal() principal: Principal) {
    return this.credit.removeFromSeriousList(id, principal);
  }

  @Post('organizations/:uscc/deregistration')
  @HttpCode(200)
  @Roles('credit-officer')
  @ApiOperation({ summary: 'Deregistration completed after revocation: the revocation entry leaves the serious list (§5.2)' })
  deregistration(@Param('uscc', new UsccPipe()) uscc: string, @Body() body: RecordDeregistrationRequest, @CurrentPrincipal() principal: Principal) {
    return this.credit.recordDeregistration(uscc, body.deregisteredAt, principal);
  }

  @Post('entries/:id/objections')
  @Roles('org-representative')
  @ApiOperation({ summary: 'An organization objects to one of its own list entries (§5.3)' })
  object(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: FileObjectionRequest, @CurrentPrincipal() principal: Principal) {
    return this.credit.fileObjection(id, body.grounds, principal);
  }

  @Post('objections/:id/decision')
  @HttpCode(200)
  @Roles('credit-officer')
  @ApiOperation({ summary: 'Decide an objection; upheld → the entry is annulled by an event' })
  decide(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: DecideObjectionRequest, @CurrentPrincipal() principal: Principal) {
    return this.credit.decideObjection(id, body, principal);
  }

  @Get('records/:uscc')
  @Roles('credit-officer', 'auditor', 'org-representative')
  @ApiOperation({ summary: 'Full credit record: list entries with evidence and rule versions, list-event history, objections, penalties, joint measures' })
  record(@Param('uscc', new UsccPipe()) uscc: string, @CurrentPrincipal() principal: Principal) {
    return this.credit.recordOf(uscc, principal);
  }

  @Get('list-view/verification')
  @Roles('auditor', 'credit-officer')
  @ApiOperation({ summary: 'Replays the list-event log and compares it with the stored list view' })
  verify() {
    return this.credit.verifyListView();
  }
}
