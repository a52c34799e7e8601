import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '@sop/auth';
import { UsccPipe } from '@sop/http';
import { PartyOrganizations } from '../../application/party-organization/party-organizations.use-cases';
import { CoverageQuery, partyRecordView, partyStatusView, RecordPartyOrganizationRequest } from './party-organization.dto';

/** Party-organization coverage (regulations §5.1 trigger 2): records by change, the organization's history, coverage per jurisdiction. */
@ApiTags('registration')
@Controller()
export class PartyOrganizationHttpController {
  constructor(private readonly party: PartyOrganizations) {}

  @Post('organizations/:uscc/party-organization')
  @ApiBearerAuth()
  @Roles('org-representative', 'registrar')
  @ApiOperation({ summary: 'Record a change of Party-organization coverage (own organization, joint one, instructor or none), effective on a day; the deadline runs while not covered' })
  async record(@Param('uscc', new UsccPipe()) uscc: string, @Body() body: RecordPartyOrganizationRequest, @CurrentPrincipal() principal: Principal) {
    const { effectiveOn, ...declaration } = body;
    return partyRecordView(await this.party.recordChange(uscc, declaration, effectiveOn, principal));
  }

  @Get('organizations/:uscc/party-organization')
  @ApiBearerAuth()
  @Roles('org-representative', 'registrar', 'auditor')
  @ApiOperation({ summary: "An organization's Party-organization coverage: the current state with its deadline, and every record" })
  async view(@Param('uscc', new UsccPipe()) uscc: string, @CurrentPrincipal() principal: Principal) {
    const { current, history } = await this.party.view(uscc, principal);
    return partyStatusView(uscc, current, history);
  }

  @Get('party-organization/coverage')
  @ApiBearerAuth()
  @Roles('registrar', 'auditor')
  @ApiOperation({ summary: 'Party-organization coverage of registered organizations per registering authority inside a jurisdiction (own / joint / instructor / uncovered / overdue / not recorded)' })
  async coverage(@Query() q: CoverageQuery, @CurrentPrincipal() principal: Principal) {
    return this.party.coverage(q.jurisdiction, principal);
  }
}
