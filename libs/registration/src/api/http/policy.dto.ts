// Requests and views of registration policy as data: versions, publishing, decision previews.
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength, ValidateIf, ValidateNested } from 'class-validator';
import { ORGANIZATION_CATEGORIES, ORGANIZATION_FORMS, REGIMES, type OrganizationCategory, type OrganizationForm, type Regime } from '@sop/contracts';
import { effectiveOnOf, type RuleSetVersion } from '../../domain/registration-policy';
import { IsCivilDate, IsInstant } from '@sop/util';

export class RegimeRuleDto {
  @ApiPropertyOptional({ enum: ORGANIZATION_FORMS, description: 'absent: any form' })
  @IsOptional() @IsIn(ORGANIZATION_FORMS)
  form?: OrganizationForm;

  @ApiPropertyOptional({ enum: ORGANIZATION_CATEGORIES, description: 'absent: any category' })
  @IsOptional() @IsIn(ORGANIZATION_CATEGORIES)
  category?: OrganizationCategory;

  @ApiProperty({ enum: REGIMES })
  @IsIn(REGIMES)
  regime: Regime;

  @ApiProperty({ example: '北京市民政局关于直接登记的通知 (2027)' })
  @IsString() @IsNotEmpty() @MaxLength(1000)
  source: string;
}

export class PublishPolicyVersionRequest {
  @ApiPropertyOptional({ example: '2027-01-01', description: 'the Beijing date the version takes effect (from 00:00 Beijing time, 16:00 UTC the day before); after today. Give this or effectiveFrom.' })
  @IsOptional() @IsCivilDate()
  effectiveOn?: string;

  @ApiPropertyOptional({ example: '2027-01-01T00:00:00+08:00', description: 'compatibility: an instant with its offset; the version starts at 00:00 Beijing time of its Beijing date. Give this or effectiveOn.' })
  @ValidateIf((o: PublishPolicyVersionRequest) => o.effectiveOn === undefined)
  @IsInstant()
  effectiveFrom?: string;

  @ApiProperty({ type: [RegimeRuleDto] })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(200) @ValidateNested({ each: true }) @Type(() => RegimeRuleDto)
  rules: RegimeRuleDto[];

  @ApiPropertyOptional()
  @IsOptional() @IsString() @MaxLength(500)
  note?: string;
}

export class DecisionQuery {
  @ApiProperty({ example: '110108' })
  @Matches(/^\d{6}$/)
  registeringAuthority: string;

  @ApiProperty({ enum: ORGANIZATION_FORMS })
  @IsIn(ORGANIZATION_FORMS)
  form: OrganizationForm;

  @ApiProperty({ enum: ORGANIZATION_CATEGORIES })
  @IsIn(ORGANIZATION_CATEGORIES)
  category: OrganizationCategory;

  @ApiPropertyOptional({ example: '2027-01-01T00:00:00+08:00', description: 'decide as of this instant, ISO 8601 with its offset (default now)' })
  @IsOptional() @IsInstant()
  asOf?: string;
}

export function policyVersionView(v: RuleSetVersion) {
  return {
    ruleSetId: v.ruleSetId,
    policyVersion: `${v.ruleSetId}@v${v.version}`,
    jurisdiction: v.jurisdiction,
    version: v.version,
    effectiveFrom: v.effectiveFrom.toISOString(),
    /** The Beijing date it takes effect (effectiveFrom is 00:00 Beijing time of it). */
    effectiveOn: effectiveOnOf(v),
    publishedAt: v.publishedAt.toISOString(),
    note: v.note,
    rules: v.rules,
  };
}
