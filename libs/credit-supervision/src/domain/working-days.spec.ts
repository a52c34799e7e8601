import fc from 'fast-check';
import { CN_NATIONAL_CALENDAR_V1, isWorkingDay } from './holiday-calendar';
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



describe('working days on the holiday calendar (data)', () => {
  it('skips the 2025 National Day week and counts the adjusted Saturday 11 Oct as a working day', () => {
    // Tue 30 Sep 2025 + 1 working day: 1–8 Oct are holidays, Thu 9 Oct is the next working day.
    expect(addWorkingDays(new Date('2025-09-30T08:00:00Z'), 1, CN_NATIONAL_CALENDAR_V1).toISOString()).toBe('2025-10-09T23:59:59.999Z');
    // Fri 10 Oct + 1: Saturday 11 Oct is an adjusted working day.
    expect(addWorkingDays(new Date('2025-10-10T08:00:00Z'), 1, CN_NATIONAL_CALENDAR_V1).toISOString()).toBe('2025-10-11T23:59:59.999Z');
  });

  it('property: with the calendar, the result is always a working day of that calendar', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2025-01-01'), max: new Date('2026-12-01'), noInvalidDate: true }), fc.integer({ min: 1, max: 20 }), (start, n) => {
        const end = addWorkingDays(start, n, CN_NATIONAL_CALENDAR_V1);
        expect(isWorkingDay(end, CN_NATIONAL_CALENDAR_V1)).toBe(true);
      }),
    );
  });
});
