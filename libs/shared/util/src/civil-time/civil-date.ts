import { Temporal } from '@js-temporal/polyfill';

/**
 * Civil time. Instants stay in UTC (`Date`), but every civil date of the rules (a deadline, "the day after", a
 * validity year, a rule set's effective date, holidays and working days) is a date in China Standard Time
 * (Asia/Shanghai, UTC+8): a deadline "31 May" ends at 24:00 Beijing time, never at midnight UTC.
 *
 * Built on Temporal (the TC39 date API, through the proposal champions' polyfill `@js-temporal/polyfill` until Node ships it): PlainDate is
 * exactly a civil date with no time zone attached, ZonedDateTime converts at the zone's rules, and date arithmetic
 * (days, months with end-of-month clamping) is the standard's, not ours. Luxon would also do; Temporal was chosen
 * because its types keep "a date" and "an instant" apart, which is the whole point here.
 */
export const CIVIL_TIME_ZONE = 'Asia/Shanghai';

/** A civil date, `YYYY-MM-DD`, in China Standard Time. Never an instant. */
export type CivilDate = string & { readonly __civilDate: true };

const FORMAT = /^\d{4}-\d{2}-\d{2}$/;

/** The civil date written `YYYY-MM-DD`, or null when it is not one (wrong shape, or no such day: 2027-02-31). */
export function parseCivilDate(value: unknown): CivilDate | null {
  if (typeof value !== 'string' || !FORMAT.test(value)) return null;
  try {
    return Temporal.PlainDate.from(value, { overflow: 'reject' }).toString() as CivilDate;
  } catch {
    return null;
  }
}

/** Like parseCivilDate, for values the code itself writes; throws RangeError on anything else. */
export function civilDate(value: string): CivilDate {
  const parsed = parseCivilDate(value);
  if (!parsed) throw new RangeError(`not a civil date (YYYY-MM-DD, a real day): ${value}`);
  return parsed;
}

const plain = (date: CivilDate) => Temporal.PlainDate.from(date);
const civil = (date: Temporal.PlainDate) => date.toString() as CivilDate;

/** The Beijing date of an instant: 2026-12-31T16:30Z is 1 January 2027. */
export function civilDateOf(instant: Date): CivilDate {
  return civil(Temporal.Instant.fromEpochMilliseconds(instant.getTime()).toZonedDateTimeISO(CIVIL_TIME_ZONE).toPlainDate());
}

/** 00:00 Beijing time on that date, as an instant (16:00 UTC the day before). */
export function startOfCivilDay(date: CivilDate): Date {
  return new Date(plain(date).toZonedDateTime({ timeZone: CIVIL_TIME_ZONE }).epochMilliseconds);
}

/** 24:00 Beijing time on that date: the first instant after the day (a deadline on that day has passed at it). */
export function endOfCivilDay(date: CivilDate): Date {
  return startOfCivilDay(addCivilDays(date, 1));
}

export function addCivilDays(date: CivilDate, days: number): CivilDate {
  return civil(plain(date).add({ days }));
}

/** Months later; a day the month lacks becomes its last day (31 August + 6 months = 28 or 29 February). */
export function addCivilMonths(date: CivilDate, months: number): CivilDate {
  return civil(plain(date).add({ months }, { overflow: 'constrain' }));
}

export function addCivilYears(date: CivilDate, years: number): CivilDate {
  return civil(plain(date).add({ years }, { overflow: 'constrain' }));
}

/** ISO weekday: 1 Monday … 6 Saturday, 7 Sunday. */
export function civilDayOfWeek(date: CivilDate): number {
  return plain(date).dayOfWeek;
}

export function civilYearOf(date: CivilDate): number {
  return plain(date).year;
}

/** Negative, zero or positive, like a sort comparator. ISO dates also compare as strings. */
export function compareCivilDates(a: CivilDate, b: CivilDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Whole days from a to b (positive when b is later). */
export function civilDaysBetween(a: CivilDate, b: CivilDate): number {
  return plain(a).until(plain(b), { largestUnit: 'days' }).days;
}
