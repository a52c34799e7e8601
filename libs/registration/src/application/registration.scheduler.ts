import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { AnnualReportService } from './annual-report.service';
import { RegimeShiftService } from './regime-shift.service';

export const SCHEDULER_INTERVAL_MS = Symbol('REGISTRATION_SCHEDULER_INTERVAL_MS');

/**
 * Time-driven work of the registration service, read through the Clock port (so tests move time and call
 * `tick()` directly): regime changes that reached their effective date, overdue annual reports. Every job is idempotent, so a tick
 * that overlaps another instance's does no harm. Interval 0 disables the timer.
 */
@Injectable()
export class RegistrationScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('RegistrationScheduler');
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    private readonly shift: RegimeShiftService,
    private readonly annualReports: AnnualReportService,
    @Inject(SCHEDULER_INTERVAL_MS) private readonly intervalMs: number,
  ) {}

  onApplicationBootstrap(): void {
    if (this.intervalMs > 0) {
      this.timer = setInterval(() => void this.tick(), this.intervalMs);
      this.timer.unref();
    }
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  async tick(): Promise<void> {
    if (this.running) return this.running;
    this.running = (async () => {
      try {
        await this.shift.applyDueChanges();
      } catch (err) {
        this.logger.error(`regime changes failed: ${(err as Error).message}`);
      }
      try {
        await this.annualReports.detectOverdue();
      } catch (err) {
        this.logger.error(`annual-report overdue detection failed: ${(err as Error).message}`);
      } finally {
        this.running = undefined;
      }
    })();
    return this.running;
  }
}
