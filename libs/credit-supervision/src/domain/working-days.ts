import type { CreditRuleSet } from './credit-rules';
import { CN_NATIONAL_CALENDAR_V1, isWorkingDay, WEEKENDS_ONLY, type HolidayCalendar } from './holiday-calendar';

/**
 * Credit information must be recorded within 5 working days of its source (社会组织信用信息管理办法, Order 60;
 * regulations §5); removal after verified rectification also runs in working days (§5.1). Working days come
 * from a holiday calendar kept as data (holiday-calendar.ts); a plain predicate is still accepted.
 */

/** §5: information is entered within 5 working days of being formed or obtained (the rule set's number, national calendar). */
export function captureDeadline(occurredAt: Date, rules: CreditRuleSet, calendar: HolidayCalendar = CN_NATIONAL_CALENDAR_V1): Date {
  return addWorkingDays(occurredAt, rules.captureWorkingDays, calendar);
}

/** §5.1: after verified rectification, the authority removes the entry within 5 working days of the application. */
export function removalApplicationDeadline(appliedAt: Date, rules: CreditRuleSet, calendar: HolidayCalendar = CN_NATIONAL_CALENDAR_V1): Date {
  return addWorkingDays(appliedAt, rules.abnormal.removalAfterVerificationWorkingDays, calendar);
}

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
