import { LoggerModule, type Params } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import type { Options } from 'pino-http';
import type { DynamicModule } from '@nestjs/common';
import { trace } from '@opentelemetry/api';
import { currentRequestContext } from '@sop/util';

const PINO_LEVELS: Record<string, string> = { error: 'error', warn: 'warn', log: 'info', info: 'info', debug: 'debug', verbose: 'trace', silent: 'silent' };

/**
 * Structured JSON logs (pino through nestjs-pino): one line per request and per application log, each with the
 * request id, correlation id, subject and service of the current request or event, and the trace id. Personal data
 * stays out: the Authorization header and cookies are redacted, request and response bodies and query strings are
 * never logged (ID numbers travel only in bodies). LOG_LEVEL: error, warn, log (default), debug, verbose, silent.
 */
export function loggingModule(level: string, destination?: DestinationStream): DynamicModule {
  const options: Options = {
    level: PINO_LEVELS[level.toLowerCase()] ?? 'info',
    // The request observation middleware has set the id already (X-Request-Id or a new one).
    genReqId: (req, res) => currentRequestContext()?.requestId ?? String(res.getHeader('x-request-id') ?? ''),
    mixin: () => {
      const c = currentRequestContext();
      const span = trace.getActiveSpan()?.spanContext();
      return {
        ...(c ? { correlationId: c.correlationId, subject: c.subject, service: c.service } : {}),
        ...(span ? { traceId: span.traceId, spanId: span.spanId } : {}),
      };
    },
    redact: { paths: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'], censor: '[redacted]' },
    serializers: {
      // Bound when the request starts: the path without the query string.
      req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, path: req.url.split('?')[0] }),
      // Written when it ends: the status and the route template the request observation middleware resolved.
      res: (res: { statusCode: number; raw?: { req?: { routeTemplate?: string } } }) => ({ statusCode: res.statusCode, route: res.raw?.req?.routeTemplate }),
    },
    customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
    // Health probes and scrapes every few seconds would drown the request log.
    autoLogging: { ignore: (req) => /\/(health\/(live|ready)|metrics)$/.test((req.url ?? '').split('?')[0]) },
  };
  const params: Params = { pinoHttp: destination ? [options, destination] : options };
  return LoggerModule.forRoot(params);
}
