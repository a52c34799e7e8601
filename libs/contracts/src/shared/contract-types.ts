/**
 * The shape of an event contract. It matches @sop/messaging's EventContract structurally, so contracts stay
 * free of platform code (contracts depend on nothing but class-validator).
 */
export interface EventContractDefinition<T extends object = object> {
  type: string;
  topic: string;
  /** The producing service (CloudEvents `source`); set for every contract by ALL_EVENT_CONTRACTS (topology.ts). */
  source?: string;
  version: number;
  payload: new () => T;
  description: string;
}

export const ORGANIZATION_FORMS = ['SOCIAL_GROUP', 'SOCIAL_SERVICE_ORGANIZATION', 'FOUNDATION'] as const;
export type OrganizationForm = (typeof ORGANIZATION_FORMS)[number];

/**
 * Categories. The first four are the direct-registration categories of the 2013 reform (regulations §2);
 * the rest stay under dual management in the national default policy.
 */
export const ORGANIZATION_CATEGORIES = [
  'INDUSTRY_ASSOCIATION_CHAMBER',
  'SCIENCE_TECHNOLOGY',
  'PUBLIC_INTEREST_CHARITY',
  'URBAN_RURAL_COMMUNITY_SERVICE',
  'ACADEMIC',
  'EDUCATION',
  'HEALTH',
  'CULTURE_SPORTS',
  'ECOLOGY_ENVIRONMENT',
  'LAW',
  'RELIGION',
  'OTHER',
] as const;
export type OrganizationCategory = (typeof ORGANIZATION_CATEGORIES)[number];

export const REGIMES = ['DIRECT', 'DUAL_MANAGEMENT'] as const;
export type Regime = (typeof REGIMES)[number];

export const UNIT_ROLES = ['BUSINESS_SUPERVISING_UNIT', 'BUSINESS_GUIDANCE_UNIT', 'INDUSTRY_MANAGEMENT_DEPT'] as const;
export type UnitRole = (typeof UNIT_ROLES)[number];
