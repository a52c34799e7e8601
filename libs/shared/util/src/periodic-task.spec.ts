import { PeriodicTask } from './periodic-task';

describe('PeriodicTask', () => {
  it('joins a run requested while one is in flight, and starts a new one afterwards', async () => {
    let calls = 0;
    let release!: () => void;
    const task = new PeriodicTask(async () => {
      calls += 1;
      await new Promise<void>((r) => (release = r));
      return calls;
    }, 0, () => -1);
    const a = task.run();
    const b = task.run();
    release();
    expect(await Promise.all([a, b])).toEqual([1, 1]);
    const c = task.run();
    release();
    expect(await c).toBe(2);
  });

  it('turns a failure into onError, and runs on its interval only when started with one', async () => {
    jest.useFakeTimers();
    try {
      let calls = 0;
      const task = new PeriodicTask(async () => {
        calls += 1;
        throw new Error('boom');
      }, 1000, (err) => err.message);
      expect(await task.run()).toBe('boom');
      task.start();
      await jest.advanceTimersByTimeAsync(3000);
      expect(calls).toBe(4);
      await task.stop();
      await jest.advanceTimersByTimeAsync(3000);
      expect(calls).toBe(4);

      const never = new PeriodicTask(async () => (calls += 1), 0, () => 0);
      never.start();
      await jest.advanceTimersByTimeAsync(3000);
      expect(calls).toBe(4);
    } finally {
      jest.useRealTimers();
    }
  });
});
