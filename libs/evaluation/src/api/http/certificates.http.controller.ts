import { Body, Controller, Get, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '@sop/auth';
import { UsccPipe } from '@sop/http';
import { CertificateReturns } from '../../application/certificates/certificates.use-cases';
import { DeclareExpertLink } from '../../application/procedure/expert-links.use-case';
import { DeclareExpertLinkRequest, VoidCertificateRequest } from './procedures.dto';

/** Certificates and plaques (regulations §6) and experts' declared links (recusal). Mounted under /evaluation. */
@ApiTags('evaluation')
@ApiBearerAuth()
@Controller()
export class CertificatesHttpController {
  constructor(
    private readonly returns: CertificateReturns,
    private readonly links: DeclareExpertLink,
  ) {}

  @Get('organizations/:uscc/certificates')
  @Roles('evaluator', 'auditor', 'org-representative')
  @ApiOperation({ summary: "The organization's certificates and plaques with their numbers, status and, after a lowering or cancellation, the last day to return them" })
  list(@Param('uscc', new UsccPipe()) uscc: string, @CurrentPrincipal() principal: Principal) {
    return this.returns.list(uscc, principal);
  }

  @Post('certificates/:id/return')
  @Roles('evaluator')
  @ApiOperation({ summary: 'Record the return of certificate and plaque after the grade was lowered or cancelled' })
  recordReturn(@Param('id', new ParseUUIDPipe()) id: string, @CurrentPrincipal() principal: Principal) {
    return this.returns.recordReturn(id, principal);
  }

  @Post('certificates/:id/voiding')
  @Roles('evaluator')
  @ApiOperation({ summary: 'Void certificate and plaque by announcement once the 15 days for returning them have run out' })
  voiding(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: VoidCertificateRequest, @CurrentPrincipal() principal: Principal) {
    return this.returns.void(id, body.announcement, principal);
  }

  @Post('experts/:expertId/links')
  @Roles('evaluator')
  @ApiOperation({ summary: "Record an expert's declared link to an organization: the expert recuses from evaluating it" })
  async declare(@Param('expertId') expertId: string, @Body() body: DeclareExpertLinkRequest, @CurrentPrincipal() principal: Principal) {
    const link = await this.links.declare(expertId, body, principal);
    return { ...link, declaredAt: link.declaredAt.toISOString() };
  }
}
