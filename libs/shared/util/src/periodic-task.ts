/**
 * A service's time-driven work (timers over the Clock port): runs `job` every `intervalMs` (0 or less: never on its
 * own; tests call `run()`). A run requested while one is in flight joins it, so ticks never overlap within a process;
 * across processes the jobs themselves are idempotent. A failed run resolves to `onError(err)`, so a timer never
 * throws into the event loop. `stop()` clears the timer and waits for the run in flight.
 */
export class PeriodicTask<T> {
  /** Process-wide observer of runs (the metrics module counts runs, failures and durations per task name). */
  static observer?: (name: string, outcome: 'ok' | 'failed', durationMs: number) => void;

  private timer?: ReturnType<typeof setInterval>;
  private inFlight?: Promise<T>;

  constructor(
    private readonly job: () => Promise<T>,
    private readonly intervalMs: number,
    private readonly onError: (err: Error) => T,
    /** `<service>/<task>`, e.g. credit-supervision/list-timers: the metrics label. */
    readonly name = 'unnamed',
  ) {}

  start(): void {
    if (this.intervalMs <= 0 || this.timer) return;
    this.timer = setInterval(() => void this.run(), this.intervalMs);
    this.timer.unref?.();
  }

  run(): Promise<T> {
    if (this.inFlight) return this.inFlight;
    const current = (async () => {
      const started = Date.now();
      try {
        const result = await this.job();
        PeriodicTask.observer?.(this.name, 'ok', Date.now() - started);
        return result;
      } catch (err) {
        PeriodicTask.observer?.(this.name, 'failed', Date.now() - started);
        return this.onError(err as Error);
      } finally {
        this.inFlight = undefined;
      }
    })();
    this.inFlight = current;
    return current;
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.inFlight;
  }
}
