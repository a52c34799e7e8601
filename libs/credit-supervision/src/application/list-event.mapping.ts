import { ListClockRestarted, ListEntered, ListEntryAnnulled, ListEscalated, ListExited, ListRectificationRecorded } from '@sop/contracts';
import type { ListEvent } from '../domain/list-state';

/** Domain list-event kind ↔ published event type (credit.list.v1). The payload is the event without `kind`. */
export const LIST_EVENT_TYPE: Record<ListEvent['kind'], string> = {
  ENTERED: ListEntered.type,
  CLOCK_RESTARTED: ListClockRestarted.type,
  RECTIFIED: ListRectificationRecorded.type,
  ESCALATED: ListEscalated.type,
  EXITED: ListExited.type,
  ANNULLED: ListEntryAnnulled.type,
};

const KIND_OF_TYPE = new Map(Object.entries(LIST_EVENT_TYPE).map(([kind, type]) => [type, kind as ListEvent['kind']]));

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
