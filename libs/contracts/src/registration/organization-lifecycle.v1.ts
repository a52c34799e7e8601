import { Type } from 'class-transformer';
import { ArrayMinSize, IsArray, IsIn, IsInt, IsISO8601, IsNotEmpty, IsOptional, IsString, Matches, MaxLength, Min, ValidateNested } from 'class-validator';
import type { EventContractDefinition } from '../shared/contract-types';
import { USCC_FORMAT } from '@sop/util';


export class FieldChangeV1 {
  /** `legalRepresentativeName` added (additive): a change of legal representative carries the names, never the ID number. */
  @IsIn(['name', 'domicile', 'purpose', 'registeredCapitalFen', 'legalRepresentativeName']) field: string;
  /** Previous and new value as text (amounts in fen). Public register fields only. */
  @IsString() from: string;
  @IsString() to: string;
}

/** Change registration of public register items (社团条例 Art. 18; 民非条例 Art. 15). Key and subject: the USCC. */
export class OrganizationChangedV1 {
  @Matches(USCC_FORMAT) uscc: string;
  @Matches(/^\d{6}$/) registeringAuthority: string;
  @IsArray() @ArrayMinSize(1) @ValidateNested({ each: true }) @Type(() => FieldChangeV1) changes: FieldChangeV1[];
  /** When the change took effect: 00:00 Beijing time of the stated effective date (a Beijing date), else the time it was recorded. */
  @IsISO8601({ strict: true }) effectiveAt: string;
}

/**
 * A change registration was revoked (撤销变更登记): the register items it changed are restored, effective from the
 * day the change had taken effect. `fraudulent` = the change was obtained by fraud (弄虚作假办理变更登记), which is
 * serious-list trigger 2 (regulations §5.2). Key and subject: the USCC.
 */
export class OrganizationChangeRevokedV1 {
  @Matches(USCC_FORMAT) uscc: string;
  @Matches(/^\d{6}$/) registeringAuthority: string;
  /** The register version (sequence number in the organization's history) of the change that was revoked. */
  @IsInt() @Min(1) changeSeq: number;
  /** The fields restored: from the changed value back to the value before the change. */
  @IsArray() @ArrayMinSize(1) @ValidateNested({ each: true }) @Type(() => FieldChangeV1) restored: FieldChangeV1[];
  @IsIn([true, false]) fraudulent: boolean;
  @IsString() @IsNotEmpty() @MaxLength(1000) reason: string;
  @IsString() @IsNotEmpty() @MaxLength(500) legalBasis: string;
  /** When the revoked change had taken effect: the register reads as if it had not, from then on. */
  @IsISO8601({ strict: true }) changeEffectiveAt: string;
  @IsISO8601({ strict: true }) revokedAt: string;
}

/** Deregistration after liquidation (社团条例 Art. 19-21; 民非条例 Art. 16-17; 基金会条例 Art. 16-18). */
export class OrganizationDeregisteredV1 {
  @Matches(USCC_FORMAT) uscc: string;
  @Matches(/^\d{6}$/) registeringAuthority: string;
  @IsString() @IsNotEmpty() @MaxLength(1000) reason: string;
  /** The day liquidation ended: a Beijing date (China Standard Time), YYYY-MM-DD. */
  @Matches(/^\d{4}-\d{2}-\d{2}$/) liquidationCompletedOn: string;
  /** Filed after the 15-day period (from the Beijing day after liquidation ended, moved off rest days, until 24:00 Beijing time; Civil Code Art. 201–203). */
  @IsIn([true, false]) filedLate: boolean;
  @IsISO8601({ strict: true }) deregisteredAt: string;
}

/** Revocation of registration with reason, legal basis and (since the grounds were enumerated) ground and kind (社团条例 Art. 29; 民非条例 Art. 24; 基金会条例 Art. 41). */
export class OrganizationRevokedV1 {
  @Matches(USCC_FORMAT) uscc: string;
  @Matches(/^\d{6}$/) registeringAuthority: string;
  @IsString() @IsNotEmpty() @MaxLength(1000) reason: string;
  @IsString() @IsNotEmpty() @MaxLength(500) legalBasis: string;
  /** The enumerated ground (regulations §1); absent on events published before grounds were enumerated. */
  @IsOptional() @IsIn(['FRAUD_IN_REGISTRATION', 'NO_ACTIVITY_FOR_ONE_YEAR', 'SUPERVISING_UNIT_WITHDREW_APPROVAL', 'CONTINUES_WHILE_DEREGISTRATION_DUE'])
  ground?: 'FRAUD_IN_REGISTRATION' | 'NO_ACTIVITY_FOR_ONE_YEAR' | 'SUPERVISING_UNIT_WITHDREW_APPROVAL' | 'CONTINUES_WHILE_DEREGISTRATION_DUE';
  /** 吊销 (CERTIFICATE_REVOKED, a penalty) or 撤销 (REGISTRATION_CANCELLED, as if it had not been valid); absent on older events. */
  @IsOptional() @IsIn(['CERTIFICATE_REVOKED', 'REGISTRATION_CANCELLED']) revocationKind?: 'CERTIFICATE_REVOKED' | 'REGISTRATION_CANCELLED';
  @IsISO8601({ strict: true }) revokedAt: string;
}

export const OrganizationChanged: EventContractDefinition<OrganizationChangedV1> = {
  type: 'registration.organization.changed',
  topic: 'registration.organization.v1',
  version: 1,
  payload: OrganizationChangedV1,
  description: 'Change registration of public register items of an organization.',
};

export const OrganizationDeregistered: EventContractDefinition<OrganizationDeregisteredV1> = {
  type: 'registration.organization.deregistered',
  topic: 'registration.organization.v1',
  version: 1,
  payload: OrganizationDeregisteredV1,
  description: 'An organization was deregistered after liquidation.',
};

export const OrganizationRevoked: EventContractDefinition<OrganizationRevokedV1> = {
  type: 'registration.organization.revoked',
  topic: 'registration.organization.v1',
  version: 1,
  payload: OrganizationRevokedV1,
  description: "An organization's registration was revoked, with reason, legal basis, ground and whether the certificate was revoked (吊销) or the registration cancelled (撤销).",
};

export const OrganizationChangeRevoked: EventContractDefinition<OrganizationChangeRevokedV1> = {
  type: 'registration.organization.change-revoked',
  topic: 'registration.organization.v1',
  version: 1,
  payload: OrganizationChangeRevokedV1,
  description: 'A change registration was revoked (撤销变更登记) and the register items it changed restored; fraudulent ones are serious-list trigger 2.',
};
