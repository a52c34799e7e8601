/**
 * A refused evaluation decision. `code` is the stable problem code (EVALUATION.*), `field` the input it concerns
 * and `rule` the rule it broke (a short id, cited to regulations §6 in the rule set). `kind` picks the HTTP status
 * in the application layer: INVALID → 400, UNPROCESSABLE → 422, CONFLICT → 409.
 */
export type ViolationKind = 'INVALID' | 'UNPROCESSABLE' | 'CONFLICT';

export class EvaluationRuleViolation extends Error {
  constructor(
    readonly code: string,
    readonly field: string,
    readonly rule: string,
    message: string,
    readonly kind: ViolationKind = 'UNPROCESSABLE',
  ) {
    super(message);
    this.name = 'EvaluationRuleViolation';
  }
}
