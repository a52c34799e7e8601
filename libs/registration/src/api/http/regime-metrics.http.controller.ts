import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '@sop/auth';
import { CompareRegimes } from '../../application/regime-metrics/compare-regimes.use-case';
import { RegimeMetricsQuery } from './regime-metrics.dto';

/** Regime comparison: how registration performs under DIRECT and DUAL_MANAGEMENT, before and after a shift. */
@ApiTags('registration')
@Controller()
export class RegimeMetricsHttpController {
  constructor(private readonly metrics: CompareRegimes) {}

  @Get('metrics/regimes')
  @ApiBearerAuth()
  @Roles('registrar', 'auditor')
  @ApiOperation({ summary: 'Compare DIRECT and DUAL_MANAGEMENT: steps, outcomes, days to register (optionally before/after splitAt)' })
  async regimeMetrics(@Query() q: RegimeMetricsQuery, @CurrentPrincipal() principal: Principal) {
    const date = (v?: string) => (v ? new Date(v) : undefined);
    return this.metrics.compare({ jurisdiction: q.jurisdiction, from: new Date(q.from), to: date(q.to), splitAt: date(q.splitAt) }, principal);
  }
}
