import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, Matches, Max, Min } from 'class-validator';
import { CurrentPrincipal, Roles, type Principal } from '@sop/auth';
import { SocialOrganizationShare } from '../../application/reports/social-organization-share.use-case';

export class SocialOrganizationShareQuery {
  @ApiProperty({ example: '110000', description: 'the division reported on (its purchasers and those of the divisions it covers)' })
  @Matches(/^\d{6}$/, { message: 'jurisdiction must be a 6-digit division code' })
  jurisdiction: string;

  @ApiProperty({ example: 2026, description: 'the Beijing calendar year of signing' })
  @Type(() => Number) @IsInt() @Min(2020) @Max(2100)
  year: number;
}

/** Purchasing reports (issue 11 item 5). */
@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports')
export class ReportsHttpController {
  constructor(private readonly share: SocialOrganizationShare) {}

  @Get('social-organization-share')
  @Roles('finance-officer', 'auditor')
  @ApiOperation({
    summary:
      'The share of new public-service purchasing that went to social organizations (财综〔2016〕54号: in principle ≥ 30 %, regulations §7.1) in a jurisdiction and Beijing calendar year of signing: contracts whose catalogue item is PUBLIC_SERVICE or, stand-alone, declared public services; total, social organizations by category (USCC 51/52/53/59), other suppliers by kind, the share (two decimals, rounded down), the target with its source and whether it is met, per purchaser division. Finance officers of a covering division (else 403 AUTH.OUT_OF_JURISDICTION) and auditors',
  })
  report(@Query() query: SocialOrganizationShareQuery, @CurrentPrincipal() principal: Principal) {
    return this.share.report(query.jurisdiction, query.year, principal);
  }
}
