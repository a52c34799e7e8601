import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { Clock, PeriodicTask } from '@sop/util';
import { PublishDueExpiries } from '../expiry/publish-due-expiries.use-case';

export const EVALUATION_SCHEDULER_INTERVAL_MS = Symbol('EVALUATION_SCHEDULER_INTERVAL_MS');

/**
 * Time-driven work of the evaluation service, read through the Clock port (tests move a MovableClock and call
 * `tick()` directly): GradeExpired for grades whose validity ended. The job is idempotent, so a tick that overlaps
 * another instance's does no harm. Interval 0 disables the timer.
 */
@Injectable()
export class EvaluationScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('EvaluationScheduler');
  private readonly task: PeriodicTask<number>;

  constructor(
    private readonly publishDueExpiries: PublishDueExpiries,
    private readonly clock: Clock,
    @Inject(EVALUATION_SCHEDULER_INTERVAL_MS) intervalMs: number,
  ) {
    this.task = new PeriodicTask(
      () => this.publishDueExpiries.execute(this.clock.now()),
      intervalMs,
      (err) => {
        this.logger.error(`grade expiry failed: ${err.message}`);
        return 0;
      },
    );
  }

  onApplicationBootstrap(): void {
    this.task.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.task.stop();
  }

  /** One run at the Clock's now; a tick while one runs joins it. Resolves to the number of GradeExpired published (0 on failure, logged). */
  tick(): Promise<number> {
    return this.task.run();
  }
}
