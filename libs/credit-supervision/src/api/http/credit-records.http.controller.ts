import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '@sop/auth';
import { UsccPipe } from '@sop/http';
import { CreditRecordQuery } from '../../application/credit-records/credit-record.query';
import { ListViewUseCases } from '../../application/list-view/list-view.use-cases';

/**
 * Reads of the full record: credit officers within their jurisdiction, organizations their own record, auditors
 * everything (they change nothing); auditors and officers can check the list view against the event log.
 */
@ApiTags('credit supervision')
@ApiBearerAuth()
@Controller()
export class CreditRecordsHttpController {
  constructor(
    private readonly records: CreditRecordQuery,
    private readonly listView: ListViewUseCases,
  ) {}

  @Get('records/:uscc')
  @Roles('credit-officer', 'auditor', 'org-representative')
  @ApiOperation({ summary: 'Full credit record: list entries with evidence and rule versions, list-event history, objections, penalties, joint measures' })
  record(@Param('uscc', new UsccPipe()) uscc: string, @CurrentPrincipal() principal: Principal) {
    return this.records.recordOf(uscc, principal);
  }

  @Get('list-view/verification')
  @Roles('auditor', 'credit-officer')
  @ApiOperation({ summary: 'Replays the list-event log and compares it with the stored list view' })
  verify() {
    return this.listView.verifyListView();
  }
}
