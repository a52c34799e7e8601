import fc from 'fast-check';
import { addWorkingDays } from './working-days';

describe('working days', () => {
  it('skips weekends: Friday + 5 working days is the next Friday', () => {
    expect(addWorkingDays(new Date('2026-11-27T10:00:00Z'), 5).toISOString()).toBe('2026-12-04T23:59:59.999Z');
  });

  it('skips given holidays', () => {
    const holiday = (d: Date) => d.toISOString().startsWith('2026-12-01');
    expect(addWorkingDays(new Date('2026-11-27T10:00:00Z'), 5, holiday).toISOString()).toBe('2026-12-07T23:59:59.999Z');
  });

  it('property: n working days never land on a weekend and span at most n + 2·ceil(n/5) + 2 calendar days', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }), fc.integer({ min: 1, max: 40 }), (start, n) => {
        const end = addWorkingDays(start, n);
        expect([0, 6]).not.toContain(end.getUTCDay());
        const days = (end.getTime() - start.getTime()) / 86_400_000;
        expect(days).toBeLessThanOrEqual(n + 2 * Math.ceil(n / 5) + 2);
      }),
    );
  });
});
