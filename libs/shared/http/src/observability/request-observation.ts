import { randomUUID } from 'node:crypto';
import { context, propagation, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { runWithRequestContext } from '@sop/util';
import { platformMetrics } from './metrics';

interface Req {
  method: string;
  originalUrl?: string;
  url: string;
  baseUrl?: string;
  headers: Record<string, string | string[] | undefined>;
  route?: { path?: string };
  /** Set at the end of the request for the request log line (observation runs before the logger). */
  routeTemplate?: string;
}
interface Res {
  statusCode: number;
  setHeader(name: string, value: string): void;
  on(event: 'finish' | 'close', listener: () => void): void;
}

/** Ids a client may send us: short, and nothing that could smuggle data into logs. */
const SAFE_ID = /^[A-Za-z0-9._:-]{1,100}$/;

function headerId(value: string | string[] | undefined): string | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  return v && SAFE_ID.test(v) ? v : undefined;
}

/**
 * The first middleware of every host: gives the request its id (X-Request-Id, or a new one) and correlation id
 * (X-Correlation-Id, or the request id), echoes both, runs the rest of the request in that context (logs carry it,
 * events published by it carry the correlation id) and in a server span continuing the caller's `traceparent`, and
 * records the latency by route template and status. `serviceOf` names the service that owns a path.
 */
export function requestObservation(serviceOf: (path: string) => string) {
  const metrics = platformMetrics();
  const tracer = trace.getTracer('sop.http');
  return (req: Req, res: Res, next: () => void): void => {
    const requestId = headerId(req.headers['x-request-id']) ?? randomUUID();
    const correlationId = headerId(req.headers['x-correlation-id']) ?? requestId;
    res.setHeader('X-Request-Id', requestId);
    res.setHeader('X-Correlation-Id', correlationId);
    const path = (req.originalUrl ?? req.url).split('?')[0];
    const service = serviceOf(path);
    const parent = propagation.extract(context.active(), req.headers);
    const span = tracer.startSpan(`${req.method} ${path}`, {
      kind: SpanKind.SERVER,
      attributes: { 'http.request.method': req.method, 'url.path': path, 'sop.service': service, 'sop.request_id': requestId },
    }, parent);
    const started = process.hrtime.bigint();
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      // The route template, never the raw path: USCCs and ids in paths would explode the label set.
      const route = req.route?.path ? `${req.baseUrl ?? ''}${req.route.path}` : 'unmatched';
      req.routeTemplate = route;
      const status = res.statusCode;
      metrics.httpDuration.observe({ service, method: req.method, route, status: String(status) }, Number(process.hrtime.bigint() - started) / 1e9);
      span.updateName(`${req.method} ${route}`);
      span.setAttribute('http.route', route);
      span.setAttribute('http.response.status_code', status);
      if (status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    };
    res.on('finish', finish);
    res.on('close', finish);
    context.with(trace.setSpan(parent, span), () => runWithRequestContext({ requestId, correlationId, service }, next));
  };
}
