/**
 * Working-day calendar as data: public holidays (days off) and adjusted working days (调休, weekend days that are
 * working days). Versioned like the rule sets; working-day deadlines (the 5-working-day capture and removal
 * deadlines of regulations §5) are computed against it.
 */
export interface HolidayCalendar {
  id: string;
  version: number;
  source: string;
  /** UTC dates (YYYY-MM-DD) that are not working days although they fall Monday–Friday. */
  holidays: readonly string[];
  /** UTC dates (YYYY-MM-DD) that are working days although they fall on a weekend. */
  adjustedWorkingDays: readonly string[];
}

function range(from: string, days: number): string[] {
  const out: string[] = [];
  const d = new Date(`${from}T00:00:00.000Z`);
  for (let i = 0; i < days; i++) {
    out.push(d.toISOString().slice(0, 10));
    d.setUTCDate(d.getUTCDate() + 1);
  }
  return out;
}

/**
 * Mainland China national holidays. 2025: 国办发明电〔2024〕12号; 2026: 国办发明电〔2025〕7号 (dates as announced;
 * verify against the official notice before relying on them in production — a corrected calendar is a new version).
 */
export const CN_NATIONAL_CALENDAR_V1: HolidayCalendar = {
  id: 'cn-national-holidays',
  version: 1,
  source: 'State Council General Office holiday notices for 2025 and 2026',
  holidays: [
    // 2025
    '2025-01-01',
    ...range('2025-01-28', 8),
    ...range('2025-04-04', 3),
    ...range('2025-05-01', 5),
    ...range('2025-05-31', 3),
    ...range('2025-10-01', 8),
    // 2026
    ...range('2026-01-01', 3),
    ...range('2026-02-15', 9),
    ...range('2026-04-04', 3),
    ...range('2026-05-01', 5),
    ...range('2026-06-19', 3),
    ...range('2026-09-25', 3),
    ...range('2026-10-01', 7),
  ],
  adjustedWorkingDays: [
    '2025-01-26',
    '2025-02-08',
    '2025-04-27',
    '2025-09-28',
    '2025-10-11',
    '2026-01-04',
    '2026-02-14',
    '2026-02-28',
    '2026-05-09',
    '2026-09-20',
    '2026-10-10',
  ],
};

/** A calendar with no holidays: weekends only. */
export const WEEKENDS_ONLY: HolidayCalendar = { id: 'weekends-only', version: 1, source: 'Saturday and Sunday', holidays: [], adjustedWorkingDays: [] };

export function calendarVersionOf(c: HolidayCalendar): string {
  return `${c.id}@v${c.version}`;
}

export function isWorkingDay(day: Date, calendar: HolidayCalendar): boolean {
  const iso = day.toISOString().slice(0, 10);
  if (calendar.adjustedWorkingDays.includes(iso)) return true;
  const weekday = day.getUTCDay();
  if (weekday === 0 || weekday === 6) return false;
  return !calendar.holidays.includes(iso);
}
