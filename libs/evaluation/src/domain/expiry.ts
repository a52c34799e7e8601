import { civilDateOf } from '@sop/util';
import type { GradeRecord } from './grade';
import { expiredOn, validityEndsAt } from './validity';

/**
 * GradeExpired v1's `expiredAt`: 00:00 Beijing time on the day after the validity, i.e. 24:00 Beijing time on
 * `validUntil` — as an instant, 16:00Z on `validUntil` itself: 2031-12-31 → 2031-12-31T16:00:00.000Z.
 */
export function expiredAtOf(validUntil: string): string {
  return validityEndsAt({ validUntil }).toISOString();
}

/**
 * Is GradeExpired due for the grade at `now`? Only an ACTIVE grade (a lowered one included) whose validity ended
 * before now's Beijing date (i.e. from 00:00 Beijing time the day after `validUntil`) and whose expiry was not
 * published yet: a SUPERSEDED or CANCELLED grade never expires by event (its replacement or cancellation was
 * published instead).
 */
export function expiryDue(grade: GradeRecord, now: Date): boolean {
  return grade.status === 'ACTIVE' && !grade.expiryPublishedAt && expiredOn(grade, civilDateOf(now));
}
