import type { OrganizationCategory } from '@sop/contracts';

/**
 * 财综〔2014〕87号 asks purchasers to prioritise social organizations of the four direct-registration
 * categories "under equal conditions" (regulations §7.1). Grade (3A+) and credit conditions arrive with the
 * purchasing issue.
 */
const PRIORITY_CATEGORIES: readonly OrganizationCategory[] = [
  'INDUSTRY_ASSOCIATION_CHAMBER',
  'SCIENCE_TECHNOLOGY',
  'PUBLIC_INTEREST_CHARITY',
  'URBAN_RURAL_COMMUNITY_SERVICE',
];

export function hasCategoryPriority(category: OrganizationCategory): boolean {
  return PRIORITY_CATEGORIES.includes(category);
}
