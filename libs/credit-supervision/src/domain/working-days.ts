import { isWorkingDay, WEEKENDS_ONLY, type HolidayCalendar } from './holiday-calendar';

/**
 * Credit information must be recorded within 5 working days of its source (社会组织信用信息管理办法, Order 60;
 * regulations §5); removal after verified rectification also runs in working days (§5.1). Working days come
 * from a holiday calendar kept as data (holiday-calendar.ts); a plain predicate is still accepted.
 */
export const CAPTURE_DEADLINE_WORKING_DAYS = 5;

export function addWorkingDays(start: Date, days: number, calendar: HolidayCalendar | ((day: Date) => boolean) = WEEKENDS_ONLY): Date {
  const working =
    typeof calendar === 'function'
      ? (d: Date) => d.getUTCDay() !== 0 && d.getUTCDay() !== 6 && !calendar(d)
      : (d: Date) => isWorkingDay(d, calendar);
  const d = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), start.getUTCDate()));
  let left = days;
  while (left > 0) {
    d.setUTCDate(d.getUTCDate() + 1);
    if (working(d)) left--;
  }
  // End of that working day (UTC).
  return new Date(d.getTime() + 86_400_000 - 1);
}
