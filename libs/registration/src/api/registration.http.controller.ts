import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Public, Roles, type Principal } from '@sop/auth';
import { UsccPipe } from '@sop/http';
import { RegistrationService } from '../application/registration.service';
import { applicationView, organizationPublicView, SubmitApplicationRequest } from './registration.dto';

@ApiTags('registration')
@Controller()
export class RegistrationHttpController {
  constructor(private readonly registration: RegistrationService) {}

  @Post('applications')
  @ApiBearerAuth()
  @Roles('applicant', 'registrar')
  @ApiOperation({ summary: 'Submit an application for registration (direct-registration categories in this release)' })
  async submit(@Body() body: SubmitApplicationRequest, @CurrentPrincipal() principal: Principal) {
    return applicationView(await this.registration.submit(body, principal));
  }

  @Get('applications/:id')
  @ApiBearerAuth()
  @Roles('applicant', 'registrar', 'auditor')
  async get(@Param('id', new ParseUUIDPipe()) id: string, @CurrentPrincipal() principal: Principal) {
    return applicationView(await this.registration.getApplication(id, principal));
  }

  @Post('applications/:id/approve')
  @HttpCode(200)
  @ApiBearerAuth()
  @Roles('registrar')
  @ApiOperation({ summary: 'Approve an application: issues the USCC and publishes OrganizationRegistered' })
  async approve(@Param('id', new ParseUUIDPipe()) id: string, @CurrentPrincipal() principal: Principal) {
    const { application, organization } = await this.registration.approve(id, principal);
    return { application: applicationView(application), organization: organizationPublicView(organization) };
  }

  @Get('organizations/:uscc')
  @Public()
  @ApiOperation({ summary: 'Public register entry of an organization by USCC' })
  async organization(@Param('uscc', new UsccPipe()) uscc: string) {
    return organizationPublicView(await this.registration.getOrganization(uscc));
  }
}
