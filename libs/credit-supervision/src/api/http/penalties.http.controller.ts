import { Body, Controller, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '@sop/auth';
import { RecordPenaltyUseCase } from '../../application/penalties/record-penalty.use-case';
import { RecordPenaltyRequest } from './penalties.dto';

/** Credit officers record penalties for organizations within their jurisdiction (the registering authority). */
@ApiTags('credit supervision')
@ApiBearerAuth()
@Controller()
export class PenaltiesHttpController {
  constructor(private readonly penalties: RecordPenaltyUseCase) {}

  @Post('penalties')
  @Roles('credit-officer')
  @ApiOperation({ summary: 'Record a penalty (warning, fine in fen, time-limited suspension, revocation); lists per regulations §5.1 (5) / §5.2 (3)(4)(5)(7)' })
  recordPenalty(@Body() body: RecordPenaltyRequest, @CurrentPrincipal() principal: Principal) {
    return this.penalties.recordPenalty(body, principal);
  }
}
