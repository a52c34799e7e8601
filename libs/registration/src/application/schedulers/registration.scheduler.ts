import { Inject, Injectable, Logger } from '@nestjs/common';
import { Scheduler } from '@sop/util';
import { DetectOverdueAnnualReports } from '../annual-reports/detect-overdue-annual-reports.use-case';
import { DetectOverduePartyOrganizations } from '../party-organization/detect-overdue-party-organizations.use-case';
import { ApplyDueRegimeChanges } from '../regime-shift/apply-due-regime-changes.use-case';

export const SCHEDULER_INTERVAL_MS = Symbol('REGISTRATION_SCHEDULER_INTERVAL_MS');

/**
 * Time-driven work of the registration service, read through the Clock port (so tests move time and call
 * `tick()` directly): regime changes that reached their effective date, overdue annual reports, missed Party-organization deadlines. Every job is
 * idempotent, so a tick that overlaps another instance's does no harm. Interval 0 disables the timer.
 */
@Injectable()
export class RegistrationScheduler extends Scheduler<void> {
  private readonly logger = new Logger('RegistrationScheduler');

  constructor(
    private readonly regimeChanges: ApplyDueRegimeChanges,
    private readonly overdueReports: DetectOverdueAnnualReports,
    private readonly overdueParty: DetectOverduePartyOrganizations,
    @Inject(SCHEDULER_INTERVAL_MS) intervalMs: number,
  ) {
    super('registration/regime-changes-and-overdue-reports', intervalMs);
  }

  /** Each job on its own: a failing regime change does not hold back overdue detection. */
  protected async runJobs(): Promise<void> {
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
    try {
      await this.overdueParty.detectOverdue();
    } catch (err) {
      this.logger.error(`Party-organization overdue detection failed: ${(err as Error).message}`);
    }
  }

  protected failed(err: Error): void {
    this.logger.error(`scheduler run failed: ${err.message}`);
  }
}
