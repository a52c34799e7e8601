import { addCivilDays, civilDate, CN_OFFICIAL_HOLIDAYS, OfficialCalendar, type OfficialYearData } from '@sop/util';

/**
 * TEST DATA, not an official notice: the State Council calendar (2018–2026) followed by invented years 2027–2100
 * (New Year's Day and 1–7 October off, no make-up working days), so that timelines running years ahead (2-year
 * escalation, 2 clean years, random simulations) can be counted. Production uses CN_OFFICIAL_CALENDAR, which refuses
 * a year without a notice (CALENDAR.YEAR_NOT_PUBLISHED).
 */
function inventedYear(year: number): OfficialYearData {
  const nationalDay = Array.from({ length: 7 }, (_, i) => addCivilDays(civilDate(`${year}-10-01`), i));
  return { year, source: 'TEST DATA (invented, not a State Council notice)', holidays: [`${year}-01-01`, ...nationalDay], workingWeekends: [] };
}

const published = Math.max(...CN_OFFICIAL_HOLIDAYS.map((y) => y.year));
/** The invented years after the last published one, to 2100. */
export const TEST_YEARS: readonly OfficialYearData[] = Array.from({ length: 2100 - published }, (_, i) => inventedYear(published + 1 + i));
export const TEST_CALENDAR = new OfficialCalendar('cn-official-holidays+test-years', 1, [...CN_OFFICIAL_HOLIDAYS, ...TEST_YEARS]);

/** The version the integration suites' calendar reaches once the invented years are recorded as published (version 2). */
export const TEST_PUBLISHED_VERSION = 2;
