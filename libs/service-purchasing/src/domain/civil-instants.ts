import { endOfCivilDay, parseCivilDate, startOfCivilDay } from '@sop/util';

/**
 * The instants a civil date stored as text starts and ends: 00:00 and 24:00 Beijing time (ISO 8601, UTC), for
 * responses that give a date and, beside it, the instant. Null for text that is not a real date (never expected:
 * term dates are checked at signing, grade dates by evaluation), so a read never fails on one old row.
 */
export function startInstantOf(date: string): string | null {
  const parsed = parseCivilDate(date);
  return parsed ? startOfCivilDay(parsed).toISOString() : null;
}

export function endInstantOf(date: string): string | null {
  const parsed = parseCivilDate(date);
  return parsed ? endOfCivilDay(parsed).toISOString() : null;
}
