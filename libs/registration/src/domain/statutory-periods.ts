import {
  addCivilDays,
  CalendarErrors,
  type OfficialCalendar,
  civilDateOf,
  CN_OFFICIAL_CALENDAR,
  daysPeriod,
  endOfCivilDay,
  parseCivilDate,
  periodExpired,
  type CivilDate,
  type PeriodStart,
} from '@sop/util';

/**
 * The periods of registration as the Civil Code counts them (民法典 Art. 200–204, through `@sop/util` civil time):
 * a period of N days starts the day after the event (Art. 201), a last day that is a statutory rest day moves to the
 * next working day (Art. 203, the official holiday calendar), and the last day ends at 24:00 Beijing time (Art. 203).
 * The use cases pass the service's current calendar (OfficialCalendars: the shipped years plus those published since);
 * the shipped calendar is the default.
 */
export const REGISTRATION_CALENDAR = CN_OFFICIAL_CALENDAR;

/** A deadline the authority owes, as stored on a decision. */
export interface StatutoryDeadline {
  /** The last day (Beijing). */
  lastDay: CivilDate;
  /** 24:00 Beijing time of the last day: overdue from this instant on. */
  endsAt: Date;
  /**
   * The holiday calendar that placed the last day (Art. 203). null = provisional: the official calendar has no
   * notice yet for the year the period ends in, so the last day was not moved off a rest day (the earliest the
   * deadline can be, never later than the law's).
   */
  calendarVersion: string | null;
}

function dateOf(start: PeriodStart): CivilDate {
  if (start instanceof Date) return civilDateOf(start);
  const parsed = parseCivilDate(start);
  if (!parsed) throw new RangeError(`not a civil date: ${String(start)}`);
  return parsed;
}

/** "Within N days" of `start`, a deadline the authority owes (the 60-day registration decision). */
export function authorityDeadline(start: PeriodStart, days: number, calendar: OfficialCalendar = REGISTRATION_CALENDAR): StatutoryDeadline {
  try {
    const p = daysPeriod(start, days, calendar);
    return { lastDay: p.lastDay, endsAt: p.endsAt, calendarVersion: p.calendarVersion ?? calendar.calendarVersion };
  } catch (err) {
    if (!(err instanceof CalendarErrors.YEAR_NOT_PUBLISHED)) throw err;
    const lastDay = addCivilDays(dateOf(start), days);
    return { lastDay, endsAt: endOfCivilDay(lastDay), calendarVersion: null };
  }
}

/**
 * A provisional deadline (its last day unmoved because the calendar lacked the year) placed by Art. 203 once the
 * calendar has the year: the next working day from the unmoved last day. null while the year is still missing.
 */
export function firmUpDeadline(lastDay: CivilDate, calendar: OfficialCalendar = REGISTRATION_CALENDAR): StatutoryDeadline | null {
  try {
    const moved = calendar.nextWorkingDayFrom(lastDay);
    return { lastDay: moved, endsAt: endOfCivilDay(moved), calendarVersion: calendar.calendarVersion };
  } catch (err) {
    if (err instanceof CalendarErrors.YEAR_NOT_PUBLISHED) return null;
    throw err;
  }
}

/** The outcome of a filing period (the filer's obligation) at an instant. */
export interface FilingPeriodCheck {
  expired: boolean;
  /** The last day (Beijing); the unmoved one when the calendar has no notice for its year (calendarVersion null). */
  lastDay: CivilDate;
  calendarVersion: string | null;
}

/**
 * Has the filer's "within N days" of `start` run out at `instant`? Counted through the official calendar; when it has
 * no notice for the year yet, a filer before 24:00 Beijing of the unmoved last day is in time whatever the notice will
 * say (Art. 203 only extends), and after it the question is refused (CALENDAR.YEAR_NOT_PUBLISHED) rather than guessed.
 */
export function filingPeriodExpired(start: PeriodStart, days: number, instant: Date, calendar: OfficialCalendar = REGISTRATION_CALENDAR): FilingPeriodCheck {
  try {
    const p = daysPeriod(start, days, calendar);
    return { expired: periodExpired(p, instant), lastDay: p.lastDay, calendarVersion: p.calendarVersion ?? calendar.calendarVersion };
  } catch (err) {
    if (!(err instanceof CalendarErrors.YEAR_NOT_PUBLISHED)) throw err;
    const nominal = addCivilDays(dateOf(start), days);
    if (instant.getTime() < endOfCivilDay(nominal).getTime()) return { expired: false, lastDay: nominal, calendarVersion: null };
    throw err;
  }
}

/** The Beijing date an instant falls on; for a deadline instant (24:00, exclusive), the day it ends. */
export function lastDayOf(endsAt: Date): CivilDate {
  return civilDateOf(new Date(endsAt.getTime() - 1));
}
