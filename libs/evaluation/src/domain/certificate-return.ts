import { CalendarErrors, CN_OFFICIAL_CALENDAR, daysPeriod, type OfficialCalendar, type PeriodEnd } from '@sop/util';
import type { EvaluationRuleSet } from './evaluation-rules';

/**
 * The return of certificate and plaque after a grade is lowered or cancelled (regulations §6 Downgrade/cancellation:
 * "within 15 days of notice, or they are voided by announcement"). A deadline to act within, so a Civil Code period
 * (Art. 201–203 through `daysPeriod`): it starts the day after the Beijing date of the notice — taken as the
 * adjustment's `effectiveAt` —, its last day moves off a rest day to the next working day of the official calendar,
 * and it ends at 24:00 Beijing time. Adjusted on 2026-09-25 → the 15th day is 2026-10-10, a make-up working Saturday
 * after National Day, so the last day stays 2026-10-10; adjusted 2026-09-16 → 1 October
 * (National Day) moves to 8 October, the first working day after the holidays.
 *
 * Null when the period reaches a year the official calendar has no State Council notice for yet
 * (CALENDAR.YEAR_NOT_PUBLISHED): the adjustment itself is not refused for that; the deadline is computed again
 * once the year is published.
 */
export function certificateReturnPeriod(noticeAt: Date, rules: Pick<EvaluationRuleSet, 'certificateReturnDays'>, calendar: OfficialCalendar = CN_OFFICIAL_CALENDAR): PeriodEnd | null {
  try {
    return daysPeriod(noticeAt, rules.certificateReturnDays, calendar);
  } catch (err) {
    if (err instanceof CalendarErrors.YEAR_NOT_PUBLISHED) return null;
    throw err;
  }
}
