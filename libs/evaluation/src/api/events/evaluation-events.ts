import { eventTransportId } from '@sop/messaging';

export const EVALUATION = 'evaluation';

/** Transport id of evaluation's `@EventPattern` handlers (its consumer group and database). */
export const EVALUATION_EVENTS = eventTransportId(EVALUATION);
