import { Injectable, Logger } from '@nestjs/common';
import { UnitOfWork } from '@sop/messaging';
import { CalendarErrors, Clock } from '@sop/util';
import { RectificationNoticeStore } from '../inspections/inspections.ports';
import { ListDecisions } from '../lists/list-decisions';
import { ListStore } from '../lists/lists.ports';

/**
 * The list timers over the Clock port (the scheduler in application/schedulers calls it): rectification notices
 * past their deadline (§5.1 trigger 3), 6-month removal and 2-year escalation (§5.1, §5.2 trigger 1). Each takes
 * effect when its period ran out, not when a run detects it (the log records both: `at` and `recordedAt`).
 */
@Injectable()
export class RunDueTimersUseCase {
  private timersRunning: Promise<unknown> = Promise.resolve();
  private readonly logger = new Logger('RunDueTimersUseCase');

  constructor(
    private readonly uow: UnitOfWork,
    private readonly lists: ListStore,
    private readonly notices: RectificationNoticeStore,
    private readonly decisions: ListDecisions,
    private readonly clock: Clock,
  ) {}

  /**
   * Runs everything the time decided by `now`: rectification notices past their deadline and the list timers, per
   * organization in the order they took effect (ListDecisions' catch-up). Idempotent: decisions are re-derived from
   * the current state under the organization's lock, and take effect at their due instants, so a run after a long
   * gap decides what daily runs did. Runs of this process queue behind each other.
   */
  async runDueTimers(now: Date = this.clock.now()): Promise<{ decisions: number }> {
    const run = this.timersRunning.then(() => this.runDueTimersOnce(now));
    this.timersRunning = run.catch(() => undefined);
    return run;
  }

  private async runDueTimersOnce(now: Date): Promise<{ decisions: number }> {
    const due = new Set([...(await this.notices.noticesPastDeadline(now)).map((n) => n.uscc), ...(await this.lists.usccsWithTimersDue(now))]);
    let decisions = 0;
    for (const uscc of [...due].sort()) decisions += await this.orgTimers(uscc, now);
    return { decisions };
  }

  /**
   * One organization's notices and timers due by `now`. A period whose last day falls in a year without a holiday
   * notice cannot be ended yet (CALENDAR.YEAR_NOT_PUBLISHED): that organization waits for the notice, the others go on.
   */
  private async orgTimers(uscc: string, now: Date): Promise<number> {
    try {
      return (await this.uow.run((tx) => this.decisions.decide(tx, uscc, now, () => [], undefined, now))).length;
    } catch (err) {
      if (!(err instanceof CalendarErrors.YEAR_NOT_PUBLISHED)) throw err;
      this.logger.warn(`timers of ${uscc} wait for the official calendar: ${err.message}`);
      return 0;
    }
  }
}
