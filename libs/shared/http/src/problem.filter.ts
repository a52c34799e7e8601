import { Catch, HttpException, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { DomainError, type DomainErrorClass, type ErrorKind, type FieldViolation } from '@sop/util';
import { PROBLEM_CODE_LOCAL } from './command-audit/command-audit.middleware';
import { HttpErrors, ValidationErrors } from './http.errors';

interface Res {
  status(code: number): Res;
  setHeader(name: string, value: string): void;
  send(body: string): void;
  headersSent?: boolean;
  locals?: Record<string, unknown>;
}

/** An RFC 9457 problem as the edge renders it: the status decided here from the error's kind. */
export interface Problem {
  status: number;
  code: string;
  title: string;
  detail: string;
  violations: FieldViolation[];
  extensions: Record<string, unknown>;
}

/** The one place where an error's kind becomes an HTTP status. */
export const STATUS_OF_KIND: Record<ErrorKind, [status: number, title: string]> = {
  INVALID: [400, 'Bad request'],
  UNAUTHENTICATED: [401, 'Unauthorized'],
  FORBIDDEN: [403, 'Forbidden'],
  NOT_FOUND: [404, 'Not found'],
  CONFLICT: [409, 'Conflict'],
  GONE: [410, 'Gone'],
  TOO_LARGE: [413, 'Payload too large'],
  REFUSED: [422, 'Unprocessable content'],
  RATE_LIMITED: [429, 'Too many requests'],
  INTERNAL: [500, 'Internal server error'],
  UNAVAILABLE: [503, 'Service unavailable'],
};

/** Renders every error as RFC 9457 problem+json with a stable code and, for input errors, field + rule. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const res = ctx.getResponse<Res>();
    const req = ctx.getRequest<{ url?: string; originalUrl?: string }>();
    const problem = toProblem(exception);
    if (problem.status >= 500) this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    const body = problemBody(problem, req.originalUrl ?? req.url);
    if (res.headersSent) return;
    // For the command audit log (its middleware reads it when the response has finished).
    if (res.locals) res.locals[PROBLEM_CODE_LOCAL] = problem.code;
    res.status(problem.status);
    res.setHeader('Content-Type', 'application/problem+json; charset=utf-8');
    res.send(JSON.stringify(body));
  }
}

/** The RFC 9457 document of a problem (`errors`: field, rule and message of each input violation). */
export function problemBody(problem: Problem, instance: string | undefined): Record<string, unknown> {
  const body: Record<string, unknown> = {
    type: `urn:sop:problem:${problem.code}`,
    title: problem.title,
    status: problem.status,
    code: problem.code,
    detail: problem.detail,
    instance,
    ...problem.extensions,
  };
  if (problem.violations.length) body['errors'] = problem.violations;
  return body;
}

export function problemOfDomainError(err: DomainError): Problem {
  const [status, title] = STATUS_OF_KIND[err.kind];
  return { status, code: err.code, title, detail: err.message, violations: err.violations, extensions: err.extensions };
}

function edgeProblem(errorClass: DomainErrorClass, detail: string): Problem {
  return problemOfDomainError(new errorClass(detail));
}

export function toProblem(exception: unknown): Problem {
  if (exception instanceof DomainError) return problemOfDomainError(exception);
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const response = exception.getResponse();
    const raw = typeof response === 'string' ? response : ((response as { message?: unknown }).message ?? exception.message);
    const detail = Array.isArray(raw) ? raw.join('; ') : String(raw);
    if (status === 404) return edgeProblem(HttpErrors.NOT_FOUND, detail);
    if (status === 405) return edgeProblem(HttpErrors.METHOD_NOT_ALLOWED, detail);
    if (status === 413) return edgeProblem(HttpErrors.PAYLOAD_TOO_LARGE, detail);
    if (status === 429) return edgeProblem(HttpErrors.RATE_LIMITED, detail);
    if (status < 500) return edgeProblem(HttpErrors.BAD_REQUEST, detail);
  }
  return edgeProblem(HttpErrors.INTERNAL, 'an unexpected error occurred; it has been logged');
}

/** Flattens class-validator errors into field + rule + message triples. */
export function violationsOf(errors: ValidationError[], prefix = ''): FieldViolation[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const own = Object.entries(e.constraints ?? {}).map(([rule, message]) => ({
      field,
      rule: rule === 'whitelistValidation' ? 'unknownProperty' : rule,
      message,
    }));
    return [...own, ...violationsOf(e.children ?? [], field)];
  });
}

/** Request validation: unknown properties are errors, types are transformed, failures become 400 problems. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => {
      const violations = violationsOf(errors);
      return new ValidationErrors.FAILED(violations.map((v) => `${v.field}: ${v.message}`).join('; '), { violations });
    },
  });
}
