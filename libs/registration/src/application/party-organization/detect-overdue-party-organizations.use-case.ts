import { Injectable, Logger } from '@nestjs/common';
import { PartyOrganizationOverdue } from '@sop/contracts';
import { OfficialCalendars, UnitOfWork } from '@sop/messaging';
import { addCivilDays, CalendarErrors, civilDateOf, Clock, type CivilDate } from '@sop/util';
import { PARTY_BUILDING_V1, partyDeadline } from '../../domain/party-organization';
import { PartyOrganizationStore } from './party-organization.ports';

const BATCH = 200;

/**
 * From 00:00 Beijing time the day after an uncovered organization's deadline: one PartyOrganizationOverdue per
 * uncovered episode (regulations §5.1 trigger 2). The claim on the status row and the event commit together, so
 * re-runs and overlapping instances publish once. The event carries the day the default took effect (overdueOn),
 * so a run after downtime reports the same date and credit supervision lists from it. A deadline whose year has
 * no official calendar yet is computed once the year is published (never a weekends-only guess).
 */
@Injectable()
export class DetectOverduePartyOrganizations {
  private readonly logger = new Logger('PartyOrganizations');

  constructor(
    private readonly uow: UnitOfWork,
    private readonly store: PartyOrganizationStore,
    private readonly clock: Clock,
    private readonly calendars: OfficialCalendars,
  ) {}

  async detectOverdue(): Promise<number> {
    const now = this.clock.now();
    const today = civilDateOf(now);
    let published = 0;
    let after = '';
    for (;;) {
      const candidates = await this.store.overdueCandidates(today, after, BATCH);
      for (const c of candidates) {
        after = c.uscc;
        let dueOn: CivilDate | null = c.dueOn;
        if (!dueOn) {
          dueOn = this.deadlineOf(c.uncoveredSince);
          if (!dueOn) continue;
          await this.store.saveDueOn(c.uscc, c.episode, dueOn);
          if (dueOn >= today) continue;
        }
        const overdueOn = addCivilDays(dueOn, 1);
        const claimed = await this.uow.run(async (tx) => {
          if (!(await this.store.claimOverdue(tx, c.uscc, c.episode))) return false;
          await tx.publish(PartyOrganizationOverdue, {
            subject: c.uscc,
            policyVersion: c.ruleVersion,
            data: {
              uscc: c.uscc,
              registeringAuthority: c.registeringAuthority,
              requiredCoverage: c.requiredCoverage,
              form: c.form,
              dueOn,
              overdueOn,
              detectedAt: now.toISOString(),
              ruleVersion: c.ruleVersion,
            },
          });
          return true;
        });
        if (claimed) published++;
      }
      if (candidates.length < BATCH) break;
    }
    if (published) this.logger.log(`${published} organization(s) past the Party-organization deadline`);
    return published;
  }

  private deadlineOf(uncoveredSince: Date): CivilDate | null {
    try {
      return partyDeadline(uncoveredSince, PARTY_BUILDING_V1, this.calendars.current()).lastDay;
    } catch (err) {
      if (err instanceof CalendarErrors.YEAR_NOT_PUBLISHED) return null;
      throw err;
    }
  }
}
