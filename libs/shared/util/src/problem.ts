import type { FieldViolation } from './errors/domain-error';

/**
 * An RFC 9457 problem+json response: a stable code (MODULE.REASON), the HTTP status, and, for input errors, the
 * field and the rule it broke. The HTTP edge builds it from a DomainError (whose kind decides the status).
 */
export class ProblemError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    readonly detail?: string,
    readonly violations: FieldViolation[] = [],
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(detail ? `${code}: ${detail}` : code);
  }

  static badRequest(code: string, detail: string, violations: FieldViolation[] = []): ProblemError {
    return new ProblemError(400, code, 'Bad request', detail, violations);
  }
  static unauthorized(code: string, detail: string): ProblemError {
    return new ProblemError(401, code, 'Unauthorized', detail);
  }
  static forbidden(code: string, detail: string): ProblemError {
    return new ProblemError(403, code, 'Forbidden', detail);
  }
  static notFound(code: string, detail: string): ProblemError {
    return new ProblemError(404, code, 'Not found', detail);
  }
  static conflict(code: string, detail: string): ProblemError {
    return new ProblemError(409, code, 'Conflict', detail);
  }
  static unprocessable(code: string, detail: string, violations: FieldViolation[] = []): ProblemError {
    return new ProblemError(422, code, 'Unprocessable content', detail, violations);
  }
}
