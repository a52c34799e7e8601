import type { Principal } from '@sop/auth';
import { platformMetrics } from '../observability/metrics';
import type { CommandAuditLog } from './command-audit.log';

interface Req {
  method: string;
  ip?: string;
  socket?: { remoteAddress?: string };
  originalUrl?: string;
  url: string;
  params?: Record<string, string>;
  principal?: Principal;
  /** Set by requestObservation when the response finishes (it registers its listener first). */
  routeTemplate?: string;
}
interface Res {
  statusCode: number;
  locals?: Record<string, unknown>;
  getHeader(name: string): unknown;
  on(event: 'finish', listener: () => void): void;
}

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Where ProblemFilter leaves the code of the problem it answered with. */
export const PROBLEM_CODE_LOCAL = 'sopProblemCode';

/**
 * Records every state-changing request, whatever its outcome (refused, failed or done), in the command audit log of
 * the service that owns the path: who (subject, roles, jurisdiction, unit, organization), what (method, route
 * template, route parameters), when, from where (client address, request and correlation ids) and the outcome
 * (status, problem code). Written when the response has finished; a failed write is logged and counted
 * (sop_command_audit_failures_total), never turned into an error for a request that has already been answered.
 */
export function commandAudit(serviceOf: (path: string) => string, logs: () => ReadonlyMap<string, CommandAuditLog>) {
  const failures = platformMetrics().commandAuditFailures;
  return (req: Req, res: Res, next: () => void): void => {
    if (!STATE_CHANGING.has(req.method)) return next();
    const at = new Date();
    const path = (req.originalUrl ?? req.url).split('?')[0];
    res.on('finish', () => {
      const service = serviceOf(path);
      const log = logs().get(service);
      if (!log) return;
      const p = req.principal;
      const header = (name: string) => (typeof res.getHeader(name) === 'string' ? (res.getHeader(name) as string) : null);
      log.record(
        {
          at,
          subject: p?.subject ?? null,
          roles: p?.roles ?? [],
          jurisdiction: p?.jurisdiction ?? null,
          unitId: p?.unitId ?? null,
          organizationUscc: p?.organizationUscc ?? null,
          method: req.method,
          route: req.routeTemplate && req.routeTemplate !== 'unmatched' ? req.routeTemplate : path,
          target: { ...(req.params ?? {}) },
          clientAddress: req.ip ?? req.socket?.remoteAddress ?? null,
          requestId: header('X-Request-Id'),
          correlationId: header('X-Correlation-Id'),
          status: res.statusCode,
          problemCode: typeof res.locals?.[PROBLEM_CODE_LOCAL] === 'string' ? (res.locals[PROBLEM_CODE_LOCAL] as string) : null,
        },
        () => failures.inc({ service }),
      );
    });
    next();
  };
}
