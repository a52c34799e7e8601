import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  ORGANIZATION_CATEGORIES,
  ORGANIZATION_FORMS,
  REGIMES,
  UNIT_ROLES,
  type EventContractDefinition,
  type OrganizationCategory,
  type OrganizationForm,
  type Regime,
  type UnitRole,
} from '../shared/contract-types';
import { USCC_FORMAT } from '@sop/util';

export class LinkedUnitV1 {
  /** The unit's id (additive in v1; present on events published since issue #3). */
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(120) unitId?: string;
  @IsString() @IsNotEmpty() @MaxLength(200) name: string;
  @IsIn(UNIT_ROLES) role: UnitRole;
}

/**
 * An organization was registered and received its USCC. Public facts only: no ID numbers or other personal
 * data beyond the legal representative's name, which the register publishes.
 * Key and subject: the USCC.
 */
export class OrganizationRegisteredV1 {
  @Matches(USCC_FORMAT, { message: 'uscc must be an 18-character USCC' })
  uscc: string;

  @IsUUID() applicationId: string;
  @IsString() @IsNotEmpty() @MaxLength(200) name: string;
  @IsIn(ORGANIZATION_FORMS) form: OrganizationForm;
  @IsIn(ORGANIZATION_CATEGORIES) category: OrganizationCategory;
  /** Division code of the registering authority (USCC positions 3-8). */
  @Matches(/^\d{6}$/) registeringAuthority: string;
  @IsString() @IsNotEmpty() @MaxLength(300) domicile: string;
  @IsString() @IsNotEmpty() @MaxLength(2000) purpose: string;
  @IsString() @IsNotEmpty() @Length(1, 100) legalRepresentativeName: string;
  /** Activity funds / start-up capital / original fund, integer fen. */
  @IsInt() @Min(0) registeredCapitalFen: number;
  @IsIn(REGIMES) regime: Regime;
  @IsOptional() @ValidateNested() @Type(() => LinkedUnitV1) linkedUnit?: LinkedUnitV1;
  /** Rule set and version that decided the registration path. */
  @IsString() @IsNotEmpty() policyVersion: string;
  @IsISO8601({ strict: true }) registeredAt: string;
}

export const OrganizationRegistered: EventContractDefinition<OrganizationRegisteredV1> = {
  type: 'registration.organization.registered',
  topic: 'registration.organization.v1',
  version: 1,
  payload: OrganizationRegisteredV1,
  description: 'An organization was approved, registered and issued its unified social credit code.',
};
