import { eventTransportId } from '@sop/messaging';

export const SERVICE_PURCHASING = 'service-purchasing';

/** Transport id of purchasing's `@EventPattern` handlers (its consumer group and database). */
export const PURCHASING_EVENTS = eventTransportId(SERVICE_PURCHASING);
