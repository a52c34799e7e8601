import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * What the current unit of work is doing on whose behalf, for logs and events: set by the HTTP edge for a request
 * and by the consumer for an event, read by the logger (every line carries it) and by the outbox (events published
 * from a request carry its correlation id). Never personal data: ids only.
 */
export interface RequestContext {
  /** The request's id (X-Request-Id or generated), absent while handling an event. */
  requestId?: string;
  /** Ties together everything one business action caused, across services (X-Correlation-Id, CloudEvents correlationid). */
  correlationId: string;
  /** Who or what it is about: the token's subject for a request, the event's subject (aggregate id) for an event. */
  subject?: string;
  /** The service handling it, in the embedded host where four share a process. */
  service?: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

export function runWithRequestContext<T>(context: RequestContext, work: () => T): T {
  return storage.run(context, work);
}

export function currentRequestContext(): RequestContext | undefined {
  return storage.getStore();
}

/** Adds to the current context (e.g. the subject once the token is verified); no-op outside one. */
export function enrichRequestContext(extra: Partial<RequestContext>): void {
  const current = storage.getStore();
  if (current) Object.assign(current, extra);
}
