import { Type } from 'class-transformer';
import { IsArray, IsIn, IsInt, IsISO8601, IsNotEmpty, IsOptional, IsString, Matches, Min, ValidateNested } from 'class-validator';
import {
  ORGANIZATION_CATEGORIES,
  ORGANIZATION_FORMS,
  REGIMES,
  type EventContractDefinition,
  type OrganizationCategory,
  type OrganizationForm,
  type Regime,
} from '../shared/contract-types';

export class RegimeRuleV1 {
  /** Absent: any form. */
  @IsOptional() @IsIn(ORGANIZATION_FORMS) form?: OrganizationForm;
  /** Absent: any category. */
  @IsOptional() @IsIn(ORGANIZATION_CATEGORIES) category?: OrganizationCategory;
  @IsIn(REGIMES) regime: Regime;
  @IsString() @IsNotEmpty() source: string;
}

/** A registration-regime rule set version was published. Key and subject: the rule set id. */
export class RegistrationPolicyPublishedV1 {
  @IsString() @IsNotEmpty() ruleSetId: string;
  @Matches(/^\d{6}$/) jurisdiction: string;
  @IsInt() @Min(1) version: number;
  /** 00:00 Beijing time (China Standard Time) of the Beijing date the version takes effect, e.g. 2026-12-31T16:00:00.000Z for 1 January 2027. */
  @IsISO8601({ strict: true }) effectiveFrom: string;
  @IsArray() @ValidateNested({ each: true }) @Type(() => RegimeRuleV1) rules: RegimeRuleV1[];
  @IsISO8601({ strict: true }) publishedAt: string;
}

/**
 * At the effective date of a policy version, a (jurisdiction, form, category) moved from one regime to another
 * (the shift from dual management to direct registration). Published once per version and combination.
 * Key and subject: the rule set id.
 */
export class RegimeChangedV1 {
  @IsString() @IsNotEmpty() ruleSetId: string;
  @Matches(/^\d{6}$/) jurisdiction: string;
  @IsIn(ORGANIZATION_FORMS) form: OrganizationForm;
  @IsIn(ORGANIZATION_CATEGORIES) category: OrganizationCategory;
  @IsIn(REGIMES) fromRegime: Regime;
  @IsIn(REGIMES) toRegime: Regime;
  @IsString() @IsNotEmpty() fromPolicyVersion: string;
  @IsString() @IsNotEmpty() policyVersion: string;
  /** 00:00 Beijing time (China Standard Time) of the Beijing date the version takes effect, e.g. 2026-12-31T16:00:00.000Z for 1 January 2027. */
  @IsISO8601({ strict: true }) effectiveFrom: string;
  /** Organizations whose supervising unit became a guidance unit by this change (each has its own event). */
  @IsInt() @Min(0) organizationsConverted: number;
  /** Pending applications re-routed to direct registration. */
  @IsInt() @Min(0) applicationsRerouted: number;
}

export const RegistrationPolicyPublished: EventContractDefinition<RegistrationPolicyPublishedV1> = {
  type: 'registration.policy.version-published',
  topic: 'registration.policy.v1',
  version: 1,
  payload: RegistrationPolicyPublishedV1,
  description: 'A registration-regime rule set version was published with a future effective date.',
};

export const RegimeChanged: EventContractDefinition<RegimeChangedV1> = {
  type: 'registration.policy.regime-changed',
  topic: 'registration.policy.v1',
  version: 1,
  payload: RegimeChangedV1,
  description: 'A jurisdiction moved a form/category between dual management and direct registration.',
};
