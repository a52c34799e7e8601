import { ListClockRestarted, ListEntered, ListEntryAnnulled, ListEscalated, ListExited, ListRectificationRecorded } from '@sop/contracts';
import type { EventContractDefinition } from '@sop/contracts';
import type { ListEvent } from '../../domain/list-state';

/** Domain list-event kind ↔ published event contract (credit.list.v1). The payload is the event without `kind`. */
export const LIST_EVENT_CONTRACT: Record<ListEvent['kind'], EventContractDefinition> = {
  ENTERED: ListEntered,
  CLOCK_RESTARTED: ListClockRestarted,
  RECTIFIED: ListRectificationRecorded,
  ESCALATED: ListEscalated,
  EXITED: ListExited,
  ANNULLED: ListEntryAnnulled,
};

const KIND_OF_TYPE = new Map(Object.entries(LIST_EVENT_CONTRACT).map(([kind, contract]) => [contract.type, kind as ListEvent['kind']]));

export function listEventPayload(e: ListEvent): Record<string, unknown> {
  const { kind: _kind, ...data } = e;
  return data;
}

/**
 * A published list event back to the domain event: what an auditor or a rebuild from the topic replays.
 * Returns null for event types that are not list events.
 */
export function listEventFromPublished(type: string, data: object): ListEvent | null {
  const kind = KIND_OF_TYPE.get(type);
  return kind ? ({ kind, ...data } as ListEvent) : null;
}
