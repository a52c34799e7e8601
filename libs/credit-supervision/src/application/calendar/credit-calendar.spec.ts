import { civilDate, CN_OFFICIAL_CALENDAR, type OfficialCalendar } from '@sop/util';
import { captureDeadline } from '../../domain/credit-periods';
import { R } from '../../test-support/list-fixtures';
import { CreditCalendar } from './credit-calendar';

describe('CreditCalendar', () => {
  it('follows the service’s copy of the official calendar: a year published later is counted from then on', () => {
    let current: OfficialCalendar = CN_OFFICIAL_CALENDAR;
    const credit = new CreditCalendar({ current: () => current });
    // Information obtained on Friday 25 December 2026: the 5 working days reach into 2027, which has no notice yet.
    expect(() => captureDeadline(new Date('2026-12-25T02:00:00Z'), R, credit.calendar)).toThrow(expect.objectContaining({ code: 'CALENDAR.YEAR_NOT_PUBLISHED' }));
    current = CN_OFFICIAL_CALENDAR.withYear({ year: 2027, source: 'TEST DATA (invented)', holidays: ['2027-01-01'], workingWeekends: [] });
    const due = captureDeadline(new Date('2026-12-25T02:00:00Z'), R, credit.calendar);
    // Mon 28, Tue 29, Wed 30, Thu 31 December; Friday 1 January is a holiday; Monday 4 January.
    expect(due).toEqual({ lastDay: civilDate('2027-01-04'), endsAt: new Date('2027-01-04T16:00:00.000Z'), calendarVersion: 'cn-official-holidays@v2' });
    expect(credit.calendarVersion).toBe('cn-official-holidays@v2');
  });

  it('or a fixed calendar (unit tests)', () => {
    expect(new CreditCalendar().calendar).toBe(CN_OFFICIAL_CALENDAR);
  });
});
