import { DiscoveryModule, DiscoveryService, NestFactory, Reflector } from '@nestjs/core';
import { Logger, Module, type DynamicModule, type INestApplication, type Type } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger as PinoLogger } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import { AuthGuard, routesWithoutRoles, type AuthConfig } from '@sop/auth';
import { configModule, type AnyConfigSchema } from './config/config-schema';
import { connectEventServers } from './event-servers';
import { PlatformHealthModule } from './health.controller';
import { loggingModule } from './observability/logging';
import { serveMetrics } from './observability/metrics-endpoint';
import { requestObservation } from './observability/request-observation';
import { createValidationPipe, ProblemFilter } from './problem.filter';
import { edgeConfig, type EdgeEnv } from './edge/edge.config';
import { RateLimitGuard } from './edge/rate-limit';
import { bodyParserOptions, requestLimits } from './edge/request-limits';
import { securityHeaders } from './edge/security-headers';
import { OPERATOR_REQUEST } from './health.controller';
import { CommandAuditLog } from './command-audit/command-audit.log';
import { commandAudit } from './command-audit/command-audit.middleware';
import { bearerMatches } from './observability/metrics-endpoint';

export interface DocsMount {
  path: string;
  title: string;
  description: string;
  include?: Type<unknown>[];
}

/**
 * Creates the Nest HTTP application around a root module with the platform's cross-cutting rules:
 * problem+json errors, strict request validation, the global auth guard, the boot-time route audit,
 * OpenAPI documents, and each service's event consumer connected as a microservice. Start it with
 * `startServices` (hooks, then consumers), then `listen`. Hosts own signal handling.
 */
export interface HostOptions {
  /** The configuration schemas the host validated (served by @nestjs/config to every module). */
  config?: readonly AnyConfigSchema[];
  /** Which service owns a request path (metrics and log label); default: `platform`. */
  serviceOf?: (path: string) => string;
  /** GET /metrics requires this bearer token when set (METRICS_TOKEN). */
  metricsToken?: string;
  /** LOG_LEVEL: error, warn, log (default), debug, verbose, silent. */
  logLevel?: string;
  /** Where the JSON log lines go (tests capture them); default stdout. */
  logDestination?: DestinationStream;
  /** The edge's limits and headers; default: edgeConfig read from the environment. */
  edge?: Partial<EdgeEnv>;
}

