import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsCivilDate, USCC_FORMAT, civilDateOf, type CivilDate } from '@sop/util';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { PARTY_ORGANIZATION_FORMS, type PartyOrganizationForm } from '../../domain/party-organization';
import type { PartyOrganizationRecord, PartyOrganizationStatus } from '../../application/party-organization/party-organization.ports';

/** How the organization is covered by a Party organization (regulations §5.1 trigger 2). */
export class PartyOrganizationDeclarationDto {
  @ApiProperty({ enum: PARTY_ORGANIZATION_FORMS, description: 'OWN primary organization (3+ full members), JOINT organization, an INSTRUCTOR assigned, or NONE' })
  @IsIn(PARTY_ORGANIZATION_FORMS)
  form: PartyOrganizationForm;

  @ApiProperty({ example: 3, description: 'full (正式) Party members among its staff; decides what is required (党章 Art. 30)' })
  @IsInt() @Min(0) @Max(1_000_000)
  fullPartyMembers: number;

  @ApiPropertyOptional({ example: '中共北京市海淀区社区养老服务中心支部委员会', description: 'the Party organization (OWN, JOINT) or the instructor (INSTRUCTOR)' })
  @IsOptional() @IsString() @MaxLength(200)
  organizationName?: string;

  @ApiPropertyOptional({ description: 'JOINT: the USCC of the organization hosting the joint organization' })
  @IsOptional() @Matches(USCC_FORMAT, { message: 'jointWithUscc must be an 18-character USCC' })
  jointWithUscc?: string;

  @ApiPropertyOptional({ example: '2026-11-20', description: 'set up / instructor assigned on (Beijing date)' })
  @IsOptional() @IsCivilDate()
  establishedOn?: CivilDate;
}

export class RecordPartyOrganizationRequest extends PartyOrganizationDeclarationDto {
  @ApiPropertyOptional({ example: '2026-11-20', description: 'the day it took effect (Beijing), not in the future; default: now' })
  @IsOptional() @IsCivilDate()
  effectiveOn?: CivilDate;
}

/** Optional Party-organization part of the approval and the annual report. */
export class WithPartyOrganization {
  @ApiPropertyOptional({ type: PartyOrganizationDeclarationDto, description: 'the Party-organization coverage (regulations §5.1 trigger 2)' })
  @IsOptional() @ValidateNested() @Type(() => PartyOrganizationDeclarationDto)
  partyOrganization?: PartyOrganizationDeclarationDto;
}

export class CoverageQuery {
  @ApiPropertyOptional({ example: '110000', description: 'a division inside your jurisdiction; default: your jurisdiction' })
  @IsOptional() @Matches(/^\d{6}$/, { message: 'jurisdiction must be a 6-digit division code (GB/T 2260)' })
  jurisdiction?: string;
}

export function partyRecordView(r: PartyOrganizationRecord) {
  return {
    seq: r.seq,
    form: r.form,
    fullPartyMembers: r.fullPartyMembers,
    organizationName: r.organizationName,
    jointWithUscc: r.jointWithUscc,
    establishedOn: r.establishedOn,
    source: r.source,
    reportYear: r.reportYear,
    effectiveAt: r.effectiveAt.toISOString(),
    effectiveOn: civilDateOf(r.effectiveAt),
    recordedAt: r.recordedAt.toISOString(),
    requiredCoverage: r.requiredCoverage,
    covered: r.covered,
    uncoveredSince: r.uncoveredSince?.toISOString() ?? null,
    // The last day to meet the requirement ends at 24:00 Beijing time; null while covered or before the year's calendar is published.
    dueOn: r.dueOn,
    ruleVersion: r.ruleVersion,
  };
}

export function partyStatusView(uscc: string, current: PartyOrganizationStatus | null, history: PartyOrganizationRecord[]) {
  return {
    uscc,
    current: current ? { ...partyRecordView(current), overdueReported: current.overdueEpisode !== null && current.overdueEpisode >= current.episode && !current.covered } : null,
    history: history.map(partyRecordView),
  };
}
