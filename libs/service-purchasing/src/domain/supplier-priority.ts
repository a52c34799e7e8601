import type { OrganizationCategory } from '@sop/contracts';
import { ORDER_102_2020, type PurchasingRuleSet } from './purchasing-rules';
import { gradeRank, type GradeInForce } from './supplier-grade';

/**
 * 财综〔2014〕87号 asks purchasers to prioritise social organizations of the four direct-registration
 * categories "under equal conditions" (regulations §7.1).
 */
export function hasCategoryPriority(category: OrganizationCategory, rules: PurchasingRuleSet = ORDER_102_2020): boolean {
  return rules.priority.categories.includes(category);
}

export const PRIORITY_REASONS = ['DIRECT_REGISTRATION_CATEGORY', 'GRADE_3A_OR_ABOVE'] as const;
export type PriorityReasonCode = (typeof PRIORITY_REASONS)[number];

export interface PriorityReason {
  code: PriorityReasonCode;
  detail: string;
  source: string;
}

/**
 * Why a supplier has priority "under equal conditions": its category (regulations §7.1) and a grade of 3A or
 * above in force (Order 39: 3A+ have priority for purchased services, regulations §6; local practice makes 3A+ a
 * priority condition, §7.2). Empty: no priority. Priority never overrides barring (see supplier-eligibility).
 */
export function priorityReasons(category: OrganizationCategory, grade: GradeInForce | null, rules: PurchasingRuleSet): PriorityReason[] {
  const reasons: PriorityReason[] = [];
  if (hasCategoryPriority(category, rules))
    reasons.push({ code: 'DIRECT_REGISTRATION_CATEGORY', detail: `category ${category} is one of the four direct-registration categories`, source: '财综〔2014〕87号 (regulations §7.1)' });
  if (grade && gradeRank(grade.grade) >= gradeRank(rules.priority.minGrade))
    reasons.push({
      code: 'GRADE_3A_OR_ABOVE',
      detail: `grade ${grade.grade} in force ${grade.validFrom}..${grade.validUntil} (${grade.ruleVersion})`,
      source: 'Order 39 3A+ priority for purchased services (regulations §6, §7.2)',
    });
  return reasons;
}
