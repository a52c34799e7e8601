import { civilDayOfWeek, civilYearOf, CN_OFFICIAL_HOLIDAYS, parseCivilDate, type OfficialYearData } from '@sop/util';
import { RegistrationErrors } from './registration.errors';

/** The years the platform ships with (their notices are in @sop/util); the API adds later years. */
export const SHIPPED_CALENDAR_YEARS: ReadonlySet<number> = new Set(CN_OFFICIAL_HOLIDAYS.map((y) => y.year));

/**
 * Checks a year of the official holiday calendar as a national registrar enters it from the State Council notice:
 * every date a real day of that year, holidays on weekdays (weekends are rest days anyway), make-up working days on
 * weekends, nothing twice, and a source naming the notice.
 */
export function checkCalendarYear(input: OfficialYearData): OfficialYearData {
  const invalid = (field: string, message: string) => new RegistrationErrors.CALENDAR_YEAR_INVALID(message, { field, rule: 'State Council holiday notice' });
  if (!Number.isInteger(input.year) || input.year < 2018 || input.year > 2100) throw invalid('year', `year ${input.year} is outside 2018–2100`);
  if (SHIPPED_CALENDAR_YEARS.has(input.year)) {
    throw new RegistrationErrors.CALENDAR_YEAR_SHIPPED(`${input.year} ships with the platform from its State Council notice`, { field: 'year' });
  }
  if (!input.source?.trim()) throw invalid('source', 'name the State Council notice the year comes from');
  const check = (field: 'holidays' | 'workingWeekends', weekend: boolean) => {
    const seen = new Set<string>();
    input[field].forEach((value, i) => {
      const day = parseCivilDate(value);
      if (!day || civilYearOf(day) !== input.year) throw invalid(`${field}[${i}]`, `${value} is not a day of ${input.year} (YYYY-MM-DD)`);
      if ((civilDayOfWeek(day) >= 6) !== weekend) throw invalid(`${field}[${i}]`, `${value} is ${weekend ? 'a weekday: only weekends are made up' : 'a weekend: list only holidays that fall Monday to Friday'}`);
      if (seen.has(day)) throw invalid(`${field}[${i}]`, `${value} is listed twice`);
      seen.add(day);
    });
  };
  check('holidays', false);
  check('workingWeekends', true);
  return { year: input.year, source: input.source.trim(), holidays: [...input.holidays].sort(), workingWeekends: [...input.workingWeekends].sort() };
}
