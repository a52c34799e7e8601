import { Inject, Injectable, Logger } from '@nestjs/common';
import { Clock, Scheduler } from '@sop/util';
import { PublishDueExpiries } from '../expiry/publish-due-expiries.use-case';

export const EVALUATION_SCHEDULER_INTERVAL_MS = Symbol('EVALUATION_SCHEDULER_INTERVAL_MS');

/**
 * Time-driven work of the evaluation service, read through the Clock port (tests move a MovableClock and call
 * `tick()` directly): GradeExpired for grades whose validity ended. The job is idempotent, so a tick that overlaps
 * another instance's does no harm. Interval 0 disables the timer. A tick resolves to the number of GradeExpired
 * published (0 on failure, logged).
 */
@Injectable()
export class EvaluationScheduler extends Scheduler<number> {
  private readonly logger = new Logger('EvaluationScheduler');

  constructor(
    private readonly publishDueExpiries: PublishDueExpiries,
    private readonly clock: Clock,
    @Inject(EVALUATION_SCHEDULER_INTERVAL_MS) intervalMs: number,
  ) {
    super('evaluation/grade-expiry', intervalMs);
  }

  protected runJobs(): Promise<number> {
    return this.publishDueExpiries.execute(this.clock.now());
  }

  protected failed(err: Error): number {
    this.logger.error(`grade expiry failed: ${err.message}`);
    return 0;
  }
}
