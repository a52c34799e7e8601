import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { PeriodicTask } from '@sop/util';
import { DetectOverdueAnnualReports } from '../annual-reports/detect-overdue-annual-reports.use-case';
import { ApplyDueRegimeChanges } from '../regime-shift/apply-due-regime-changes.use-case';

export const SCHEDULER_INTERVAL_MS = Symbol('REGISTRATION_SCHEDULER_INTERVAL_MS');

/**
 * Time-driven work of the registration service, read through the Clock port (so tests move time and call
 * `tick()` directly): regime changes that reached their effective date, overdue annual reports. Every job is idempotent, so a tick
 * that overlaps another instance's does no harm. Interval 0 disables the timer.
 */
@Injectable()
export class RegistrationScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('RegistrationScheduler');
  private readonly task: PeriodicTask<void>;

  constructor(
    private readonly regimeChanges: ApplyDueRegimeChanges,
    private readonly overdueReports: DetectOverdueAnnualReports,
    @Inject(SCHEDULER_INTERVAL_MS) intervalMs: number,
  ) {
    this.task = new PeriodicTask(() => this.runJobs(), intervalMs, (err) => this.logger.error(`scheduler run failed: ${err.message}`));
  }

  onApplicationBootstrap(): void {
    this.task.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.task.stop();
  }

  tick(): Promise<void> {
    return this.task.run();
  }

  /** Each job on its own: a failing regime change does not hold back overdue detection. */
  private async runJobs(): Promise<void> {
    try {
      await this.regimeChanges.applyDueChanges();
    } catch (err) {
      this.logger.error(`regime changes failed: ${(err as Error).message}`);
    }
    try {
      await this.overdueReports.detectOverdue();
    } catch (err) {
      this.logger.error(`annual-report overdue detection failed: ${(err as Error).message}`);
    }
  }
}
