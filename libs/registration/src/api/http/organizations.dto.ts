// Requests and views of the organization register: entries, history, asOf, changes, legal representatives, deregistration, revocation.
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import type { RegisterEntry } from '../../domain/organization-lifecycle';
import { REVOCATION_GROUND_NAMES, REVOCATION_KINDS } from '../../domain/revocation-grounds';
import { IsCivilDate, IsInstant } from '@sop/util';
import type { OrganizationRecord, OrganizationVersion } from '../../application/organizations/organizations.ports';
import type { LegalRepresentativeView } from '../../application/organizations/legal-representatives.use-case';

/** Public register fields of an organization (no personal data beyond the published legal representative). */
export function organizationPublicView(o: OrganizationRecord) {
  return {
    uscc: o.uscc,
    name: o.name,
    form: o.form,
    category: o.category,
    registeringAuthority: o.registeringAuthority,
    domicile: o.domicile,
    purpose: o.purpose,
    legalRepresentativeName: o.legalRepresentativeName,
    registeredCapitalFen: o.registeredCapitalFen,
    regime: o.regime,
    linkedUnit: o.unitId ? { name: o.unitName, role: o.unitRole } : null,
    status: o.status,
    ...(o.revocationKind ? { revocationKind: o.revocationKind } : {}),
    registeredAt: o.registeredAt.toISOString(),
  };
}

export class AsOfQuery {
  @ApiPropertyOptional({ example: '2027-02-05T00:00:00+08:00', description: 'the register entry in effect at this instant (ISO 8601 with its offset)' })
  @IsOptional() @IsInstant()
  asOf?: string;

  @ApiPropertyOptional({
    example: '2027-05-05T00:00:00+08:00',
    description:
      'bitemporal read: the entry as it had been recorded by this instant (ISO 8601 with its offset, not in the future), so an auditor sees what the public saw then; asOf defaults to it',
  })
  @IsOptional() @IsInstant()
  knownAt?: string;
}

export function registerEntryView(uscc: string, e: RegisterEntry) {
  return {
    uscc,
    name: e.name,
    form: e.form,
    registeringAuthority: e.registeringAuthority,
    domicile: e.domicile,
    purpose: e.purpose,
    legalRepresentativeName: e.legalRepresentativeName,
    registeredCapitalFen: e.registeredCapitalFen,
    regime: e.regime,
    linkedUnit: e.unitName ? { name: e.unitName, role: e.unitRole } : null,
    status: e.status,
    ...(e.revocationKind ? { revocationKind: e.revocationKind } : {}),
  };
}

/** Public history: register entries and what changed; not who recorded it. */
export function historyView(v: OrganizationVersion) {
  return {
    seq: v.seq,
    changeType: v.changeType,
    effectiveAt: v.effectiveAt.toISOString(),
    recordedAt: v.recordedAt.toISOString(),
    entry: registerEntryView(v.uscc, v.entry),
    details: v.details,
  };
}


export class LegalRepresentativeDto {
  @ApiProperty({ example: '李四' }) @IsString() @IsNotEmpty() @MaxLength(100) name: string;
  @ApiProperty({ example: '11010519491231002X', description: 'resident ID number (GB 11643); stored encrypted, never published, shown masked to registrars only' })
  @IsString() @IsNotEmpty() @MaxLength(18)
  idNumber: string;
}

