import {
  addCivilDays,
  addCivilMonths,
  addCivilYears,
  civilDateOf,
  CN_OFFICIAL_CALENDAR,
  endOfCivilDay,
  monthsPeriod,
  workingDaysPeriod,
  yearsPeriod,
  type CivilDate,
  type OfficialCalendar,
  type PeriodEnd,
} from '@sop/util';
import type { CreditRuleSet } from './credit-rules';

/**
 * Every period of the credit rules (regulations §5, MCA Order 60), counted as the Civil Code counts them
 * (Art. 200–204, through the civil-time module of @sop/util): Beijing civil dates, the period starts the day after
 * the event, a last day that is a rest day moves to the next working day of the official calendar, and the period
 * runs until 24:00 Beijing time of its last day (`endsAt`, exclusive). The rule set says how long (numbers of days,
 * months, years); the official calendar says which days are worked, and its version is recorded with the decision.
 */

/** The calendar the credit rules count working days and rest days on (State Council notices). */
export const CREDIT_CALENDAR: OfficialCalendar = CN_OFFICIAL_CALENDAR;

/** §5 capture: information is entered within N working days of being formed or obtained. */
export function captureDeadline(occurredAt: Date, rules: CreditRuleSet, calendar: OfficialCalendar = CREDIT_CALENDAR): PeriodEnd {
  return workingDaysPeriod(occurredAt, rules.captureWorkingDays, calendar);
}

/** §5.1 removal: after verified rectification the authority removes the entry within N working days of verifying. */
export function removalDeadline(verifiedAt: Date, rules: CreditRuleSet, calendar: OfficialCalendar = CREDIT_CALENDAR): PeriodEnd {
  return workingDaysPeriod(verifiedAt, rules.abnormal.removalAfterVerificationWorkingDays, calendar);
}

/** A period in months or years from an instant, taken at its Beijing date (Art. 201, 202, 203). */
export interface CalendarPeriod {
  unit: 'months' | 'years';
  count: number;
}

function nominalLastDay(start: Date, p: CalendarPeriod): CivilDate {
  const day = civilDateOf(start);
  return p.unit === 'months' ? addCivilMonths(day, p.count) : addCivilYears(day, p.count);
}

/**
 * The earliest instant the period can run out: 24:00 Beijing time of the corresponding day, before any move off a
 * rest day (Art. 203 only moves it later). Needs no calendar, so it is known years ahead of the holiday notices.
 */
export function periodEarliestEnd(start: Date, p: CalendarPeriod): Date {
  return endOfCivilDay(nominalLastDay(start, p));
}

/** The period's exact end (Art. 203 applied). Refuses (CALENDAR.YEAR_NOT_PUBLISHED) when its last year has no notice yet. */
export function periodEnd(start: Date, p: CalendarPeriod, calendar: OfficialCalendar = CREDIT_CALENDAR): PeriodEnd {
  const from = civilDateOf(start);
  return p.unit === 'months' ? monthsPeriod(from, p.count, calendar) : yearsPeriod(from, p.count, calendar);
}

/**
 * The period's end if it has run out at `now`, else null. Before its earliest end the calendar is not consulted,
 * so a period ending in a year without a notice yet is simply not due; once it can be due, the calendar decides.
 */
export function periodEndIfRunOut(start: Date, p: CalendarPeriod, now: Date, calendar: OfficialCalendar = CREDIT_CALENDAR): PeriodEnd | null {
  if (now < periodEarliestEnd(start, p)) return null;
  const end = periodEnd(start, p, calendar);
  return now >= end.endsAt ? end : null;
}

/** The last day (Beijing) of a period that runs out at `endsAt` (24:00 of that day). */
export function lastDayOf(endsAt: Date): CivilDate {
  return addCivilDays(civilDateOf(endsAt), -1);
}

/** Late: at or after the instant a deadline ran out (24:00 Beijing time of its last day is already too late). */
export function lateAt(at: Date | string, deadline: Date | string): boolean {
  return new Date(at).getTime() >= new Date(deadline).getTime();
}
