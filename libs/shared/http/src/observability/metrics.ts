import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { ConsumerHooks, RelayBatchReport, ServiceRuntime } from '@sop/messaging';
import { PeriodicTask } from '@sop/util';

/** A gauge read at scrape time must not hang the scrape when a broker or database is slow. */
const COLLECT_TIMEOUT_MS = 2000;

function within<T>(work: Promise<T>, ms = COLLECT_TIMEOUT_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([work, new Promise<T>((_, reject) => (timer = setTimeout(() => reject(new Error('timeout')), ms)))]).finally(() =>
    clearTimeout(timer),
  );
}

/**
 * The platform's Prometheus metrics, one registry per process, labelled by service (the embedded host runs four):
 * HTTP latency by route and status; outbox backlog and oldest unpublished age; relay publish latency; consumer lag
 * per group and partition; consumed events by outcome, dead letters by reason, inbox duplicates; scheduler runs and
 * failures. Served at GET /metrics.
 */
export class PlatformMetrics {
  readonly registry = new Registry();
  private readonly runtimes = new Map<string, ServiceRuntime>();

  readonly httpDuration = new Histogram({
    name: 'sop_http_request_duration_seconds',
    help: 'HTTP request latency by service, method, route template and status.',
    labelNames: ['service', 'method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  readonly relayPublish = new Histogram({
    name: 'sop_outbox_relay_publish_duration_seconds',
    help: 'How long the broker took to accept one relay batch (acks=all).',
    labelNames: ['service'] as const,
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5],
    registers: [this.registry],
  });

  readonly outboxDelay = new Histogram({
    name: 'sop_outbox_event_publish_delay_seconds',
    help: 'Time from an event’s commit in the outbox to the broker accepting it.',
    labelNames: ['service', 'type'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5, 30, 300],
    registers: [this.registry],
  });

  readonly relayPublished = new Counter({
    name: 'sop_outbox_events_published_total',
    help: 'Events the relay published.',
    labelNames: ['service', 'type'] as const,
    registers: [this.registry],
  });

  readonly consumed = new Counter({
    name: 'sop_consumer_events_total',
    help: 'Delivered events by outcome: applied, duplicate (skipped by the inbox), skipped (not handled here), retry, dead-lettered.',
    labelNames: ['service', 'group', 'type', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly inboxDuplicates = new Counter({
    name: 'sop_consumer_inbox_duplicates_total',
    help: 'Redelivered events the inbox recognised and skipped.',
    labelNames: ['service', 'group', 'type'] as const,
    registers: [this.registry],
  });

  readonly deadLettered = new Counter({
    name: 'sop_consumer_dead_lettered_total',
    help: 'Events sent to the group’s dead-letter topic, by reason.',
    labelNames: ['service', 'group', 'reason'] as const,
    registers: [this.registry],
  });

  readonly handleDuration = new Histogram({
    name: 'sop_consumer_handle_duration_seconds',
    help: 'Time to apply one event (inbox row, handler, commit).',
    labelNames: ['service', 'group', 'type'] as const,
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5],
    registers: [this.registry],
  });

  readonly commandAuditFailures = new Counter({
    name: 'sop_command_audit_failures_total',
    help: 'State-changing requests whose command audit entry could not be written (the log line names them).',
    labelNames: ['service'] as const,
    registers: [this.registry],
  });

  readonly schedulerRuns = new Counter({
    name: 'sop_scheduler_runs_total',
    help: 'Scheduler runs by task and outcome (ok, failed).',
    labelNames: ['task', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly schedulerDuration = new Histogram({
    name: 'sop_scheduler_run_duration_seconds',
    help: 'Duration of scheduler runs by task.',
    labelNames: ['task'] as const,
    buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 30, 120],
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'sop_process_' });
    // Figures read at scrape time, per hosted service (a slow broker or database leaves them out of this scrape).
    this.scrapeGauge('sop_outbox_backlog_events', 'Committed events not yet accepted by the broker.', ['service'], async (service, runtime, set) => {
      set({ service }, (await runtime.relay.backlog()).unpublished);
    });
    this.scrapeGauge(
      'sop_outbox_oldest_unpublished_age_seconds',
      'Age of the oldest committed event not yet accepted by the broker (0 when none).',
      ['service'],
      async (service, runtime, set) => {
        const { oldestCreatedAt } = await runtime.relay.backlog();
        set({ service }, oldestCreatedAt ? Math.max(0, (Date.now() - oldestCreatedAt.getTime()) / 1000) : 0);
      },
    );
    this.scrapeGauge(
      'sop_consumer_lag_events',
      'Events published but not yet acknowledged by the consumer group, per topic partition.',
      ['service', 'group', 'topic', 'partition'],
      async (service, runtime, set) => {
        for (const l of await runtime.consumerLag()) set({ service, group: l.groupId, topic: l.topic, partition: String(l.partition) }, l.lag);
      },
    );
    PeriodicTask.observer = (task, outcome, ms) => {
      this.schedulerRuns.inc({ task, outcome });
      this.schedulerDuration.observe({ task }, ms / 1000);
    };
  }

  private scrapeGauge<L extends string>(
    name: string,
    help: string,
    labelNames: L[],
    read: (service: string, runtime: ServiceRuntime, set: (labels: Record<L, string>, value: number) => void) => Promise<void>,
  ): void {
    const runtimes = this.runtimes;
    new Gauge<L>({
      name,
      help,
      labelNames,
      registers: [this.registry],
      async collect() {
        this.reset();
        for (const [service, runtime] of runtimes) {
          await within(read(service, runtime, (labels, value) => this.set(labels as Partial<Record<L, string>>, value))).catch(() => undefined);
        }
      },
    });
  }

  /** Scrape-time figures (backlog, lag) of a service's runtime. */
  watch(service: string, runtime: ServiceRuntime): void {
    this.runtimes.set(service, runtime);
  }

  relayObserver(service: string): (report: RelayBatchReport) => void {
    return (report) => {
      this.relayPublish.observe({ service }, report.publishMs / 1000);
      for (const e of report.events) {
        this.relayPublished.inc({ service, type: e.type });
        this.outboxDelay.observe({ service, type: e.type }, Math.max(0, report.publishedAt.getTime() - e.createdAt.getTime()) / 1000);
      }
    };
  }

  consumerHooks(service: string): ConsumerHooks {
    return {
      outcome: (group, outcome) => {
        this.consumed.inc({ service, group, type: outcome.type, outcome: outcome.kind });
        if (outcome.kind === 'duplicate') this.inboxDuplicates.inc({ service, group, type: outcome.type });
        if (outcome.kind === 'dead-lettered') this.deadLettered.inc({ service, group, reason: outcome.reason });
        if (outcome.kind === 'applied') this.handleDuration.observe({ service, group, type: outcome.type }, outcome.durationMs / 1000);
      },
    };
  }
}

let instance: PlatformMetrics | undefined;

/** The process's metrics (one registry for every service hosted in it). */
export function platformMetrics(): PlatformMetrics {
  instance ??= new PlatformMetrics();
  return instance;
}
