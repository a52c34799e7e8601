import { context, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Context, type Span } from '@opentelemetry/api';
import { runWithRequestContext } from '@sop/util';
import type { CloudEvent } from '../envelope/cloud-event';

/**
 * Trace context across the event backbone, by the CloudEvents distributed-tracing extension: the outbox writes the
 * active W3C `traceparent`/`tracestate` into the envelope, the relay publishes in a child span of it, and the consumer
 * continues it, so one approval is one trace from the HTTP request through the relay to every consumer. Only the
 * OpenTelemetry API is used here: without a registered SDK (libs/shared/http observability) all of it is a no-op.
 */
const tracer = () => trace.getTracer('sop.messaging');

export interface TraceContextAttributes {
  traceparent?: string;
  tracestate?: string;
}

/** The active trace context as CloudEvents extension attributes (empty when no trace is active). */
export function activeTraceContext(): TraceContextAttributes {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  const out: TraceContextAttributes = {};
  if (carrier['traceparent']) out.traceparent = carrier['traceparent'];
  if (carrier['tracestate']) out.tracestate = carrier['tracestate'];
  return out;
}

/** The context an event was published in (root when it carries none). */
export function traceContextOfEvent(event: Pick<CloudEvent, 'traceparent' | 'tracestate'>): Context {
  const carrier: Record<string, string> = {};
  if (event.traceparent) carrier['traceparent'] = event.traceparent;
  if (event.tracestate) carrier['tracestate'] = event.tracestate;
  return propagation.extract(ROOT_CONTEXT, carrier);
}

/** Runs `work` in a span that is a child of `parent`, ending it with the outcome. */
export async function inSpan<T>(
  name: string,
  kind: SpanKind,
  parent: Context,
  attributes: Record<string, string | number>,
  work: (span: Span) => Promise<T>,
): Promise<T> {
  const span = tracer().startSpan(name, { kind, attributes }, parent);
  try {
    return await context.with(trace.setSpan(parent, span), () => work(span));
  } catch (err) {
    span.recordException(err as Error);
    span.setStatus({ code: SpanStatusCode.ERROR, message: (err as Error).message });
    throw err;
  } finally {
    span.end();
  }
}

/** Starts a span the caller ends (for work that spans several events, like one relay batch). */
export function startSpan(name: string, kind: SpanKind, parent: Context, attributes: Record<string, string | number>): Span {
  return tracer().startSpan(name, { kind, attributes }, parent);
}

export function failSpan(span: Span, err: Error): void {
  span.recordException(err);
  span.setStatus({ code: SpanStatusCode.ERROR, message: err.message });
}

/** Messaging semantic-convention attributes of one event. */
export function eventSpanAttributes(event: Pick<CloudEvent, 'id' | 'type' | 'subject' | 'source'>, destination: string): Record<string, string> {
  return {
    'messaging.system': 'kafka',
    'messaging.destination.name': destination,
    'messaging.message.id': event.id,
    'cloudevents.event_id': event.id,
    'cloudevents.event_type': event.type,
    'cloudevents.event_source': event.source,
    'cloudevents.event_subject': event.subject,
  };
}

/**
 * A consumed event's handler in the event's trace (a CONSUMER span continuing its traceparent) and correlation: the
 * handler's logs, spans and the events it publishes carry them.
 */
export function inConsumerSpan<T>(event: CloudEvent, message: { topic: string; partition: number }, groupId: string, serviceName: string | undefined, work: () => Promise<T>): Promise<T> {
  return inSpan(
    `${event.type} process`,
    SpanKind.CONSUMER,
    traceContextOfEvent(event),
    { ...eventSpanAttributes(event, message.topic), 'messaging.consumer.group.name': groupId, 'messaging.kafka.partition': message.partition },
    () => runWithRequestContext({ correlationId: event.correlationid ?? event.id, subject: event.subject, service: serviceName }, work),
  );
}

export { SpanKind };
