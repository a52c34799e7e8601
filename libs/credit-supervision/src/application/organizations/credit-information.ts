import { ruleSetAt } from '../../domain/credit-rules';
import { captureDeadline } from '../../domain/working-days';
import type { InformationRecord } from './organizations.ports';

export type NewInformation = Omit<InformationRecord, 'recordedAt' | 'captureDeadline'>;

/**
 * Credit information recorded at `now`, with the deadline it was due by: §5, information is entered within
 * 5 working days of being formed or obtained (the rule set in force when it is recorded), so lateness shows.
 */
export function informationAt(now: Date, info: NewInformation): InformationRecord {
  return { ...info, recordedAt: now, captureDeadline: captureDeadline(info.occurredAt, ruleSetAt(now)) };
}
