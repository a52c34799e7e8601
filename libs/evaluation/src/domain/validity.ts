import type { EvaluationRuleSet, ValidityRule } from './evaluation-rules';

/** A grade's validity, inclusive at both ends, as UTC calendar dates (YYYY-MM-DD), as in GradeAwarded v1. */
export interface Validity {
  validFrom: string;
  validUntil: string;
}

const DAY_MS = 86_400_000;

/** The UTC calendar date of an instant. */
export function utcDate(at: Date): string {
  return at.toISOString().slice(0, 10);
}

function parseDate(date: string): Date {
  return new Date(`${date}T00:00:00.000Z`);
}

/**
 * The same day `years` later. 29 February in a year without one rolls to 1 March (as eligibleForEvaluationFrom
 * does), so the day before it is 28 February — the month's last day, which is also what Civil Code Art. 202 makes
 * the last day of a period with no corresponding day.
 */
export function addYearsToDate(date: string, years: number): string {
  const d = parseDate(date);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  return utcDate(d);
}

export function dayBefore(date: string): string {
  return utcDate(new Date(parseDate(date).getTime() - DAY_MS));
}

/** The validity of a grade announced at `announcedAt` (regulations §6: Order 39 Art. 28; 2026 measures). */
export function validityOf(announcedAt: Date, rule: ValidityRule | EvaluationRuleSet): Validity {
  const v = 'kind' in rule ? rule : rule.validity;
  const announced = utcDate(announcedAt);
  switch (v.kind) {
    case 'FROM_ANNOUNCEMENT':
      // Order 39: 5 years from the announcement; the grade ends the day before the 5th anniversary.
      return { validFrom: announced, validUntil: dayBefore(addYearsToDate(announced, v.years)) };
    case 'CALENDAR_YEARS_AFTER_ANNOUNCEMENT': {
      // 2026 measures: from 1 January of the year after the announcement to 31 December of the fifth year.
      const year = announcedAt.getUTCFullYear();
      return { validFrom: `${year + 1}-01-01`, validUntil: `${year + v.years}-12-31` };
    }
  }
}

/** Has the validity ended before `date` (a UTC calendar date)? */
export function expiredOn(validity: Validity, date: string): boolean {
  return validity.validUntil < date;
}
