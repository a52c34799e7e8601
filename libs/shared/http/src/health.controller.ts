import { Controller, Get, Global, Inject, Module, Res, ServiceUnavailableException, type Type } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheckService, HealthIndicatorService, TerminusModule, type HealthCheckResult, type HealthIndicatorResult } from '@nestjs/terminus';
import { Public } from '@sop/auth';
import type { ReadinessReport, ServiceRuntime } from '@sop/messaging';

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

/** Answers 200 with the terminus result, or 503 with it when an indicator is down. */
export async function sendReadiness(res: Res, check: () => Promise<HealthCheckResult>): Promise<void> {
  try {
    res.status(200).json(await check());
  } catch (err) {
    if (err instanceof ServiceUnavailableException) res.status(503).json(err.getResponse());
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
    @Get('live')
    live() {
      return { status: 'ok' };
    }

    @Public()
    @Get('ready')
    ready(@Res() res: Res) {
      return sendReadiness(res, () => readinessOf(this.runtime, this.health, this.indicators));
    }
  }
  return HealthController;
}
