/**
 * A purchasing rule refused a request. `kind` says how the API answers: INVALID (400, the input is malformed),
 * REFUSED (422, well-formed but a rule forbids it), CONFLICT (409, the state does not allow it now), FORBIDDEN (403,
 * the caller may not act on this object).
 */
export class PurchasingRuleViolation extends Error {
  constructor(
    readonly code: string,
    readonly kind: 'INVALID' | 'REFUSED' | 'CONFLICT' | 'FORBIDDEN',
    readonly field: string,
    readonly rule: string,
    message: string,
    /** Extra facts for the caller, e.g. the credit measure's ruleVersion. */
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(message);
  }
}
