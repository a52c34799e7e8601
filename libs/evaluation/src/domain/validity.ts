import { addCivilDays, addCivilYears, civilDate, civilDateOf, civilYearOf, endOfCivilDay, type CivilDate } from '@sop/util';
import type { EvaluationRuleSet, ValidityRule } from './evaluation-rules';

/**
 * A grade's validity, inclusive at both ends, as Beijing civil dates (YYYY-MM-DD, China Standard Time), as in
 * GradeAwarded v1. The grade is in force from 00:00 Beijing time on `validFrom` to 24:00 Beijing time on
 * `validUntil` (see `validityEndsAt`).
 */
export interface Validity {
  validFrom: string;
  validUntil: string;
}

/**
 * The same Beijing date `years` later, the day a span of `years` years that began on `date` is over. 29 February
 * in a year without one gives 1 March, so such a span's last day is 28 February — the month's last day, the same
 * last day Civil Code Art. 202 gives when the month has no corresponding day.
 */
export function anniversaryOf(date: CivilDate | string, years: number): CivilDate {
  const from = civilDate(date);
  const same = addCivilYears(from, years);
  return from.endsWith('-02-29') && !same.endsWith('-02-29') ? addCivilDays(same, 1) : same;
}

/**
 * The validity of a grade announced at `announcedAt` (regulations §6: Order 39 Art. 28; 2026 measures), from the
 * Beijing date of the announcement: a grade announced at 00:30 Beijing time on 1 January 2027
 * (2026-12-31T16:30Z) belongs to 2027.
 *
 * A validity is a span of dates, not a period to act within: its last day is NOT moved off a rest day (Civil Code
 * Art. 203 moves the last day of a period within which something must be done; a grade simply stays valid through
 * its last day, weekend or not). So no `yearsPeriod` here, and no official calendar (which would also refuse the
 * years it has no State Council notice for yet): the years are counted with the module's civil-date arithmetic
 * (`anniversaryOf`). The span includes the announcement day, so it ends the day before the anniversary; Art. 201
 * would start counting the day after and end on the anniversary itself — one day more, which would change every
 * published validUntil (see the report of issue 9 for the lead).
 */
export function validityOf(announcedAt: Date, rule: ValidityRule | EvaluationRuleSet): Validity {
  const v = 'kind' in rule ? rule : rule.validity;
  const announced = civilDateOf(announcedAt);
  switch (v.kind) {
    case 'FROM_ANNOUNCEMENT':
      // Order 39 Art. 28: 5 years from the announcement. The announcement day is the first valid day, so the span
      // ends on the day before the 5th anniversary (announced 2025-12-01 → valid until 2030-11-30; announced
      // 29 February 2024 → until 28 February 2029).
      return { validFrom: announced, validUntil: addCivilDays(anniversaryOf(announced, v.years), -1) };
    case 'CALENDAR_YEARS_AFTER_ANNOUNCEMENT': {
      // 2026 measures: from 1 January of the year after the announcement (its Beijing year) to 31 December of the fifth year.
      const year = civilYearOf(announced);
      return { validFrom: `${year + 1}-01-01`, validUntil: `${year + v.years}-12-31` };
    }
  }
}

/** The first instant after the validity: 24:00 Beijing time on `validUntil` (16:00Z that day). */
export function validityEndsAt(validity: Pick<Validity, 'validUntil'>): Date {
  return endOfCivilDay(civilDate(validity.validUntil));
}

/** Has the validity ended before `date` (a Beijing civil date)? */
export function expiredOn(validity: Validity, date: CivilDate | string): boolean {
  return validity.validUntil < date;
}
