import { Controller, Get, HttpCode, Inject, Res, type Type } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Public } from '@sop/auth';
import type { ServiceRuntime } from '@sop/messaging';

interface Res {
  status(code: number): Res;
  json(body: unknown): void;
}

/** Liveness (the process answers) and readiness (database, broker, consumer) for one service. */
export function healthControllerFor(runtimeToken: string | symbol): Type<unknown> {
  @ApiTags('health')
  @Controller('health')
  class HealthController {
    constructor(@Inject(runtimeToken) private readonly runtime: ServiceRuntime) {}

    @Public()
    @Get('live')
    @HttpCode(200)
    live() {
      return { status: 'up' };
    }

    @Public()
    @Get('ready')
    async ready(@Res() res: Res) {
      const report = await this.runtime.readiness();
      res.status(report.status === 'up' ? 200 : 503).json(report);
    }
  }
  return HealthController;
}
