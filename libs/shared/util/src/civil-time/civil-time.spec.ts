import fc from 'fast-check';
import {
  addCivilDays,
  addCivilMonths,
  civilDate,
  civilDateOf,
  civilDaysBetween,
  endOfCivilDay,
  parseCivilDate,
  startOfCivilDay,
} from './civil-date';
import { daysPeriod, monthsPeriod, periodExpired, workingDaysPeriod, yearsPeriod } from './civil-periods';
import { mostSpecificVersionInForce } from './versions-in-force';
import { CalendarErrors, CN_OFFICIAL_CALENDAR } from './official-calendar';

const d = civilDate;

describe('civil dates are Beijing dates', () => {
  it('reads an instant at its Beijing date, on both sides of Beijing midnight', () => {
    expect(civilDateOf(new Date('2026-12-31T15:59:59.999Z'))).toBe('2026-12-31'); // 23:59:59.999 Beijing
    expect(civilDateOf(new Date('2026-12-31T16:00:00.000Z'))).toBe('2027-01-01'); // 00:00 Beijing: already the new year
    expect(civilDateOf(new Date('2027-01-01T07:59:00.000Z'))).toBe('2027-01-01'); // still 31 Dec in UTC
  });

  it('starts a day at 00:00 and ends it at 24:00 Beijing time (16:00 UTC)', () => {
    expect(startOfCivilDay(d('2026-05-31')).toISOString()).toBe('2026-05-30T16:00:00.000Z');
    expect(endOfCivilDay(d('2026-05-31')).toISOString()).toBe('2026-05-31T16:00:00.000Z');
  });

  it('accepts only real days written YYYY-MM-DD', () => {
    expect(parseCivilDate('2027-02-28')).toBe('2027-02-28');
    for (const bad of ['2027-02-31', '2027-13-01', '20270101', '2027-W01-1', '2027-123', '2027-01-01T10', '', 20270101]) expect(parseCivilDate(bad)).toBeNull();
  });

  it('clamps month arithmetic to the month’s end (Civil Code Art. 202)', () => {
    expect(addCivilMonths(d('2026-08-31'), 6)).toBe('2027-02-28');
    expect(addCivilMonths(d('2027-08-31'), 6)).toBe('2028-02-29');
  });
});

describe('the official calendar (State Council notices, 2018 onwards)', () => {
  it('knows holidays and make-up working weekends', () => {
    expect(CN_OFFICIAL_CALENDAR.isWorkingDay(d('2026-10-05'))).toBe(false); // National Day week, a Monday
    expect(CN_OFFICIAL_CALENDAR.isWorkingDay(d('2026-10-10'))).toBe(true); // a Saturday made up
    expect(CN_OFFICIAL_CALENDAR.isWorkingDay(d('2020-01-31'))).toBe(false); // the 2020 extension of the Spring Festival
    expect(CN_OFFICIAL_CALENDAR.isWorkingDay(d('2020-02-01'))).toBe(false); // its make-up Saturday was cancelled
    expect(CN_OFFICIAL_CALENDAR.isWorkingDay(d('2018-12-29'))).toBe(true); // made up for New Year 2019
    expect(CN_OFFICIAL_CALENDAR.coveredYears()).toEqual([2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026]);
  });

  it('refuses a year it has no notice for, never falling back to weekends only', () => {
    expect(() => CN_OFFICIAL_CALENDAR.isWorkingDay(d('2027-01-04'))).toThrow(CalendarErrors.YEAR_NOT_PUBLISHED);
    expect(() => workingDaysPeriod(d('2026-12-29'), 5, CN_OFFICIAL_CALENDAR)).toThrow(/no official holiday calendar for 2027/);
  });

  it('adds a published year as a new version', () => {
    const next = CN_OFFICIAL_CALENDAR.withYear({ year: 2027, source: 'test notice', holidays: ['2027-01-01'], workingWeekends: [] });
    expect(next.calendarVersion).toBe('cn-official-holidays@v2');
    expect(next.isWorkingDay(d('2027-01-01'))).toBe(false);
    expect(next.isWorkingDay(d('2027-01-04'))).toBe(true);
  });
});

