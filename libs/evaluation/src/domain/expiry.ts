import type { GradeRecord } from './grade';
import { expiredOn, utcDate } from './validity';

const DAY_MS = 86_400_000;

/** Start of the first day after the validity (UTC), as GradeExpired v1's `expiredAt`: 2031-12-31 → 2032-01-01T00:00:00.000Z. */
export function expiredAtOf(validUntil: string): string {
  return new Date(new Date(`${validUntil}T00:00:00.000Z`).getTime() + DAY_MS).toISOString();
}

/**
 * Is GradeExpired due for the grade at `now`? Only an ACTIVE grade (a lowered one included) whose validity ended
 * before now's UTC date and whose expiry was not published yet: a SUPERSEDED or CANCELLED grade never expires by
 * event (its replacement or cancellation was published instead).
 */
export function expiryDue(grade: GradeRecord, now: Date): boolean {
  return grade.status === 'ACTIVE' && !grade.expiryPublishedAt && expiredOn(grade, utcDate(now));
}
