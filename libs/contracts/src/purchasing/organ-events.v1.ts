import { IsIn, IsInt, IsISO8601, IsNotEmpty, IsString, Matches, MaxLength, Min } from 'class-validator';
import type { EventContractDefinition } from '../shared/contract-types';

/**
 * Kinds of public unit a purchasing-organ registration names (MOF Order 102, regulations §7.2). Only STATE_ORGAN
 * purchases (Art. 5: state organs at all levels); the others are named so that a registration of one is refused
 * with its article: category-1 public-benefit institutions and mass organizations staffed as public institutions and
 * funded by appropriation are excluded as purchasers (Art. 8); other public institutions and other people's
 * organizations are not among the purchasers of Art. 5 (some may undertake, Art. 6).
 */
export const PURCHASING_ORGAN_KINDS = [
  'STATE_ORGAN',
  'PUBLIC_INSTITUTION_CATEGORY_1',
  'PUBLIC_INSTITUTION_OTHER',
  'PEOPLES_ORGANIZATION_APPROPRIATION_FUNDED',
  'PEOPLES_ORGANIZATION_OTHER',
] as const;
export type PurchasingOrganKind = (typeof PURCHASING_ORGAN_KINDS)[number];

/** The administrative level of a division code (GB/T 2260): the organ's level follows from its jurisdiction. */
export const ORGAN_LEVELS = ['NATIONAL', 'PROVINCIAL', 'MUNICIPAL', 'COUNTY'] as const;

/** A purchasing organ's unit id: the token claim `unit_id` of its users (1–100 characters, letters, digits, . _ : -). */
export const ORGAN_UNIT_ID_FORMAT = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/;

const DIVISION = /^\d{6}$/;

/**
 * A state organ was registered as a purchasing organ (Order 102 Art. 5) by a finance officer whose jurisdiction covers
 * the organ's. Its users act for it through the token claim `unit_id`. Key: the unit id. Instants ISO 8601 in UTC.
 */
export class PurchasingOrganRegisteredV1 {
  @Matches(ORGAN_UNIT_ID_FORMAT) unitId: string;
  /** 1 for a registration; each change adds one. */
  @IsInt() @Min(1) version: number;
  @IsString() @IsNotEmpty() @MaxLength(200) name: string;
  @IsIn(PURCHASING_ORGAN_KINDS) kind: PurchasingOrganKind;
  /** The 6-digit division code the organ belongs to. */
  @Matches(DIVISION) jurisdiction: string;
  @IsIn(ORGAN_LEVELS) level: (typeof ORGAN_LEVELS)[number];
  @IsISO8601({ strict: true }) registeredAt: string;
}

export const PurchasingOrganRegistered: EventContractDefinition<PurchasingOrganRegisteredV1> = {
  type: 'purchasing.organ.registered',
  topic: 'purchasing.organ.v1',
  version: 1,
  payload: PurchasingOrganRegisteredV1,
  description: 'A state organ was registered as a purchasing organ (MOF Order 102 Art. 5).',
};

/**
 * A registered purchasing organ's name, kind or jurisdiction changed: the new version in full, with the previous
 * values and the reason. A change to a kind that does not purchase (a reorganisation into a category-1 institution,
 * say) keeps the unit on record; it signs no further contracts.
 */
export class PurchasingOrganChangedV1 {
  @Matches(ORGAN_UNIT_ID_FORMAT) unitId: string;
  @IsInt() @Min(2) version: number;
  @IsString() @IsNotEmpty() @MaxLength(200) name: string;
  @IsIn(PURCHASING_ORGAN_KINDS) kind: PurchasingOrganKind;
  @Matches(DIVISION) jurisdiction: string;
  @IsIn(ORGAN_LEVELS) level: (typeof ORGAN_LEVELS)[number];
  @IsString() @IsNotEmpty() @MaxLength(200) previousName: string;
  @IsIn(PURCHASING_ORGAN_KINDS) previousKind: PurchasingOrganKind;
  @Matches(DIVISION) previousJurisdiction: string;
  @IsString() @IsNotEmpty() @MaxLength(500) reason: string;
  @IsISO8601({ strict: true }) changedAt: string;
}

export const PurchasingOrganChanged: EventContractDefinition<PurchasingOrganChangedV1> = {
  type: 'purchasing.organ.changed',
  topic: 'purchasing.organ.v1',
  version: 1,
  payload: PurchasingOrganChangedV1,
  description: "A registered purchasing organ's name, kind or jurisdiction changed (a new version; the history is kept).",
};
