import { ProblemError } from './problem';

/**
 * How the API answers a rule violation: INVALID (400, the input is malformed), REFUSED (422, well-formed but a
 * rule forbids it), CONFLICT (409, the current state does not allow it), FORBIDDEN (403, the caller may not act on
 * this object).
 */
export type RuleViolationKind = 'INVALID' | 'REFUSED' | 'CONFLICT' | 'FORBIDDEN';

/**
 * A domain rule refused a request. Pure (domain layers throw it); `code` is the stable problem code, `field` the
 * input it concerns, `rule` the rule it broke. The application layer turns it into problem+json with `problemOf`.
 */
export class RuleViolation extends Error {
  constructor(
    readonly code: string,
    readonly kind: RuleViolationKind,
    readonly field: string,
    readonly rule: string,
    message: string,
    /** Extra facts for the caller, e.g. the rule version of a credit measure that barred the request. */
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

const STATUS: Record<RuleViolationKind, [number, string]> = {
  INVALID: [400, 'Bad request'],
  REFUSED: [422, 'Unprocessable content'],
  CONFLICT: [409, 'Conflict'],
  FORBIDDEN: [403, 'Forbidden'],
};

/** The problem+json for a violation: its status by kind, the field and rule as a violation, `rule` and extensions as members. */
export function problemOf(v: RuleViolation): ProblemError {
  const [status, title] = STATUS[v.kind];
  return new ProblemError(status, v.code, title, v.message, [{ field: v.field, rule: v.rule, message: v.message }], { rule: v.rule, ...v.extensions });
}

/** Rule violations thrown by `decide` become problems; anything else passes through unchanged. */
export function asProblem(err: unknown): unknown {
  return err instanceof RuleViolation ? problemOf(err) : err;
}
