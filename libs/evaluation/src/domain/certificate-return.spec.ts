import { CN_OFFICIAL_CALENDAR } from '@sop/util';
import { certificateReturnPeriod } from './certificate-return';
import { MEASURES_2026_V1, ORDER_39_V1 } from './evaluation-rules';

describe('return of certificate and plaque within 15 days of a lowering or cancellation (regulations §6; Civil Code Art. 201–203)', () => {
  const due = (iso: string) => certificateReturnPeriod(new Date(iso), MEASURES_2026_V1);

  it('both rule sets give 15 days', () => {
    expect(ORDER_39_V1.certificateReturnDays).toBe(15);
    expect(MEASURES_2026_V1.certificateReturnDays).toBe(15);
  });

  it('counts from the day after the Beijing date of the notice and ends at 24:00 Beijing time, with the calendar version', () => {
    // 2026-09-15 (Tuesday) at 23:59:59.999 Beijing time: the 15th day is Wednesday 30 September, a working day.
    expect(due('2026-09-15T15:59:59.999Z')).toEqual({ lastDay: '2026-09-30', endsAt: new Date('2026-09-30T16:00:00.000Z'), calendarVersion: CN_OFFICIAL_CALENDAR.calendarVersion });
  });

  it('a notice at 00:00 Beijing time (16:00Z) belongs to the next day; a last day in the National Day holidays moves to the next working day', () => {
    // Beijing 2026-09-16: the 15th day is 1 October (holiday to 7 October) → Thursday 8 October.
    expect(due('2026-09-15T16:00:00.000Z')).toMatchObject({ lastDay: '2026-10-08', endsAt: new Date('2026-10-08T16:00:00.000Z') });
  });

  it('a make-up working Saturday is a working day: the last day stays', () => {
    expect(due('2026-09-25T10:00:00+08:00')).toMatchObject({ lastDay: '2026-10-10' });
  });

  it('a last day on a Sunday moves to Monday', () => {
    expect(due('2026-01-10T08:00:00+08:00')).toMatchObject({ lastDay: '2026-01-26', endsAt: new Date('2026-01-26T16:00:00.000Z') });
  });

  it('is null (not a refusal) while the official calendar has no notice for the year the period reaches', () => {
    expect(due('2026-12-16T12:00:00+08:00')).toMatchObject({ lastDay: '2026-12-31' });
    expect(due('2026-12-17T12:00:00+08:00')).toBeNull(); // 1 January 2027: the 2027 notice is not in the calendar
    const with2027 = CN_OFFICIAL_CALENDAR.withYear({ year: 2027, source: 'test', holidays: ['2027-01-01'], workingWeekends: [] });
    expect(certificateReturnPeriod(new Date('2026-12-17T12:00:00+08:00'), MEASURES_2026_V1, with2027)).toEqual({ lastDay: '2027-01-04', endsAt: new Date('2027-01-04T16:00:00.000Z'), calendarVersion: 'cn-official-holidays@v2' });
  });
});
