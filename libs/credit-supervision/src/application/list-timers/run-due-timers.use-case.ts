import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { UnitOfWork } from '@sop/messaging';
import { CalendarErrors, Clock } from '@sop/util';
import { decideTrigger } from '../../domain/list-decisions';
import { decideDueTimers } from '../../domain/list-timers';
import { RectificationNoticeStore, type RectificationNotice } from '../inspections/inspections.ports';
import { ListDecisions } from '../lists/list-decisions';
import { ListStore } from '../lists/lists.ports';
import { OrganizationStore } from '../organizations/organizations.ports';

/**
 * The list timers over the Clock port (the scheduler in application/schedulers calls it): rectification notices
 * past their deadline (§5.1 trigger 3), 6-month removal and 2-year escalation (§5.1, §5.2 trigger 1).
 */
@Injectable()
export class RunDueTimersUseCase {
  private timersRunning: Promise<unknown> = Promise.resolve();
  private readonly logger = new Logger('RunDueTimersUseCase');

  constructor(
    private readonly uow: UnitOfWork,
    private readonly organizations: OrganizationStore,
    private readonly lists: ListStore,
    private readonly notices: RectificationNoticeStore,
    private readonly decisions: ListDecisions,
    private readonly clock: Clock,
  ) {}

  /**
   * Runs every timer due at `now`. Idempotent: decisions are re-derived from the current state under the
   * organization's lock, and take effect at their due instants. Repeats until nothing more is due. Runs of this
   * process queue behind each other.
   */
  async runDueTimers(now: Date = this.clock.now()): Promise<{ decisions: number }> {
    const run = this.timersRunning.then(() => this.runDueTimersOnce(now));
    this.timersRunning = run.catch(() => undefined);
    return run;
  }

  private async runDueTimersOnce(now: Date): Promise<{ decisions: number }> {
    let decisions = 0;
    for (let pass = 0; pass < 10; pass++) {
      let changed = 0;
      for (const notice of await this.notices.noticesPastDeadline(now)) changed += await this.noticeNotMet(notice, now);
      for (const uscc of await this.lists.usccsWithTimersDue(now)) {
        changed += await this.orgTimers(uscc, now);
      }
      decisions += changed;
      if (changed === 0) break;
    }
    return { decisions };
  }

  /**
   * One organization's due timers. A period whose last day falls in a year without a holiday notice cannot be ended
   * yet (CALENDAR.YEAR_NOT_PUBLISHED): that organization waits for the notice, the others go on.
   */
  private async orgTimers(uscc: string, now: Date): Promise<number> {
    try {
      return (await this.uow.run((tx) => this.decisions.decide(tx, uscc, now, (s, r, calendar) => decideDueTimers(s, now, r, randomUUID, calendar)))).length;
    } catch (err) {
      if (!(err instanceof CalendarErrors.YEAR_NOT_PUBLISHED)) throw err;
      this.logger.warn(`timers of ${uscc} wait for the official calendar: ${err.message}`);
      return 0;
    }
  }

  /** §5.1 trigger 3: the notice closes NOT_MET at its deadline and lists the organization, the notice id as evidence. */
  private noticeNotMet(notice: RectificationNotice, now: Date): Promise<number> {
    return this.uow.run(async (tx) => {
      const org = await this.organizations.organization(tx, notice.uscc);
      await this.organizations.lockOrganization(tx, notice.uscc);
      const current = await this.notices.notice(tx, notice.id);
      if (!current || current.status !== 'OPEN' || !org) return 0;
      await this.notices.updateNotice(tx, { ...current, status: 'NOT_MET', resolvedAt: current.deadline });
      const events = await this.decisions.decide(tx, notice.uscc, now, (s, r) =>
        decideTrigger(s, { uscc: notice.uscc, list: 'ABNORMAL', reason: 'RECTIFICATION_NOT_MET', evidence: [notice.id], at: current.deadline, decidingAuthority: org.registeringAuthority }, r, randomUUID),
      );
      return events.length;
    });
  }
}
