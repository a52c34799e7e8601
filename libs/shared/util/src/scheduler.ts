import { PeriodicTask } from './periodic-task';

/**
 * The shell of a service's scheduler (the same in every service): a named PeriodicTask started when the
 * application has booted and stopped before it shuts down (before the database closes), with `tick()` for tests and
 * operators. Nest calls the two lifecycle methods by name; the subclass gives the job and says how a failure is
 * logged and what a failed run returns.
 */
export abstract class Scheduler<T> {
  private readonly task: PeriodicTask<T>;

  protected constructor(name: string, intervalMs: number) {
    this.task = new PeriodicTask(() => this.runJobs(), intervalMs, (err) => this.failed(err), name);
  }

  /** The scheduled work; every job must be idempotent (another instance may run the same tick). */
  protected abstract runJobs(): Promise<T>;

  /** Logs a failed run and gives its result. */
  protected abstract failed(err: Error): T;

  onApplicationBootstrap(): void {
    this.task.start();
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.task.stop();
  }

  /** One run now; a tick while one runs joins it. */
  tick(): Promise<T> {
    return this.task.run();
  }
}
