import { civilDate, CN_OFFICIAL_CALENDAR } from '@sop/util';
import { captureDeadline, lastDayOf, lateAt, periodEarliestEnd, periodEnd, periodEndIfRunOut, removalDeadline } from './credit-periods';
import { R } from '../test-support/list-fixtures';

describe('credit periods (Civil Code Art. 200-204, Beijing civil dates)', () => {
  it('capture: 5 working days from the Beijing date the information was formed, on both sides of Beijing midnight', () => {
    // 23:59:59.999 Beijing on Thursday 12 November 2026: Fri 13, Mon 16 … Thu 19 November, until 24:00 Beijing.
    expect(captureDeadline(new Date('2026-11-12T15:59:59.999Z'), R)).toEqual({ lastDay: civilDate('2026-11-19'), endsAt: new Date('2026-11-19T16:00:00.000Z'), calendarVersion: CN_OFFICIAL_CALENDAR.calendarVersion });
    // 00:00 Beijing on Friday 13 November (16:00 UTC on the 12th): Mon 16 … Fri 20 November.
    expect(captureDeadline(new Date('2026-11-12T16:00:00.000Z'), R).lastDay).toBe('2026-11-20');
    // Over the National Day week (1–7 October off) and its make-up Saturday 10 October: 8, 9, 10, 12, 13.
    expect(captureDeadline(new Date('2026-09-30T15:59:59.999Z'), R).lastDay).toBe('2026-10-13');
  });

  it('removal: 5 working days from the verification, ending at 24:00 Beijing time', () => {
    const due = removalDeadline(new Date('2026-05-29T03:00:00Z'), R); // Friday 29 May 2026, 11:00 Beijing
    expect(due).toMatchObject({ lastDay: '2026-06-05', endsAt: new Date('2026-06-05T16:00:00.000Z') });
    expect(lastDayOf(due.endsAt)).toBe('2026-06-05');
  });

  it('late is at or after 24:00 Beijing time of the last day, not before', () => {
    const deadline = new Date('2026-06-05T16:00:00.000Z');
    expect(lateAt(new Date('2026-06-05T15:59:59.999Z'), deadline)).toBe(false); // 23:59:59.999 Beijing on the last day
    expect(lateAt('2026-06-05T16:00:00.000Z', deadline)).toBe(true); // 00:00 Beijing the day after
  });

  it('months and years: the earliest end needs no notice; the exact end moves off rest days; not run out before it', () => {
    const start = new Date('2026-03-31T17:00:00Z'); // 01:00 Beijing on 1 April 2026
    const sixMonths = { unit: 'months' as const, count: 6 };
    expect(periodEarliestEnd(start, sixMonths).toISOString()).toBe('2026-10-01T16:00:00.000Z');
    expect(periodEnd(start, sixMonths, CN_OFFICIAL_CALENDAR)).toMatchObject({ lastDay: '2026-10-08', endsAt: new Date('2026-10-08T16:00:00.000Z') });
    expect(periodEndIfRunOut(start, sixMonths, new Date('2026-10-08T15:59:59.999Z'))).toBeNull();
    expect(periodEndIfRunOut(start, sixMonths, new Date('2026-10-08T16:00:00.000Z'))?.lastDay).toBe('2026-10-08');
    // Two years reach 2028, which has no notice: not due before its corresponding day, and never counted as weekends only.
    const twoYears = { unit: 'years' as const, count: 2 };
    expect(periodEndIfRunOut(start, twoYears, new Date('2027-06-01T00:00:00Z'))).toBeNull();
    expect(() => periodEndIfRunOut(start, twoYears, new Date('2028-04-02T00:00:00Z'))).toThrow(expect.objectContaining({ code: 'CALENDAR.YEAR_NOT_PUBLISHED' }));
  });
});
