import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '@sop/auth';
import { InspectionUseCases } from '../../application/inspections/inspections.use-cases';
import { IssueRectificationNoticeRequest, RecordInspectionRequest } from './inspections.dto';

/** Credit officers record inspections and rectification notices within their jurisdiction. */
@ApiTags('credit supervision')
@ApiBearerAuth()
@Controller()
export class InspectionsHttpController {
  constructor(private readonly inspections: InspectionUseCases) {}

  @Post('inspections')
  @Roles('credit-officer')
  @ApiOperation({ summary: 'Record an administrative-inspection conclusion (credit information, 5-working-day capture deadline)' })
  recordInspection(@Body() body: RecordInspectionRequest, @CurrentPrincipal() principal: Principal) {
    return this.inspections.recordInspection(body, principal);
  }

  @Post('rectification-notices')
  @Roles('credit-officer')
  @ApiOperation({ summary: 'Record an inspection and issue a rectification notice with a deadline' })
  issueNotice(@Body() body: IssueRectificationNoticeRequest, @CurrentPrincipal() principal: Principal) {
    return this.inspections.issueRectificationNotice(body, principal);
  }

  @Post('rectification-notices/:id/met')
  @HttpCode(200)
  @Roles('credit-officer')
  @ApiOperation({ summary: 'The rectification was verified before the deadline' })
  noticeMet(@Param('id', new ParseUUIDPipe()) id: string, @CurrentPrincipal() principal: Principal) {
    return this.inspections.recordNoticeMet(id, principal);
  }
}
