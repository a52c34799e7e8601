import { Catch, HttpException, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { ProblemError, type FieldViolation } from '@sop/util';

interface Res {
  status(code: number): Res;
  setHeader(name: string, value: string): void;
  send(body: string): void;
  headersSent?: boolean;
}

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
    const body: Record<string, unknown> = {
      type: `urn:sop:problem:${problem.code}`,
      title: problem.title,
      status: problem.status,
      code: problem.code,
      detail: problem.detail,
      instance: req.originalUrl ?? req.url,
      ...problem.extensions,
    };
    if (problem.violations.length) body['errors'] = problem.violations;
    if (res.headersSent) return;
    res.status(problem.status);
    res.setHeader('Content-Type', 'application/problem+json; charset=utf-8');
    res.send(JSON.stringify(body));
  }
}

function toProblem(exception: unknown): ProblemError {
  if (exception instanceof ProblemError) return exception;
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const response = exception.getResponse();
    const message = typeof response === 'string' ? response : ((response as { message?: unknown }).message ?? exception.message);
    const code =
      status === 404 ? 'HTTP.NOT_FOUND' : status === 413 ? 'HTTP.PAYLOAD_TOO_LARGE' : status === 400 ? 'HTTP.BAD_REQUEST' : `HTTP.${status}`;
    return new ProblemError(status, code, exception.name.replace(/Exception$/, ''), Array.isArray(message) ? message.join('; ') : String(message));
  }
  return new ProblemError(500, 'INTERNAL', 'Internal server error', 'an unexpected error occurred; it has been logged');
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
      return ProblemError.badRequest(
        'VALIDATION.FAILED',
        violations.map((v) => `${v.field}: ${v.message}`).join('; '),
        violations,
      );
    },
  });
}
