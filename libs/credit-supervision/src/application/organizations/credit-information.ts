import { ruleSetAt } from '../../domain/credit-rules';
import { captureDeadline, lateAt } from '../../domain/credit-periods';
import { CreditCalendar } from '../calendar/credit-calendar';
import type { InformationRecord } from './organizations.ports';

export type NewInformation = Omit<InformationRecord, 'recordedAt' | 'captureDeadline'>;

/**
 * Credit information recorded at `now`, with the deadline it was due by: §5, information is entered within
 * 5 working days of being formed or obtained (the rule set in force when it is recorded), counted from the day after
 * the Beijing date it occurred on, on the official calendar; `captureDeadline` is 24:00 Beijing time of the last
 * working day (exclusive: recorded at or after it is late), so lateness shows.
 */
export function informationAt(calendar: CreditCalendar, now: Date, info: NewInformation): InformationRecord {
  return { ...info, recordedAt: now, captureDeadline: captureDeadline(info.occurredAt, ruleSetAt(now), calendar.calendar).endsAt };
}

/** Recorded late: at or after the end of the capture period. */
export function capturedLate(info: Pick<InformationRecord, 'recordedAt' | 'captureDeadline'>): boolean {
  return lateAt(info.recordedAt, info.captureDeadline);
}
