import { RuleViolation } from '@sop/util';

/**
 * A purchasing rule refused a request (regulations §7, §5.3). `kind` says how the API answers: INVALID (400),
 * REFUSED (422), CONFLICT (409), FORBIDDEN (403); `extensions` carry facts such as the credit measure's ruleVersion.
 */
export class PurchasingRuleViolation extends RuleViolation {}
