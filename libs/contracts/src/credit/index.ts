import type { EventContractDefinition } from '../shared/contract-types';
import { JointMeasuresChanged } from './joint-measures-changed.v1';
import { ListClockRestarted, ListEntered, ListEntryAnnulled, ListEscalated, ListExited, ListRectificationRecorded } from './list-events.v1';
import { PenaltyRecorded } from './penalty-recorded.v1';

export * from './list-events.v1';
export * from './penalty-recorded.v1';
export * from './joint-measures-changed.v1';

/** Event types the credit-supervision service publishes. */
export const CREDIT_CONTRACTS: EventContractDefinition[] = [
  ListEntered,
  ListClockRestarted,
  ListRectificationRecorded,
  ListEscalated,
  ListExited,
  ListEntryAnnulled,
  PenaltyRecorded,
  JointMeasuresChanged,
];

/** Credit supervision's topics, with explicit partition counts. */
export const CREDIT_TOPICS: { topic: string; partitions: number }[] = [
  { topic: 'credit.list.v1', partitions: 6 },
  { topic: 'credit.penalty.v1', partitions: 3 },
  { topic: 'credit.joint-measures.v1', partitions: 6 },
];
