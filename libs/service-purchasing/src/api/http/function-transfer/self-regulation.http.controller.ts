import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Public, Roles, type Principal } from '@sop/auth';
import { ValidationErrors } from '@sop/http';
import { USCC_FORMAT } from '@sop/util';
import { SelfRegulation } from '../../../application/function-transfer/self-regulation/self-regulation.use-cases';
import { SelfRegulationQuery, SelfRegulationRequest } from './self-regulation.dto';

function usccOf(uscc: string): string {
  if (!USCC_FORMAT.test(uscc)) throw new ValidationErrors.FAILED('uscc: not a USCC', { violations: [{ field: 'uscc', rule: 'uscc', message: 'an 18-character USCC' }] });
  return uscc;
}

/** An association's self-regulation records as public records (issue 12 item 6). */
@ApiTags('function-transfer')
@Controller('function-transfer/self-regulation')
export class SelfRegulationHttpController {
  constructor(private readonly records: SelfRegulation) {}

  @Post(':uscc/records')
  @ApiBearerAuth()
  @Roles('org-representative')
  @ApiOperation({
    summary:
      "Record a pledge version, a business's signature, a patrol log or a rectification proposal of your association (another organization 403); identity or mobile numbers 400 FUNCTION_TRANSFER.PERSONAL_DATA. Publishes SelfRegulationRecorded",
  })
  record(@Param('uscc') uscc: string, @Body() body: SelfRegulationRequest, @CurrentPrincipal() principal: Principal) {
    return this.records.record(
      usccOf(uscc),
      {
        kind: body.kind,
        pledge: body.pledge ?? null,
        signature: body.signature ?? null,
        patrol: body.patrol ?? null,
        rectification: body.rectification ? { ...body.rectification, businessUscc: body.rectification.businessUscc ?? null, dueOn: body.rectification.dueOn ?? null } : null,
      },
      principal,
    );
  }

  @Get(':uscc/records')
  @Public()
  @ApiOperation({ summary: "Public: an association's pledges, signatures, patrol logs and rectification proposals" })
  list(@Param('uscc') uscc: string, @Query() query: SelfRegulationQuery) {
    return this.records.list(usccOf(uscc), query.kind);
  }
}
