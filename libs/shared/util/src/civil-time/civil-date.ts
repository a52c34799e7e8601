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

/*
 * Fast paths (issue 14: Temporal's zone conversions were ~8 % of a registration submission's CPU). Asia/Shanghai has
 * been UTC+8 without daylight saving since 15 September 1991 (tzdata); from 1992 to 9999 a Beijing date is plain
 * arithmetic on UTC+8, and days are added on the proleptic Gregorian calendar exactly as Temporal adds them. Earlier
 * dates (China's daylight saving of 1986–1991) and the far future go through Temporal.
 */
const DAY_MS = 86_400_000;
const BEIJING_OFFSET_MS = 8 * 3_600_000;
const FIXED_OFFSET_FROM_MS = Date.UTC(1992, 0, 1) - BEIJING_OFFSET_MS;
const FIXED_OFFSET_UNTIL_MS = Date.UTC(9999, 0, 1) - BEIJING_OFFSET_MS;
const inFixedOffsetEra = (date: CivilDate) => date >= '1992-01-01' && date < '9999-01-01';
const utcMidnightOf = (date: CivilDate) => Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
const isoDateOfUtc = (ms: number) => new Date(ms).toISOString().slice(0, 10) as CivilDate;

/** The Beijing date of an instant: 2026-12-31T16:30Z is 1 January 2027. */
export function civilDateOf(instant: Date): CivilDate {
  const t = instant.getTime();
  if (t >= FIXED_OFFSET_FROM_MS && t < FIXED_OFFSET_UNTIL_MS) return isoDateOfUtc(t + BEIJING_OFFSET_MS);
  return civil(Temporal.Instant.fromEpochMilliseconds(t).toZonedDateTimeISO(CIVIL_TIME_ZONE).toPlainDate());
}

/** 00:00 Beijing time on that date, as an instant (16:00 UTC the day before). */
export function startOfCivilDay(date: CivilDate): Date {
  if (inFixedOffsetEra(date)) return new Date(utcMidnightOf(date) - BEIJING_OFFSET_MS);
  return new Date(plain(date).toZonedDateTime({ timeZone: CIVIL_TIME_ZONE }).epochMilliseconds);
}

/** 24:00 Beijing time on that date: the first instant after the day (a deadline on that day has passed at it). */
export function endOfCivilDay(date: CivilDate): Date {
  return startOfCivilDay(addCivilDays(date, 1));
}

export function addCivilDays(date: CivilDate, days: number): CivilDate {
  if (inFixedOffsetEra(date) && Number.isSafeInteger(days) && Math.abs(days) < 3_000_000) {
    const ms = utcMidnightOf(date) + days * DAY_MS;
    if (ms >= Date.UTC(1000, 0, 1) && ms < Date.UTC(9999, 0, 1)) return isoDateOfUtc(ms);
  }
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
  if (inFixedOffsetEra(date)) return new Date(utcMidnightOf(date)).getUTCDay() || 7;
  return plain(date).dayOfWeek;
}

export function civilYearOf(date: CivilDate): number {
  if (inFixedOffsetEra(date)) return Number(date.slice(0, 4));
  return plain(date).year;
}

/** Negative, zero or positive, like a sort comparator. ISO dates also compare as strings. */
export function compareCivilDates(a: CivilDate, b: CivilDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Whole days from a to b (positive when b is later). */
export function civilDaysBetween(a: CivilDate, b: CivilDate): number {
  if (inFixedOffsetEra(a) && inFixedOffsetEra(b)) return Math.round((utcMidnightOf(b) - utcMidnightOf(a)) / DAY_MS);
  return plain(a).until(plain(b), { largestUnit: 'days' }).days;
}
