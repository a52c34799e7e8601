import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '@sop/auth';
import { ObjectionUseCases } from '../../application/objections/objections.use-cases';
import { DecideObjectionRequest, FileObjectionRequest } from './objections.dto';

/** Organizations object to their own entries; a credit officer of the jurisdiction decides (regulations §5.3). */
@ApiTags('credit supervision')
@ApiBearerAuth()
@Controller()
export class ObjectionsHttpController {
  constructor(private readonly objections: ObjectionUseCases) {}

  @Post('entries/:id/objections')
  @Roles('org-representative')
  @ApiOperation({ summary: 'An organization objects to one of its own list entries (§5.3)' })
  object(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: FileObjectionRequest, @CurrentPrincipal() principal: Principal) {
    return this.objections.fileObjection(id, body.grounds, principal);
  }

  @Post('objections/:id/decision')
  @HttpCode(200)
  @Roles('credit-officer')
  @ApiOperation({ summary: 'Decide an objection; upheld → the entry is annulled by an event' })
  decide(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: DecideObjectionRequest, @CurrentPrincipal() principal: Principal) {
    return this.objections.decideObjection(id, body, principal);
  }
}
