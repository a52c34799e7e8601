import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpErrors } from '../http.errors';
import { problemBody, problemOfDomainError } from '../problem.filter';
import type { DomainError } from '@sop/util';

type Next = (err?: unknown) => void;
type Middleware = (req: IncomingMessage, res: ServerResponse, next: Next) => void;
type ErrorMiddleware = (err: unknown, req: IncomingMessage, res: ServerResponse, next: Next) => void;

/** The deepest nesting of objects and arrays in a parsed body, walked without recursion (never a stack overflow). */
export function nestingDepth(value: unknown, stopAbove = Infinity): number {
  let max = 0;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length) {
    const [v, depth] = stack.pop() as [unknown, number];
    if (v === null || typeof v !== 'object') continue;
    const d = depth + 1;
    if (d > max) max = d;
    if (max > stopAbove) return max;
    for (const child of Array.isArray(v) ? v : Object.values(v)) {
      if (child !== null && typeof child === 'object') stack.push([child, d]);
    }
  }
  return max;
}

/** Renders an edge error as the problem filter would (these run before Nest's routing, outside its filters). */
export function sendEdgeProblem(req: IncomingMessage, res: ServerResponse, error: DomainError): void {
  const problem = problemOfDomainError(error);
  const body = problemBody(problem, (req as { originalUrl?: string }).originalUrl ?? req.url);
  if (res.headersSent) return;
  res.statusCode = problem.status;
  res.setHeader('Content-Type', 'application/problem+json; charset=utf-8');
  // A body we did not read stays unread: close the connection rather than drain megabytes.
  if (problem.status === 413) res.setHeader('Connection', 'close');
  res.end(JSON.stringify(body));
}

/** What the Express adapter's body parsers get (`useBodyParser`). */
export function bodyParserOptions(limitBytes: number, maxDepth: number): { json: Record<string, unknown>; urlencoded: Record<string, unknown> } {
  return { json: { limit: limitBytes }, urlencoded: { extended: true, limit: limitBytes, depth: maxDepth, parameterLimit: 1000 } };
}

/**
 * What follows the body parsers (`bodyParserOptions`): bodies over `limitBytes` are 413 HTTP.PAYLOAD_TOO_LARGE,
 * bodies nested deeper than `maxDepth` levels are 400 HTTP.TOO_DEEP (so the validation pipe never recurses into a
 * hostile shape), and malformed bodies are 400 HTTP.BAD_REQUEST, all as problem+json.
 */
export function requestLimits(limitBytes: number, maxDepth: number): (Middleware | ErrorMiddleware)[] {
  const depthCheck: Middleware = (req, res, next) => {
    const body = (req as { body?: unknown }).body;
    if (body !== null && typeof body === 'object' && nestingDepth(body, maxDepth) > maxDepth) {
      return sendEdgeProblem(req, res, new HttpErrors.TOO_DEEP(`the body nests deeper than ${maxDepth} levels`, { field: 'body', rule: `maxDepth:${maxDepth}` }));
    }
    next();
  };
  const parseErrors: ErrorMiddleware = (err, req, res, next) => {
    const e = err as { type?: string; status?: number; statusCode?: number; limit?: number };
    const status = e?.status ?? e?.statusCode;
    if (!e || typeof status !== 'number' || status >= 500) return next(err);
    if (status === 413) return sendEdgeProblem(req, res, new HttpErrors.PAYLOAD_TOO_LARGE(`the body is larger than ${limitBytes} bytes`, { field: 'body', rule: `maxBytes:${limitBytes}` }));
    if (status === 415) return sendEdgeProblem(req, res, new HttpErrors.BAD_REQUEST(`unsupported body encoding or charset (${e.type ?? 'unsupported'})`, { field: 'body', rule: e.type ?? 'unsupported' }));
    const reason = e.type === 'entity.parse.failed' ? 'the body is not valid JSON' : `the body could not be read (${e.type ?? 'bad request'})`;
    return sendEdgeProblem(req, res, new HttpErrors.BAD_REQUEST(reason, { field: 'body', rule: e.type ?? 'readable' }));
  };
  return [parseErrors, depthCheck];
}
