import { Controller, Get, Global, Inject, Module, Req, Res, ServiceUnavailableException, type Type } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheckService, HealthIndicatorService, TerminusModule, type HealthCheckResult, type HealthIndicatorResult } from '@nestjs/terminus';
import { Public } from '@sop/auth';
import type { ReadinessReport, ServiceRuntime } from '@sop/messaging';
import { RateLimit } from './edge/rate-limit';

interface Res {
  status(code: number): Res;
  json(body: unknown): void;
}

/** Terminus for every module of a host (the health controllers of the services use it). */
@Global()
@Module({ imports: [TerminusModule.forRoot({ logger: false })], exports: [TerminusModule] })
export class PlatformHealthModule {}

/**
 * The readiness of one service as @nestjs/terminus indicators: database (SELECT 1 within 2 s), broker, relay (red
 * after a minute of failing rounds) and consumer (red while the database is unreachable or when it died).
 */
export async function readinessOf(runtime: ServiceRuntime, health: HealthCheckService, indicators: HealthIndicatorService): Promise<HealthCheckResult> {
  return health.check(indicatorsOf(await runtime.readiness(), indicators));
}

/** A service's readiness checks as terminus indicators, named `<prefix><check>` (the embedded host prefixes the service). */
export function indicatorsOf(report: ReadinessReport, indicators: HealthIndicatorService, prefix = ''): (() => Promise<HealthIndicatorResult>)[] {
  return Object.entries(report.checks).map(([name, check]) => async () => {
    const indicator = indicators.check(`${prefix}${name}`);
    return check.status === 'up' ? indicator.up(check.detail ? { detail: check.detail } : {}) : indicator.down({ detail: check.detail ?? 'down' });
  });
}

/** Set by the host on requests that carry the operators' token (METRICS_TOKEN): they see readiness details. */
export const OPERATOR_REQUEST = Symbol('sop:operator');

/** Whether the request came from an operator (the host marked it: the metrics token was sent). */
export function isOperatorRequest(req: unknown): boolean {
  return typeof req === 'object' && req !== null && (req as Record<symbol, unknown>)[OPERATOR_REQUEST] === true;
}

type Indicators = Record<string, { status: string } | undefined>;

/** Only `status` per component: raw database or broker errors are for operators, never for the public. */
function redacted(result: Partial<HealthCheckResult>): Record<string, unknown> {
  const only = (group?: Indicators) => (group ? Object.fromEntries(Object.entries(group).map(([name, v]) => [name, { status: v?.status ?? 'down' }])) : undefined);
  return { status: result.status, info: only(result.info), error: only(result.error), details: only(result.details) };
}

/**
 * Answers 200 with the terminus result, or 503 with it when an indicator is down. Public callers see the status of
 * each component; operators (`details`, the request marked by the host) also see each component's detail.
 */
export async function sendReadiness(res: Res, check: () => Promise<HealthCheckResult>, details = false): Promise<void> {
  const view = (r: Partial<HealthCheckResult>): unknown => (details ? r : redacted(r));
  try {
    res.status(200).json(view(await check()));
  } catch (err) {
    if (err instanceof ServiceUnavailableException) res.status(503).json(view(err.getResponse() as Partial<HealthCheckResult>));
    else throw err;
  }
}

/** Liveness (the process answers) and readiness (database, broker, relay, consumer) for one service. */
export function healthControllerFor(runtimeToken: string | symbol): Type<unknown> {
  @ApiTags('health')
  @Controller('health')
  class HealthController {
    constructor(
      @Inject(runtimeToken) private readonly runtime: ServiceRuntime,
      private readonly health: HealthCheckService,
      private readonly indicators: HealthIndicatorService,
    ) {}

    @Public()
    @RateLimit('none')
    @Get('live')
    live() {
      return { status: 'ok' };
    }

    @Public()
    @RateLimit('none')
    @Get('ready')
    ready(@Req() req: unknown, @Res() res: Res) {
      return sendReadiness(res, () => readinessOf(this.runtime, this.health, this.indicators), isOperatorRequest(req));
    }
  }
  return HealthController;
}
