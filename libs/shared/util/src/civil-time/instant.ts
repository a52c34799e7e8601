import { ValidateBy, type ValidationOptions } from 'class-validator';
import { parseCivilDate } from './civil-date';

/**
 * The one reader of dates that come from outside (requests, query strings): an instant is read only when it is
 * written exactly `YYYY-MM-DDTHH:mm(:ss(.fraction))?(Z|±HH:mm)` with a real calendar day, hours 00–23, minutes and
 * seconds 00–59 and an offset within ±23:59; a civil date only as `YYYY-MM-DD`, a real day (`parseCivilDate`).
 * Anything else (week dates `2027-W01-1`, ordinal dates `2027-123`, basic format `20270101`, a time without
 * minutes `2027-01-01T10`, a local time without offset, `2027-02-31`) is refused, never guessed, never rolled
 * over to another day.
 */
const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|([+-])(\d{2}):(\d{2}))$/;

/** The rule a string must follow to be read as an instant, for messages. */
export const INSTANT_RULE = 'an instant YYYY-MM-DDTHH:mm[:ss[.sss]] with its offset (Z or ±HH:mm), a real day and time';
/** The rule a string must follow to be read as a civil date, for messages. */
export const CIVIL_DATE_RULE = 'a civil date YYYY-MM-DD (Beijing time), a real day';

/** The instant written exactly as above, or null. Fractions beyond milliseconds are truncated. */
export function parseInstant(value: unknown): Date | null {
  if (typeof value !== 'string') return null;
  const m = INSTANT.exec(value);
  if (!m) return null;
  const [, y, mo, d, h, mi, s = '00', frac = '', zone, sign, oh, om] = m;
  if (parseCivilDate(`${y}-${mo}-${d}`) === null) return null;
  if (+h > 23 || +mi > 59 || +s > 59) return null;
  let offsetMinutes = 0;
  if (zone !== 'Z') {
    if (+oh > 23 || +om > 59) return null;
    offsetMinutes = (sign === '-' ? -1 : 1) * (+oh * 60 + +om);
  }
  const ms = Number(frac.padEnd(3, '0').slice(0, 3));
  // setUTCFullYear, not Date.UTC, which reads years 0000–0099 as 1900–1999.
  const local = new Date(0);
  local.setUTCFullYear(+y, +mo - 1, +d);
  local.setUTCHours(+h, +mi, +s, ms);
  const date = new Date(local.getTime() - offsetMinutes * 60_000);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** Like parseInstant, for values already validated (by IsInstant); throws RangeError on anything else. */
export function instant(value: string): Date {
  const parsed = parseInstant(value);
  if (!parsed) throw new RangeError(`not ${INSTANT_RULE}: ${value}`);
  return parsed;
}

/** An optional instant: undefined stays undefined. */
export function optionalInstant(value: string | undefined): Date | undefined {
  return value === undefined ? undefined : instant(value);
}

/** A request field that must be an instant (parseInstant); otherwise a 400 naming the field, rule `isInstant`. */
export function IsInstant(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isInstant',
      validator: {
        validate: (value: unknown) => parseInstant(value) !== null,
        defaultMessage: (args) => `${args?.property ?? 'value'} must be ${INSTANT_RULE}`,
      },
    },
    options,
  );
}

/** A request field that must be a civil date (parseCivilDate); otherwise a 400 naming the field, rule `isCivilDate`. */
export function IsCivilDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isCivilDate',
      validator: {
        validate: (value: unknown) => parseCivilDate(value) !== null,
        defaultMessage: (args) => `${args?.property ?? 'value'} must be ${CIVIL_DATE_RULE}`,
      },
    },
    options,
  );
}

/** A civil date or an instant (period bounds that take either); rule `isCivilDateOrInstant`. */
export function IsCivilDateOrInstant(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isCivilDateOrInstant',
      validator: {
        validate: (value: unknown) => parseCivilDate(value) !== null || parseInstant(value) !== null,
        defaultMessage: (args) => `${args?.property ?? 'value'} must be ${CIVIL_DATE_RULE} or ${INSTANT_RULE}`,
      },
    },
    options,
  );
}
