import { Injectable } from '@nestjs/common';
import type { Principal } from '@sop/auth';
import { assertJurisdiction } from '@sop/auth';
import { civilDateOf, Clock, divisionPrefix, isDivisionCode } from '@sop/util';
import { compareRegimes } from '../../domain/regime-metrics';
import { RegistrationErrors } from '../../domain/registration.errors';
import { ApplicationStore } from '../applications/applications.ports';

/** Regime comparison metrics for a jurisdiction and period (bounds given as Beijing dates become 00:00 / 24:00 Beijing time), optionally split (e.g. at a version's effective date). */
@Injectable()
export class CompareRegimes {
  constructor(
    private readonly applications: ApplicationStore,
    private readonly clock: Clock,
  ) {}

  async compare(q: { jurisdiction: string; from: Date; to?: Date; splitAt?: Date }, principal: Principal) {
    if (!isDivisionCode(q.jurisdiction)) throw new RegistrationErrors.METRICS_JURISDICTION('jurisdiction must be a 6-digit division code');
    assertJurisdiction(principal, q.jurisdiction, `metrics of ${q.jurisdiction}`);
    const to = q.to ?? this.clock.now();
    if (!(q.from.getTime() < to.getTime())) throw new RegistrationErrors.METRICS_PERIOD('from must be before to');
    const prefix = divisionPrefix(q.jurisdiction);
    const period = async (from: Date, until: Date) => ({
      from: from.toISOString(),
      to: until.toISOString(),
      /** The Beijing dates the period covers: its first day and its last (the day of the instant just before `to`). */
      fromDate: civilDateOf(from),
      toDate: civilDateOf(new Date(until.getTime() - 1)),
      regimes: compareRegimes(await this.applications.applicationFacts(prefix, from, until)),
    });
    if (!q.splitAt) return { jurisdiction: q.jurisdiction, periods: [await period(q.from, to)] };
    if (!(q.splitAt.getTime() > q.from.getTime() && q.splitAt.getTime() < to.getTime())) {
      throw new RegistrationErrors.METRICS_PERIOD('splitAt must lie between from and to');
    }
    return { jurisdiction: q.jurisdiction, periods: [await period(q.from, q.splitAt), await period(q.splitAt, to)] };
  }
}
