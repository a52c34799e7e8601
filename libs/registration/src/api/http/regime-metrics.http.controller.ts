import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '@sop/auth';
import { CompareRegimes } from '../../application/regime-metrics/compare-regimes.use-case';
import { periodBound, RegimeMetricsQuery } from './regime-metrics.dto';

/** Regime comparison: how registration performs under DIRECT and DUAL_MANAGEMENT, before and after a shift. */
@ApiTags('registration')
@Controller()
export class RegimeMetricsHttpController {
  constructor(private readonly metrics: CompareRegimes) {}

  @Get('metrics/regimes')
  @ApiBearerAuth()
  @Roles('registrar', 'auditor')
  @ApiOperation({
    summary: 'Compare DIRECT and DUAL_MANAGEMENT: steps, outcomes, days to register (optionally before/after splitAt); periods as Beijing dates',
    description:
      'Three groups: DIRECT and DUAL_MANAGEMENT count applications that stayed under one regime; REROUTED (regime DIRECT, reroutedFrom DUAL_MANAGEMENT) ' +
      'counts those re-routed at a regime change (ApplicationRerouted), so their wait for consent under dual management is not charged to direct registration (regulations §2).',
  })
  async regimeMetrics(@Query() q: RegimeMetricsQuery, @CurrentPrincipal() principal: Principal) {
    return this.metrics.compare(
      { jurisdiction: q.jurisdiction, from: periodBound(q.from), to: q.to ? periodBound(q.to, true) : undefined, splitAt: q.splitAt ? periodBound(q.splitAt) : undefined },
      principal,
    );
  }
}
