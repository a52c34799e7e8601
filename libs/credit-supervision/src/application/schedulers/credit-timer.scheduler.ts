import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { Clock, PeriodicTask } from '@sop/util';
import { RunDueTimersUseCase } from '../list-timers/run-due-timers.use-case';

export const CREDIT_TIMER_INTERVAL_MS = Symbol('CREDIT_TIMER_INTERVAL_MS');

/**
 * The list timers' scheduler (ARCHITECTURE "Clock port"): every interval it asks the Clock for the time and runs
 * what is due. Tests call `runDueTimers(now)` directly with a MovableClock. Running it on several instances is
 * safe: each decision re-reads the state under the organization's row lock and timers are idempotent.
 */
@Injectable()
export class CreditTimerScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('CreditTimerScheduler');
  private readonly task: PeriodicTask<unknown>;

  constructor(
    private readonly timers: RunDueTimersUseCase,
    private readonly clock: Clock,
    @Inject(CREDIT_TIMER_INTERVAL_MS) intervalMs: number,
  ) {
    this.task = new PeriodicTask<unknown>(() => this.runDueTimers(this.clock.now()), intervalMs, (err) => this.logger.warn(`timer run failed: ${err.message}`));
  }

  onApplicationBootstrap(): void {
    this.task.start();
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.task.stop();
  }

  runDueTimers(now: Date): Promise<{ decisions: number }> {
    return this.timers.runDueTimers(now);
  }
}
