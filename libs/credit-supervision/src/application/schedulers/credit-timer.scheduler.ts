import { Inject, Injectable, Logger } from '@nestjs/common';
import { Clock, Scheduler } from '@sop/util';
import { RunDueTimersUseCase } from '../list-timers/run-due-timers.use-case';

export const CREDIT_TIMER_INTERVAL_MS = Symbol('CREDIT_TIMER_INTERVAL_MS');

/**
 * The list timers' scheduler (ARCHITECTURE "Clock port"): every interval it asks the Clock for the time and runs
 * what is due. Tests call `runDueTimers(now)` directly with a MovableClock. Running it on several instances is
 * safe: each decision re-reads the state under the organization's row lock and timers are idempotent.
 */
@Injectable()
export class CreditTimerScheduler extends Scheduler<unknown> {
  private readonly logger = new Logger('CreditTimerScheduler');

  constructor(
    private readonly timers: RunDueTimersUseCase,
    private readonly clock: Clock,
    @Inject(CREDIT_TIMER_INTERVAL_MS) intervalMs: number,
  ) {
    super('credit-supervision/list-timers', intervalMs);
  }

  protected runJobs(): Promise<{ decisions: number }> {
    return this.runDueTimers(this.clock.now());
  }

  protected failed(err: Error): undefined {
    this.logger.warn(`timer run failed: ${err.message}`);
    return undefined;
  }

  runDueTimers(now: Date): Promise<{ decisions: number }> {
    return this.timers.runDueTimers(now);
  }
}
