import { addCivilDays, addCivilMonths, addCivilYears, civilDateOf, endOfCivilDay, parseCivilDate, type CivilDate } from './civil-date';
import type { OfficialCalendar } from './official-calendar';

/**
 * Periods as the Civil Code counts them (民法典 Art. 200–204):
 *  - Art. 201: a period counted in days, months or years starts the day after the day of the event; the event's own
 *    day does not count.
 *  - Art. 202: a period in months or years ends on the corresponding day of the last month; without one, on the last
 *    day of that month.
 *  - Art. 203: if the last day is a statutory rest day, the period ends on the day after the rest days end; the last
 *    day ends at 24:00.
 * Working-day periods (the 5-working-day capture and removal deadlines) count working days from the day after.
 * Every result is a Beijing civil date with the instant it ends (24:00 Beijing time, exclusive).
 */
export interface PeriodEnd {
  /** The last day of the period (Beijing). */
  lastDay: CivilDate;
  /** 24:00 Beijing time of the last day: the period has run out at this instant. */
  endsAt: Date;
  /** The calendar that moved or counted it, when one was needed. */
  calendarVersion?: string;
}

/** The start of a period: an instant (taken at its Beijing date) or a civil date. */
export type PeriodStart = Date | CivilDate;

function startDate(start: PeriodStart): CivilDate {
  if (start instanceof Date) return civilDateOf(start);
  const parsed = parseCivilDate(start);
  if (!parsed) throw new RangeError(`not a civil date: ${start}`);
  return parsed;
}

function ending(lastDay: CivilDate, calendar: OfficialCalendar): PeriodEnd {
  const moved = calendar.nextWorkingDayFrom(lastDay); // Art. 203
  return { lastDay: moved, endsAt: endOfCivilDay(moved), calendarVersion: calendar.calendarVersion };
}

/** "within N days" of `start` (e.g. the 60-day registration decision, the 15-day return of certificates). */
export function daysPeriod(start: PeriodStart, days: number, calendar: OfficialCalendar): PeriodEnd {
  if (!Number.isInteger(days) || days < 1) throw new RangeError(`a period is a whole number of days ≥ 1, got ${days}`);
  return ending(addCivilDays(startDate(start), days), calendar);
}

/** "within N months" of `start` (e.g. 6 months after listing). */
export function monthsPeriod(start: PeriodStart, months: number, calendar: OfficialCalendar): PeriodEnd {
  return ending(addCivilMonths(startDate(start), months), calendar);
}

/** "within N years" of `start` (e.g. 2 years on the abnormal list). */
export function yearsPeriod(start: PeriodStart, years: number, calendar: OfficialCalendar): PeriodEnd {
  return ending(addCivilYears(startDate(start), years), calendar);
}

/** "within N working days" of `start`: the Nth working day after the start date. */
export function workingDaysPeriod(start: PeriodStart, workingDays: number, calendar: OfficialCalendar): PeriodEnd {
  if (!Number.isInteger(workingDays) || workingDays < 1) throw new RangeError(`a period is a whole number of working days ≥ 1, got ${workingDays}`);
  let day = startDate(start);
  for (let left = workingDays; left > 0; ) {
    day = addCivilDays(day, 1);
    if (calendar.isWorkingDay(day)) left--;
  }
  return { lastDay: day, endsAt: endOfCivilDay(day), calendarVersion: calendar.calendarVersion };
}

/** Has the period run out at `instant`? (It runs until 24:00 Beijing time of its last day.) */
export function periodExpired(period: PeriodEnd, instant: Date): boolean {
  return instant.getTime() >= period.endsAt.getTime();
}