export async function createHttpApp(
  imports: (DynamicModule | Type<unknown>)[],
  auth: AuthConfig,
  docs: DocsMount[],
  options: HostOptions = {},
): Promise<INestApplication> {
  const config = options.config?.length ? [configModule(options.config)] : [];
  @Module({ imports: [DiscoveryModule, PlatformHealthModule, loggingModule(options.logLevel ?? process.env['LOG_LEVEL'] ?? 'log', options.logDestination), ...config, ...imports] })
  class HostModule {}

  const edge: EdgeEnv = { ...edgeConfig.load(), ...options.edge };
  // Body parsing is the edge's own (size and depth limits, problem+json errors), not Nest's default.
  const app = await NestFactory.create(HostModule, { bufferLogs: true, bodyParser: false });
  app.useLogger(app.get(PinoLogger));
  const express = app.getHttpAdapter().getInstance() as { disable(setting: string): void; set(setting: string, value: unknown): void };
  express.disable('x-powered-by');
  if (edge.HTTP_TRUST_PROXY) express.set('trust proxy', true);
  // First: request id, correlation id, server span and latency for everything after it.
  const serviceOf = options.serviceOf ?? (() => 'platform');
  app.use(requestObservation(serviceOf));
  // After the observation (its finish listener sets the route template first): every state-changing request is
  // recorded in the command audit log of the service that owns its path.
  const auditLogs = commandAuditLogsOf(app);
  app.use(commandAudit(serviceOf, () => auditLogs));
  app.use(securityHeaders({ hsts: edge.HTTP_HSTS, trustProxy: edge.HTTP_TRUST_PROXY, docsPaths: docs.map((d) => d.path) }));
  const metricsToken = options.metricsToken;
  if (metricsToken) {
    app.use((req: { headers: Record<string, string | string[] | undefined> }, _res: unknown, next: () => void) => {
      if (req.headers['authorization'] && bearerMatches(req.headers['authorization'], metricsToken)) (req as Record<symbol, unknown>)[OPERATOR_REQUEST] = true;
      next();
    });
  }
  const parsers = bodyParserOptions(edge.HTTP_BODY_LIMIT_BYTES, edge.HTTP_MAX_JSON_DEPTH);
  (app as NestExpressApplication).useBodyParser('json', parsers.json);
  (app as NestExpressApplication).useBodyParser('urlencoded', parsers.urlencoded);
  for (const middleware of requestLimits(edge.HTTP_BODY_LIMIT_BYTES, edge.HTTP_MAX_JSON_DEPTH)) app.use(middleware);
  serveMetrics(app, options.metricsToken);
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ProblemFilter());
  app.useGlobalGuards(
    new AuthGuard(app.get(Reflector), auth),
    new RateLimitGuard(app.get(Reflector), {
      publicPerMinute: edge.RATE_LIMIT_PUBLIC_PER_MINUTE,
      expensivePerMinute: edge.RATE_LIMIT_EXPENSIVE_PER_MINUTE,
      sensitivePerMinute: edge.RATE_LIMIT_SENSITIVE_PER_MINUTE,
    }),
  );

  connectEventServers(app, imports);

  const unguarded = routesWithoutRoles(app);
  if (unguarded.length > 0) {
    throw new Error(`these endpoints are neither @Public() nor declare @Roles(): ${unguarded.join(', ')}`);
  }

  for (const d of docs) {
    const config = new DocumentBuilder()
      .setTitle(d.title)
      .setDescription(d.description)
      .setVersion('1')
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
      .build();
    const document = SwaggerModule.createDocument(app, config, d.include ? { include: d.include } : undefined);
    SwaggerModule.setup(d.path, app, document, { jsonDocumentUrl: `${d.path}-json` });
  }
  return app;
}

/** Each mounted service's command audit log by service name (serviceRuntimeProviders provides one per service). */
function commandAuditLogsOf(app: INestApplication): Map<string, CommandAuditLog> {
  const logs = new Map<string, CommandAuditLog>();
  for (const wrapper of app.get(DiscoveryService).getProviders()) {
    if (wrapper.instance instanceof CommandAuditLog) logs.set(wrapper.instance.serviceName, wrapper.instance);
  }
  return logs;
}

/**
 * The services of `imports` started as the hosts start them (migrations and relays, then event consumers), without
 * HTTP guards and without listening: for integration tests and tools that drive the use cases directly.
 */
export async function startServiceContext(imports: (DynamicModule | Type<unknown>)[]): Promise<INestApplication> {
  @Module({ imports: [PlatformHealthModule, ...imports] })
  class ServicesModule {}
  const app = await NestFactory.create(ServicesModule, { logger: logLevels() });
  connectEventServers(app, imports);
  return startServices(app);
}

/**
 * Runs the lifecycle hooks (each service migrates its database and starts its relay), then starts the event
 * consumers, which must not read before their tables exist. Call before `listen`.
 */
export async function startServices(app: INestApplication): Promise<INestApplication> {
  await app.init();
  await app.startAllMicroservices();
  return app;
}

function logLevels(): ('error' | 'warn' | 'log' | 'debug' | 'verbose')[] {
  const level = (process.env['LOG_LEVEL'] ?? 'log').toLowerCase();
  const all = ['error', 'warn', 'log', 'debug', 'verbose'] as const;
  const index = all.indexOf(level as (typeof all)[number]);
  return all.slice(0, index < 0 ? 3 : index + 1);
}

export const hostLogger = new Logger('Host');
