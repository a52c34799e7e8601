import { trace } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, NodeTracerProvider, type SpanProcessor } from '@opentelemetry/sdk-trace-node';

/**
 * OpenTelemetry tracing for a host process. Spans are always made (the HTTP edge, the outbox relay and the consumers
 * create them, and the trace context travels in each event's `traceparent`), so logs and events carry real trace
 * ids. Export is off by default and set by the standard OTLP variables: OTEL_TRACES_EXPORTER=otlp, or an
 * OTEL_EXPORTER_OTLP_ENDPOINT / OTEL_EXPORTER_OTLP_TRACES_ENDPOINT (the exporter reads headers, protocol and timeout
 * from the standard variables itself). OTEL_SDK_DISABLED=true turns tracing off altogether.
 */
export interface TracingOptions {
  /** service.name of the process (a service, or `social-org-platform` for the embedded host). */
  serviceName: string;
  /** Tests pass an in-memory exporter's processor; otherwise taken from the environment. */
  spanProcessors?: SpanProcessor[];
}

let provider: NodeTracerProvider | undefined;

export function otlpExportRequested(env: NodeJS.ProcessEnv = process.env): boolean {
  const exporter = env['OTEL_TRACES_EXPORTER']?.trim().toLowerCase();
  if (exporter === 'none') return false;
  return exporter === 'otlp' || !!env['OTEL_EXPORTER_OTLP_ENDPOINT'] || !!env['OTEL_EXPORTER_OTLP_TRACES_ENDPOINT'];
}

/** Registers the process's tracer provider, context manager and W3C propagator (once per process). */
export function setUpTracing(options: TracingOptions, env: NodeJS.ProcessEnv = process.env): NodeTracerProvider | undefined {
  if (provider) return provider;
  if (env['OTEL_SDK_DISABLED']?.trim().toLowerCase() === 'true') return undefined;
  const spanProcessors = options.spanProcessors ?? (otlpExportRequested(env) ? [new BatchSpanProcessor(new OTLPTraceExporter())] : []);
  provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': env['OTEL_SERVICE_NAME'] ?? options.serviceName }),
    spanProcessors,
  });
  provider.register(); // AsyncLocalStorage context manager + W3C trace context and baggage propagators
  return provider;
}

/** Flushes and stops the exporter (on shutdown). */
export async function shutDownTracing(): Promise<void> {
  const current = provider;
  provider = undefined;
  await current?.shutdown();
  trace.disable();
}