describe('periods (Civil Code Art. 200–204)', () => {
  it('counts days from the next day and ends at 24:00 Beijing time of the last day', () => {
    // Submitted 10:00 Beijing on 2 March 2026: 60 days run 3 March … 1 May; 1 May is Labour Day, so it moves to 6 May.
    const decision = daysPeriod(new Date('2026-03-02T02:00:00Z'), 60, CN_OFFICIAL_CALENDAR);
    expect(decision.lastDay).toBe('2026-05-06');
    expect(decision.endsAt.toISOString()).toBe('2026-05-06T16:00:00.000Z');
    expect(periodExpired(decision, new Date('2026-05-06T15:59:59.999Z'))).toBe(false);
    expect(periodExpired(decision, new Date('2026-05-06T16:00:00.000Z'))).toBe(true);
  });

  it('takes an event at 01:00 Beijing time on its Beijing day, not the UTC day before', () => {
    const period = daysPeriod(new Date('2026-06-30T17:00:00Z'), 15, CN_OFFICIAL_CALENDAR); // 1 July 01:00 Beijing
    expect(period.lastDay).toBe('2026-07-16');
  });

  it('counts working days over holidays and make-up weekends', () => {
    // Obtained on Wednesday 30 September 2026: 1–7 October are off, Saturday 10 October is worked.
    expect(workingDaysPeriod(d('2026-09-30'), 5, CN_OFFICIAL_CALENDAR).lastDay).toBe('2026-10-13');
    // Obtained on Friday 13 November 2026 at 23:30 Beijing (15:30 UTC): Mon 16 … Fri 20.
    expect(workingDaysPeriod(new Date('2026-11-13T15:30:00Z'), 5, CN_OFFICIAL_CALENDAR).lastDay).toBe('2026-11-20');
  });

  it('ends month and year periods on the corresponding day, moved off rest days', () => {
    expect(monthsPeriod(d('2026-03-10'), 6, CN_OFFICIAL_CALENDAR).lastDay).toBe('2026-09-10');
    expect(monthsPeriod(d('2025-08-01'), 2, CN_OFFICIAL_CALENDAR).lastDay).toBe('2025-10-09'); // 1 October → after the holiday
    expect(yearsPeriod(d('2024-02-29'), 2, CN_OFFICIAL_CALENDAR).lastDay).toBe('2026-02-28'); // no 29 Feb: the month's end, a make-up working Saturday
    expect(yearsPeriod(d('2024-02-16'), 2, CN_OFFICIAL_CALENDAR).lastDay).toBe('2026-02-24'); // 16 Feb 2026: Spring Festival, ends the 23rd
  });

  // Starts whose periods stay inside the published years.
  const coveredDay = fc.integer({ min: 0, max: civilDaysBetween(d('2018-01-01'), d('2026-10-31')) }).map((offset) => addCivilDays(d('2018-01-01'), offset));

  it('property: a day period ends on a working day, at least its length after the start', () => {
    fc.assert(
      fc.property(coveredDay, fc.integer({ min: 1, max: 60 }), (start, days) => {
        const end = daysPeriod(start, days, CN_OFFICIAL_CALENDAR);
        expect(CN_OFFICIAL_CALENDAR.isWorkingDay(end.lastDay)).toBe(true);
        expect(civilDaysBetween(start, end.lastDay)).toBeGreaterThanOrEqual(days);
        // Moved only across rest days: every day between the nominal last day and the actual one is a rest day.
        for (let gap = days; gap < civilDaysBetween(start, end.lastDay); gap++) expect(CN_OFFICIAL_CALENDAR.isRestDay(addCivilDays(start, gap))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('property: a working-day period ends on a working day with exactly N working days after the start', () => {
    fc.assert(
      fc.property(coveredDay, fc.integer({ min: 1, max: 15 }), (start, n) => {
        const end = workingDaysPeriod(start, n, CN_OFFICIAL_CALENDAR);
        expect(CN_OFFICIAL_CALENDAR.isWorkingDay(end.lastDay)).toBe(true);
        expect(civilDaysBetween(start, end.lastDay)).toBeGreaterThanOrEqual(n);
        let counted = 0;
        for (let i = 1; i <= civilDaysBetween(start, end.lastDay); i++) if (CN_OFFICIAL_CALENDAR.isWorkingDay(addCivilDays(start, i))) counted++;
        expect(counted).toBe(n);
      }),
      { numRuns: 300 },
    );
  });
});

describe('the most specific rule-set version in force', () => {
  const v = (jurisdiction: string, version: number, effectiveFrom: string) => ({ ruleSetId: `x/${jurisdiction}`, jurisdiction, version, effectiveFrom: civilDate(effectiveFrom) });
  const versions = [v('100000', 1, '2020-01-01'), v('110000', 1, '2024-01-01'), v('110000', 2, '2026-06-01'), v('110108', 1, '2027-01-01'), v('310000', 1, '2020-01-01')];

  it('takes the covering jurisdiction closest to the division, its latest version in force on the Beijing date', () => {
    expect(mostSpecificVersionInForce(versions, '110108', new Date('2026-05-31T15:59:59Z'))).toMatchObject({ jurisdiction: '110000', version: 1 });
    expect(mostSpecificVersionInForce(versions, '110108', new Date('2026-05-31T16:00:00Z'))).toMatchObject({ jurisdiction: '110000', version: 2 }); // 00:00 Beijing on 1 June
    expect(mostSpecificVersionInForce(versions, '110108', new Date('2026-12-31T16:00:00Z'))).toMatchObject({ jurisdiction: '110108' });
    expect(mostSpecificVersionInForce(versions, '440100', new Date('2026-06-01T00:00:00Z'))).toMatchObject({ jurisdiction: '100000' });
    expect(mostSpecificVersionInForce(versions, '440100', new Date('2019-06-01T00:00:00Z'))).toBeNull();
  });
});
