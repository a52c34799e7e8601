import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { Clock } from '@sop/util';
import { EvaluationService } from './evaluation.service';

export const EVALUATION_SCHEDULER_INTERVAL_MS = Symbol('EVALUATION_SCHEDULER_INTERVAL_MS');

/**
 * Time-driven work of the evaluation service, read through the Clock port (tests move a MovableClock and call
 * `tick()` directly): GradeExpired for grades whose validity ended. The job is idempotent, so a tick that overlaps
 * another instance's does no harm. Interval 0 disables the timer.
 */
@Injectable()
export class EvaluationScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('EvaluationScheduler');
  private timer?: NodeJS.Timeout;
  private running?: Promise<number>;

  constructor(
    private readonly evaluation: EvaluationService,
    private readonly clock: Clock,
    @Inject(EVALUATION_SCHEDULER_INTERVAL_MS) private readonly intervalMs: number,
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

  /** One run at the Clock's now; a tick while one runs joins it. Resolves to the number of GradeExpired published (0 on failure, logged). */
  tick(): Promise<number> {
    if (this.running) return this.running;
    this.running = (async () => {
      try {
        return await this.evaluation.publishDueExpiries(this.clock.now());
      } catch (err) {
        this.logger.error(`grade expiry failed: ${(err as Error).message}`);
        return 0;
      } finally {
        this.running = undefined;
      }
    })();
    return this.running;
  }
}
