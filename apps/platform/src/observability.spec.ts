import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { CREDIT_SUPERVISION_SERVICE } from '@sop/credit-supervision';
import { setUpTracing, shutDownTracing, type ServiceDefinition } from '@sop/http';
import { REGISTRATION_SERVICE } from '@sop/registration';
import { waitFor } from '@sop/testing';
import { serviceOfPath } from './platform-endpoints';
import { startEmbeddedTestHost, type EmbeddedTestHost } from './test-support/embedded-test-host';

/**
 * Issue #8 "done when": one approval is one trace from the HTTP request through registration's relay to credit's
 * consumer (in-memory exporter); /metrics answers with the operators' figures; log lines are JSON with request id,
 * correlation id and subject, without the bearer token or the ID number.
 */
const ID_NUMBER = '11010519491231002X';
const SERVICES: ServiceDefinition[] = [REGISTRATION_SERVICE, CREDIT_SUPERVISION_SERVICE];

describe('observability of the embedded platform (registration + credit supervision)', () => {
  const exporter = new InMemorySpanExporter();
  const logLines: string[] = [];
  let host: EmbeddedTestHost;
  let base: string;
  let registrar: string;

  beforeAll(async () => {
    process.env['LOG_LEVEL'] = 'log'; // request lines are info-level
    process.env['REGISTRATION_SCHEDULER_INTERVAL_MS'] = '100'; // a scheduler run to count
    setUpTracing({ serviceName: 'observability-spec', spanProcessors: [new SimpleSpanProcessor(exporter)] });
    const logDestination = new Writable({
      write(chunk, _encoding, done) {
        logLines.push(...String(chunk).split('\n').filter(Boolean));
        done();
      },
    });
    host = await startEmbeddedTestHost(SERVICES, { serviceOf: serviceOfPath(SERVICES), logDestination });
    base = host.base;
    registrar = host.token(['registrar', 'applicant'], '110000', 'registrar-110000');
  });

  afterAll(async () => {
    await host?.close();
    await shutDownTracing();
  });

  async function post(path: string, body: unknown, headers: Record<string, string> = {}) {
    const res = await fetch(`${base}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${registrar}`, 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
    return { status: res.status, headers: res.headers, body: (await res.json()) as { id: string; organization: { uscc: string } } };
  }

  let uscc: string;
  const correlationId = `corr-${randomUUID()}`;

  it('follows one approval as one trace from registration’s HTTP request through its relay to credit’s consumer', async () => {
    const submitted = await post('/registration/applications', {
      proposedName: '北京市海淀区观测社区服务中心',
      form: 'SOCIAL_SERVICE_ORGANIZATION',
      category: 'URBAN_RURAL_COMMUNITY_SERVICE',
      registeringAuthority: '110108',
      domicile: '北京市海淀区中关村大街1号',
      purpose: '为社区老年人提供日间照料服务',
      legalRepresentativeName: '张三',
      legalRepresentativeIdNumber: ID_NUMBER,
      registeredCapitalFen: 3_000_000,
    });
    expect(submitted.status).toBe(201);
    exporter.reset();

    const approved = await post(`/registration/applications/${submitted.body.id}/approve`, {}, { 'X-Correlation-Id': correlationId });
    expect(approved.status).toBe(200);
    expect(approved.headers.get('x-correlation-id')).toBe(correlationId);
    expect(approved.headers.get('x-request-id')).toBeTruthy();
    uscc = approved.body.organization.uscc;
    await waitFor(async () => (await fetch(`${base}/credit/profiles/${uscc}`)).status === 200, 20_000, 'credit profile');

    const spans = () => exporter.getFinishedSpans();
    const approval = spans().find((s) => s.name === 'POST /registration/applications/:id/approve');
    expect(approval).toBeDefined();
    const traceId = approval?.spanContext().traceId;
    const consumed = await waitFor(
      () => spans().find((s) => s.name === 'registration.organization.registered process' && s.attributes['messaging.consumer.group.name'] === 'credit-supervision'),
      10_000,
      'credit consumer span',
    );
    const published = spans().find((s) => s.name === 'registration.organization.registered publish');
    expect(published?.spanContext().traceId).toBe(traceId);
    expect(consumed.spanContext().traceId).toBe(traceId);
    expect(consumed.attributes['cloudevents.event_subject']).toBe(uscc);
  });

  it('answers /metrics with HTTP latency, outbox backlog and age, relay latency, consumer lag, consumer outcomes and schedulers', async () => {
    const res = await fetch(`${base}/metrics`);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toMatch(/sop_http_request_duration_seconds_count\{service="registration",method="POST",route="\/registration\/applications\/:id\/approve",status="200"\} 1/);
    expect(text).toMatch(/sop_outbox_backlog_events\{service="registration"\} 0/);
    expect(text).toMatch(/sop_outbox_oldest_unpublished_age_seconds\{service="credit-supervision"\} 0/);
    expect(text).toMatch(/sop_outbox_relay_publish_duration_seconds_count\{service="registration"\} [1-9]/);
    expect(text).toMatch(/sop_outbox_event_publish_delay_seconds_count\{service="registration",type="registration.organization.registered"\} 1/);
    expect(text).toMatch(/sop_consumer_lag_events\{service="credit-supervision",group="credit-supervision",topic="registration.organization.v1",partition="\d+"\} 0/);
    expect(text).toMatch(/sop_consumer_events_total\{service="credit-supervision",group="credit-supervision",type="registration.organization.registered",outcome="applied"\} 1/);
    expect(text).toContain('# TYPE sop_consumer_dead_lettered_total counter');
    expect(text).toContain('# TYPE sop_consumer_inbox_duplicates_total counter');
    expect(text).toMatch(/sop_scheduler_runs_total\{task="[^"]+",outcome="ok"\} \d+/);
  });

  it('logs JSON lines with request id, correlation id and subject, never the token or the ID number', () => {
    const entries = logLines.map((l) => JSON.parse(l) as Record<string, unknown>);
    const approval = entries.find((e) => (e['res'] as { route?: string } | undefined)?.route === '/registration/applications/:id/approve');
    expect(approval).toMatchObject({ correlationId, subject: 'registrar-110000', service: 'registration', res: { statusCode: 200 }, msg: 'request completed' });
    expect(approval?.['traceId']).toMatch(/^[0-9a-f]{32}$/);
    expect((approval?.['req'] as { id?: string }).id).toMatch(/^[0-9a-f-]{36}$/);
    const all = logLines.join('\n');
    expect(all).not.toContain(registrar);
    expect(all).not.toContain(ID_NUMBER);
  });
});
