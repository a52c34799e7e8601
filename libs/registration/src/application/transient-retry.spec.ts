import { retryOnLockConflict } from './transient-retry';

describe('retryOnLockConflict', () => {
  it('runs the whole unit again after a deadlock and gives up after the last attempt', async () => {
    let calls = 0;
    const deadlock = Object.assign(new Error('Deadlock found'), { driverError: { code: 'ER_LOCK_DEADLOCK' } });
    await expect(retryOnLockConflict(async () => (++calls < 3 ? Promise.reject(deadlock) : 'ok'))).resolves.toBe('ok');
    expect(calls).toBe(3);
    calls = 0;
    await expect(retryOnLockConflict(async () => { calls++; throw deadlock; }, 2)).rejects.toBe(deadlock);
    expect(calls).toBe(2);
  });

  it('does not retry other errors', async () => {
    let calls = 0;
    await expect(retryOnLockConflict(async () => { calls++; throw new Error('NAME_TAKEN'); })).rejects.toThrow('NAME_TAKEN');
    expect(calls).toBe(1);
  });
});
