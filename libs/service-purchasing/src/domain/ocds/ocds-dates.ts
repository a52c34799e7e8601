import { civilDate, endOfCivilDay, instant, startOfCivilDay } from '@sop/util';

/**
 * OCDS dates are RFC 3339 date-times with an offset. The data is about Chinese procurement, so instants are written
 * in Beijing time with `+08:00` (China has no daylight saving): a reader sees the notice's own clock time.
 */
const BEIJING_OFFSET_MS = 8 * 60 * 60 * 1000;

export function ocdsDateOf(at: Date): string {
  const local = new Date(at.getTime() + BEIJING_OFFSET_MS).toISOString(); // 'YYYY-MM-DDTHH:mm:ss.sssZ', shifted
  const millis = local.slice(19, 23);
  return `${local.slice(0, 19)}${millis === '.000' ? '' : millis}+08:00`;
}

/** An instant of the snapshot (ISO 8601 with offset) in OCDS form. Throws RangeError on anything else. */
export function ocdsDate(isoInstant: string): string {
  return ocdsDateOf(instant(isoInstant));
}

/** 00:00 Beijing time of a civil date: the start of a term or period. */
export function ocdsStartOfDay(date: string): string {
  return ocdsDateOf(startOfCivilDay(civilDate(date)));
}

/**
 * The last second of a civil date (23:59:59 Beijing time). An inclusive last day is written this way rather than as
 * 24:00 (= 00:00 of the next day), which a reader would take for one day more.
 */
export function ocdsEndOfDay(date: string): string {
  return ocdsDateOf(new Date(endOfCivilDay(civilDate(date)).getTime() - 1000));
}

/** Whether instant `a` is at or before instant `b` (both ISO 8601). */
export function notAfter(a: string, b: string): boolean {
  return instant(a).getTime() <= instant(b).getTime();
}
