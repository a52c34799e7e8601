import { eventTransportId } from '@sop/messaging';

export const CREDIT_SUPERVISION = 'credit-supervision';

/** Transport id of credit supervision's `@EventPattern` handlers (its consumer group and database). */
export const CREDIT_EVENTS = eventTransportId(CREDIT_SUPERVISION);
