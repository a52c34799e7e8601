/**
 * Credit information must be recorded within 5 working days of its source (社会组织信用信息管理办法, Order 60;
 * regulations §5). Working days here skip Saturdays and Sundays; the holiday calendar as data arrives with
 * the credit-supervision issue (#4), which passes its holidays in through `isHoliday`.
 */
export const CAPTURE_DEADLINE_WORKING_DAYS = 5;

export function addWorkingDays(start: Date, days: number, isHoliday: (day: Date) => boolean = () => false): Date {
  const d = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), start.getUTCDate()));
  let left = days;
  while (left > 0) {
    d.setUTCDate(d.getUTCDate() + 1);
    const weekday = d.getUTCDay();
    if (weekday !== 0 && weekday !== 6 && !isHoliday(d)) left--;
  }
  // End of that working day (UTC).
  return new Date(d.getTime() + 86_400_000 - 1);
}
