import { RuleViolation } from '@sop/util';

/**
 * A refused evaluation decision. `code` is the stable problem code (EVALUATION.*), `field` the input it concerns
 * and `rule` the rule it broke (a short id, cited to regulations §6 in the rule set). `kind` picks the HTTP status:
 * INVALID → 400, UNPROCESSABLE → 422, CONFLICT → 409.
 */
export type ViolationKind = 'INVALID' | 'UNPROCESSABLE' | 'CONFLICT';

export class EvaluationRuleViolation extends RuleViolation {
  constructor(code: string, field: string, rule: string, message: string, kind: ViolationKind = 'UNPROCESSABLE') {
    super(code, kind === 'UNPROCESSABLE' ? 'REFUSED' : kind, field, rule, message);
  }
}
