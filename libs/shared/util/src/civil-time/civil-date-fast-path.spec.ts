import { Temporal } from '@js-temporal/polyfill';
import fc from 'fast-check';
import { addCivilDays, civilDateOf, civilDayOfWeek, civilDaysBetween, civilYearOf, startOfCivilDay, type CivilDate } from './civil-date';

// The UTC+8 arithmetic of civil-date.ts must agree with Temporal's Asia/Shanghai rules wherever it is used (1992–9998),
// and the China daylight-saving years (1986–1991) must still go through the zone rules.
const viaTemporal = {
  dateOf: (ms: number) => Temporal.Instant.fromEpochMilliseconds(ms).toZonedDateTimeISO('Asia/Shanghai').toPlainDate().toString(),
  startOf: (date: string) => Temporal.PlainDate.from(date).toZonedDateTime({ timeZone: 'Asia/Shanghai' }).epochMilliseconds,
};
const instant = fc.integer({ min: Date.UTC(1985, 0, 1), max: Date.UTC(2200, 0, 1) });
const date = instant.map((ms) => viaTemporal.dateOf(ms) as CivilDate);

describe('civil dates: the fixed-offset fast path agrees with the time-zone rules', () => {
  it('civilDateOf and startOfCivilDay', () => {
    fc.assert(fc.property(instant, (ms) => civilDateOf(new Date(ms)) === viaTemporal.dateOf(ms)), { numRuns: 5000 });
    fc.assert(fc.property(date, (d) => startOfCivilDay(d).getTime() === viaTemporal.startOf(d)), { numRuns: 5000 });
  });

  it('adding days, weekdays, years and day counts', () => {
    fc.assert(
      fc.property(date, fc.integer({ min: -20000, max: 20000 }), (d, n) => {
        const expected = Temporal.PlainDate.from(d).add({ days: n });
        return (
          addCivilDays(d, n) === expected.toString() &&
          civilDayOfWeek(d) === Temporal.PlainDate.from(d).dayOfWeek &&
          civilYearOf(d) === Temporal.PlainDate.from(d).year &&
          civilDaysBetween(d, expected.toString() as CivilDate) === n
        );
      }),
      { numRuns: 5000 },
    );
  });

  it('the daylight-saving summers keep the zone rules: 2 July 1988 began at 15:00 UTC the day before (UTC+9)', () => {
    expect(startOfCivilDay('1988-07-02' as CivilDate).toISOString()).toBe('1988-07-01T15:00:00.000Z');
    expect(civilDateOf(new Date('1988-07-01T15:30:00Z'))).toBe('1988-07-02');
  });
});
