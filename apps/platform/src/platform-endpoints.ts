import type { INestApplication } from '@nestjs/common';
import { HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { catalogueEntries, indicatorsOf, isOperatorRequest, PLATFORM_ERROR_SETS, sendReadiness, type ServiceDefinition } from '@sop/http';
import type { ServiceRuntime } from '@sop/messaging';
import { asyncApiDocument } from '@sop/contracts';
import { ErrorCatalogue } from '@sop/util';

interface Res {
  status(code: number): Res;
  json(body: unknown): void;
}

/** The service that owns a request path in the embedded host (its prefix), for metrics and logs. */
export function serviceOfPath(services: ServiceDefinition[]): (path: string) => string {
  const byPrefix = new Map(services.map((s) => [s.prefix, s.name]));
  return (path) => byPrefix.get(path.split('/')[1] ?? '') ?? 'platform';
}

/** The catalogue of every problem code a client of the embedded platform can receive. */
export function platformErrorCatalogue(services: ServiceDefinition[]): ErrorCatalogue {
  return new ErrorCatalogue([...PLATFORM_ERROR_SETS, ...services.flatMap((s) => s.errors ?? [])]);
}

/**
 * Platform-wide endpoints of the embedded host (each service also answers under its prefix):
 *   GET /health/live   the process answers
 *   GET /health/ready  every service's database, broker, relay and consumer (terminus), 503 when one is down
 *   GET /errors        the error catalogue of all four services
 *   GET /asyncapi.json the event API (AsyncAPI 3.0, generated from the contracts; also docs/asyncapi.json)
 * Who may call them: anyone (probes and clients); they show no personal data. Readiness shows each component's
 * status; its details (raw database and broker errors) only to callers with the operators' METRICS_TOKEN.
 */
export function mountPlatformEndpoints(app: INestApplication, runtimes: { name: string; runtime: ServiceRuntime }[], services: ServiceDefinition[]): void {
  const http = app.getHttpAdapter();
  const health = app.get(HealthCheckService);
  const indicators = app.get(HealthIndicatorService);
  const catalogue = { codes: catalogueEntries(platformErrorCatalogue(services)) };
  http.get('/health/live', (_req: unknown, res: Res) => res.status(200).json({ status: 'ok' }));
  http.get('/health/ready', (req: unknown, res: Res) =>
    sendReadiness(
      res,
      async () => {
        const reports = await Promise.all(runtimes.map(async (r) => [r.name, await r.runtime.readiness()] as const));
        return health.check(reports.flatMap(([service, report]) => indicatorsOf(report, indicators, `${service}.`)));
      },
      isOperatorRequest(req), // details (raw errors) only with the operators' METRICS_TOKEN
    ),
  );
  http.get('/errors', (_req: unknown, res: Res) => res.status(200).json(catalogue));
  const asyncApi = asyncApiDocument();
  http.get('/asyncapi.json', (_req: unknown, res: Res) => res.status(200).json(asyncApi));
}