export class ChangeOrganizationRequest {
  @ApiPropertyOptional() @IsOptional() @IsString() @IsNotEmpty() @MaxLength(200) name?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @IsNotEmpty() @MaxLength(300) domicile?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @IsNotEmpty() @MaxLength(2000) purpose?: string;
  @ApiPropertyOptional({ description: 'integer fen' }) @IsOptional() @IsInt() @Min(0) @Max(Number.MAX_SAFE_INTEGER) registeredCapitalFen?: number;
  @ApiPropertyOptional({ example: '2027-02-01', description: 'under a supervising unit: the Beijing date it approved the change (filed within 30 days from the next day, until 24:00 Beijing time, moved off rest days: 社团条例 Art. 18, Civil Code Art. 201–203)' })
  @IsOptional() @IsCivilDate() supervisingUnitApprovedOn?: string;
  @ApiPropertyOptional({ type: LegalRepresentativeDto, description: 'change of legal representative (社团条例 Art. 12, 18; 民非条例 Art. 15); events and public reads carry the name only' })
  @IsOptional() @ValidateNested() @Type(() => LegalRepresentativeDto)
  legalRepresentative?: LegalRepresentativeDto;
  @ApiPropertyOptional({ example: '京审字〔2027〕第012号', description: 'financial audit before a change of legal representative; required for social groups (社团条例 Art. 27)' })
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(200)
  auditReportReference?: string;
  @ApiPropertyOptional({ example: '国函〔2027〕12号', description: 'a new national name with 中国/全国/中华: the reference of the approval (社团条例 Art. 10 para. 2)' })
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(200)
  nameApprovalReference?: string;
  @ApiPropertyOptional({ example: '2027-02-01', description: 'the Beijing date the change took effect, from 00:00 Beijing time (default: now); not after today, not before the latest register entry' })
  @IsOptional() @IsCivilDate() effectiveOn?: string;
}

export function legalRepresentativeView(r: LegalRepresentativeView) {
  return {
    name: r.name,
    effectiveFrom: r.effectiveFrom.toISOString(),
    supersededAt: r.supersededAt?.toISOString() ?? null,
    current: r.current,
    ...(r.idNumberMasked ? { idNumberMasked: r.idNumberMasked } : {}),
  };
}

export class DeregisterRequest {
  @ApiProperty({ example: '宗旨已实现，自行解散' }) @IsString() @IsNotEmpty() @MaxLength(1000) reason: string;
  @ApiProperty({ example: '2027-02-14', description: 'the Beijing date liquidation ended (apply within 15 days, 社团条例 Art. 21; later filings are recorded as late)' }) @IsCivilDate() liquidationCompletedOn: string;
}

/** Revocation on an enumerated ground (regulations §1); the legal basis follows from the ground and the form. */
export class RevokeRequest {
  @ApiProperty({
    enum: REVOCATION_GROUND_NAMES,
    example: 'FRAUD_IN_REGISTRATION',
    description:
      'FRAUD_IN_REGISTRATION (社团条例 Art. 29; 民非条例 Art. 24; 基金会条例 Art. 41), NO_ACTIVITY_FOR_ONE_YEAR (social groups, 社团条例 Art. 29; foundations, 基金会条例 Art. 41), ' +
      'SUPERVISING_UNIT_WITHDREW_APPROVAL (social service organizations, 民非条例 Art. 24), CONTINUES_WHILE_DEREGISTRATION_DUE (foundations, 基金会条例 Art. 41); ' +
      'a ground not listed for the form is refused (422 REGISTRATION.REVOCATION_GROUND_NOT_LISTED)',
  })
  @IsIn(REVOCATION_GROUND_NAMES) ground: string;
  @ApiProperty({ enum: REVOCATION_KINDS, description: 'CERTIFICATE_REVOKED: 吊销登记证书 (a penalty); REGISTRATION_CANCELLED: 撤销登记 (as if the registration had not been valid)' })
  @IsIn(REVOCATION_KINDS) revocationKind: string;
  @ApiProperty({ example: '弄虚作假骗取登记', description: 'the facts of the ground' }) @IsString() @IsNotEmpty() @MaxLength(1000) reason: string;
  @ApiPropertyOptional({ example: '社团条例 Art. 29', description: 'optional; when given, it must be the ground’s legal basis for the form' })
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(500) legalBasis?: string;
}

export class RevokeChangeRequest {
  @ApiProperty({ description: 'the change was obtained by fraud (弄虚作假办理变更登记): serious-list trigger 2 (regulations §5.2)' })
  @IsBoolean() fraudulent: boolean;
  @ApiProperty({ example: '变更登记时提交虚假的会员大会决议', description: 'the facts' }) @IsString() @IsNotEmpty() @MaxLength(1000) reason: string;
  @ApiPropertyOptional({ example: '行政许可法 Art. 69', description: 'default: 社团条例 Art. 29; 民非条例 Art. 24; 基金会条例 Art. 41; 行政许可法 Art. 69' })
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(500) legalBasis?: string;
}
