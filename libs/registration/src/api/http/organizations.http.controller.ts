import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Public, Roles, type Principal } from '@sop/auth';
import { UsccPipe } from '@sop/http';
import { civilDate, optionalInstant } from '@sop/util';
import { ChangeOrganization } from '../../application/organizations/change-organization.use-case';
import { DeregistrationAndRevocation } from '../../application/organizations/deregistration-and-revocation.use-cases';
import { LegalRepresentatives } from '../../application/organizations/legal-representatives.use-case';
import { OrganizationReads } from '../../application/organizations/organization-reads.use-cases';
import { RevokeChange } from '../../application/organizations/revoke-change.use-case';
import {
  AsOfQuery,
  ChangeOrganizationRequest,
  DeregisterRequest,
  historyView,
  legalRepresentativeView,
  organizationPublicView,
  registerEntryView,
  RevokeChangeRequest,
  RevokeRequest,
} from './organizations.dto';

/** The organization register: public entries (now or asOf) and history; changes, legal representatives, deregistration, revocation. */
@ApiTags('registration')
@Controller()
export class OrganizationsHttpController {
  constructor(
    private readonly register: OrganizationReads,
    private readonly changes: ChangeOrganization,
    private readonly legalRepresentativesOf: LegalRepresentatives,
    private readonly endings: DeregistrationAndRevocation,
    private readonly changeRevocations: RevokeChange,
  ) {}

  @Get('organizations/:uscc')
  @Public()
  @ApiOperation({
    summary: 'Public register entry of an organization by USCC (asOf: the entry in effect then; knownAt: as recorded by then, asOf defaulting to it)',
  })
  async organization(@Param('uscc', new UsccPipe()) uscc: string, @Query() q: AsOfQuery) {
    if (q.asOf || q.knownAt) {
      const { entry, version } = await this.register.asOf(uscc, optionalInstant(q.asOf), optionalInstant(q.knownAt));
      return { ...registerEntryView(uscc, entry), asOf: q.asOf ?? q.knownAt, ...(q.knownAt ? { knownAt: q.knownAt } : {}), version: version.seq };
    }
    return organizationPublicView(await this.register.getOrganization(uscc));
  }

  @Get('organizations/:uscc/history')
  @Public()
  @ApiOperation({ summary: 'Full public history of an organization: registration, changes, conversion, deregistration, revocation' })
  async organizationHistory(@Param('uscc', new UsccPipe()) uscc: string) {
    return { uscc, items: (await this.register.history(uscc)).map(historyView) };
  }

  @Post('organizations/:uscc/changes')
  @HttpCode(200)
  @ApiBearerAuth()
  @Roles('registrar')
  @ApiOperation({ summary: 'Change registration incl. legal representative (社团条例 Art. 18, 27): publishes OrganizationChanged' })
  async changeOrganization(@Param('uscc', new UsccPipe()) uscc: string, @Body() body: ChangeOrganizationRequest, @CurrentPrincipal() principal: Principal) {
    const { supervisingUnitApprovedOn, effectiveOn, ...fields } = body;
    const day = (v?: string) => (v ? civilDate(v) : undefined); // validated YYYY-MM-DD (Beijing dates)
    const o = await this.changes.change(uscc, { ...fields, supervisingUnitApprovedOn: day(supervisingUnitApprovedOn), effectiveOn: day(effectiveOn) }, principal);
    return organizationPublicView(o);
  }

  @Get('organizations/:uscc/legal-representatives')
  @ApiBearerAuth()
  @Roles('registrar', 'auditor')
  @ApiOperation({ summary: 'Legal representatives over time (in jurisdiction); ID numbers masked, registrars only' })
  async legalRepresentatives(@Param('uscc', new UsccPipe()) uscc: string, @CurrentPrincipal() principal: Principal) {
    return { uscc, items: (await this.legalRepresentativesOf.list(uscc, principal)).map(legalRepresentativeView) };
  }

  @Post('organizations/:uscc/deregistration')
  @HttpCode(200)
  @ApiBearerAuth()
  @Roles('registrar')
  @ApiOperation({ summary: 'Deregistration after liquidation: publishes OrganizationDeregistered' })
  async deregister(@Param('uscc', new UsccPipe()) uscc: string, @Body() body: DeregisterRequest, @CurrentPrincipal() principal: Principal) {
    return organizationPublicView(await this.endings.deregister(uscc, { reason: body.reason, liquidationCompletedOn: civilDate(body.liquidationCompletedOn) }, principal));
  }

  @Post('organizations/:uscc/revocation')
  @HttpCode(200)
  @ApiBearerAuth()
  @Roles('registrar')
  @ApiOperation({ summary: 'Revocation with reason and legal basis: publishes OrganizationRevoked' })
  async revoke(@Param('uscc', new UsccPipe()) uscc: string, @Body() body: RevokeRequest, @CurrentPrincipal() principal: Principal) {
    return organizationPublicView(await this.endings.revoke(uscc, body, principal));
  }

  @Post('organizations/:uscc/changes/:seq/revocation')
  @HttpCode(200)
  @ApiBearerAuth()
  @Roles('registrar')
  @ApiOperation({
    summary: 'Revoke a change registration (撤销变更登记): restores the items it changed; fraudulent = serious-list trigger 2 (regulations §5.2). Publishes OrganizationChangeRevoked',
  })
  async revokeChange(
    @Param('uscc', new UsccPipe()) uscc: string,
    @Param('seq', ParseIntPipe) seq: number,
    @Body() body: RevokeChangeRequest,
    @CurrentPrincipal() principal: Principal,
  ) {
    return organizationPublicView(await this.changeRevocations.revoke(uscc, seq, body, principal));
  }
}
