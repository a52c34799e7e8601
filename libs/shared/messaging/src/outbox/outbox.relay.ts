import { Logger } from '@nestjs/common';
import { IsNull, Not, type DataSource, type EntityManager } from 'typeorm';
import { runInTransaction } from '@sop/persistence';
import { appendToChain, type ChainHead, type CloudEvent } from '../envelope/cloud-event';
import { eventSpanAttributes, failSpan, SpanKind, startSpan, traceContextOfEvent } from '../tracing/event-tracing';
import { PublishRefusedError, type EventTransport } from '../transport/transport.port';
import { OutboxMessageOrmEntity } from './outbox-message.orm-entity';
import { OutboxQuarantineOrmEntity } from './outbox-quarantine.orm-entity';
import { RelayLease } from './relay-lease';
import { CHAIN_FIELDS_BYTES, cutBySize, estimatedRecordBytes } from './relay-batches';
import { DEFAULT_MAX_BATCH_BYTES, type OutboxRelayOptions } from './relay-options';

export { DEFAULT_MAX_BATCH_BYTES, RELAY_FAILING_DOWN_AFTER_MS, type OutboxRelayOptions, type QuarantineReport, type RelayBatchReport } from './relay-options';

/**
 * Moves committed outbox rows to the broker, in id order, one active instance per service.
 *
 * Each round: (1) chain: give unchained rows the next sequence number, prevhash and hash, and store them
 * (a resend after a crash then carries the same chain fields); (2) publish the oldest unpublished rows with
 * the idempotent producer; (3) mark them published. A crash between (2) and (3) re-sends the same events,
 * which consumers drop through their inbox.
 *
 * Single-active on MySQL: a lease, one row per service in relay_lease (holder id, expires_at in the database's
 * clock, so instances' clocks do not matter). The leader renews it every leaseRenewMs and stops publishing when it
 * cannot; a standby polls and takes the row once expires_at has passed. A leader that is stopped (SIGSTOP), cut
 * off or hung loses the lease after leaseTtlMs, whatever happens to its connections (a GET_LOCK would be held until
 * TCP keepalive or wait_timeout notices, hours). A stopped leader that resumes finds another holder at its next
 * renewal and becomes a standby; a batch it was sending when it froze may go out once more after the new leader's,
 * which consumers drop through their inbox, and the chain cannot fork (sequence is unique in the outbox).
 * SQLite is single-process.
 */
export class OutboxRelay {
  private readonly logger: Logger;
  private running = false;
  private loop?: Promise<void>;
  private wakeUp?: () => void;
  private woken = false;
  /** Local time of the last successful renewal (the lease itself expires in the database's clock). */
  private readonly lease: RelayLease;
  private readonly standbyPollMs: number;
  private readonly batchSize: number;
  private readonly maxBatchBytes: number;
  private quarantinedCount = 0;
  private readonly pollIntervalMs: number;
  private lastError?: string;
  /** Start of the current streak of failed rounds (undefined while rounds succeed). */
  private failingSince?: number;
  private publishedCount = 0;

  constructor(
    private readonly ds: DataSource,
    private readonly transport: EventTransport,
    private readonly options: OutboxRelayOptions,
  ) {
    this.logger = new Logger(`OutboxRelay:${options.serviceName}`);
    this.batchSize = options.batchSize ?? 200;
    this.maxBatchBytes = options.maxBatchBytes ?? DEFAULT_MAX_BATCH_BYTES;
    this.pollIntervalMs = options.pollIntervalMs ?? 1000;
    this.standbyPollMs = options.standbyPollMs ?? 2_000;
    this.lease = new RelayLease(ds, `sop.outbox-relay.${options.serviceName}`, options.leaseTtlMs ?? 15_000, options.leaseRenewMs ?? 5_000, this.logger);
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Called right after a transaction that wrote outbox rows commits. */
  wake(): void {
    this.woken = true;
    this.wakeUp?.();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake();
    await this.loop;
    await this.lease.release();
  }

  /** `failingForMs`: how long rounds have failed without a success in between (0 when healthy). */
  status(): { leader: boolean; published: number; quarantined: number; lastError?: string; failingForMs: number } {
    const failingForMs = this.failingSince === undefined ? 0 : this.now() - this.failingSince;
    return { leader: this.lease.leader, published: this.publishedCount, quarantined: this.quarantinedCount, lastError: this.lastError, failingForMs };
  }

  /** Unpublished rows and the creation time of the oldest: the backlog operators watch. */
  async backlog(): Promise<{ unpublished: number; oldestCreatedAt: Date | null }> {
    const row = await this.ds
      .getRepository(OutboxMessageOrmEntity)
      .createQueryBuilder('o')
      .select('COUNT(*)', 'unpublished')
      .addSelect('MIN(o.created_at)', 'oldest')
      .where('o.published_at IS NULL')
      .getRawOne<{ unpublished: string | number; oldest: string | Date | null }>();
    const oldest = row?.oldest ?? null;
    return { unpublished: Number(row?.unpublished ?? 0), oldestCreatedAt: oldest === null ? null : new Date(typeof oldest === 'string' && !/[zZ+]/.test(oldest.slice(10)) ? `${oldest.replace(' ', 'T')}Z` : oldest) };
  }

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }

  /** One full drain (used by the loop; callable from tests). Returns how many rows were published. */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      await this.chainPending();
      const rows = await this.ds.getRepository(OutboxMessageOrmEntity).find({
        where: { publishedAt: IsNull(), sequence: Not(IsNull()) },
        order: { sequence: 'ASC' },
        take: this.batchSize,
      });
      if (rows.length === 0) return total;
      for (const batch of cutBySize(rows, this.maxBatchBytes)) {
        // A long drain renews as it goes, and stops as soon as another instance holds the lease.
        if (this.running && !(await this.lease.ensure())) return total;
        total += await this.publish(batch);
      }
    }
  }

  /** Consecutive runs of rows within maxBatchBytes each (a row over it on its own, which the broker may yet accept). */
  /**
   * Publishes one batch and marks it published. A batch the broker refuses as too large is halved until it is
   * accepted; a single event refused on its own is quarantined and the relay goes on with the next.
   */
  private async publish(rows: OutboxMessageOrmEntity[]): Promise<number> {
    // One producer span per event, a child of the span that published it (the request's or the consumer's).
    const spans = rows.map((r) => {
      const event = JSON.parse(r.envelope) as CloudEvent;
      return startSpan(`${r.eventType} publish`, SpanKind.PRODUCER, traceContextOfEvent(event), eventSpanAttributes(event, r.topic));
    });
    const started = Date.now();
    try {
      await this.transport.publish(
        rows.map((r) => ({
          topic: r.topic,
          key: r.messageKey,
          value: r.envelope,
          headers: { 'ce-id': r.eventId, 'ce-type': r.eventType, 'ce-source': this.options.serviceName },
        })),
      );
    } catch (err) {
      spans.forEach((span) => failSpan(span, err));
      spans.forEach((span) => span.end());
      if (err instanceof PublishRefusedError) {
        if (rows.length > 1) {
          const half = Math.ceil(rows.length / 2);
          return (await this.publish(rows.slice(0, half))) + (await this.publish(rows.slice(half)));
        }
        await runInTransaction(this.ds, (manager) => this.quarantine(manager, rows[0], `${err.reason}: ${err.message}`));
        return 0;
      }
      await this.ds
        .createQueryBuilder()
        .update(OutboxMessageOrmEntity)
        .set({ attempts: () => 'attempts + 1', lastError: String(err.message).slice(0, 2000) })
        .where('id = :id', { id: rows[0].id })
        .execute();
      throw err;
    }
    spans.forEach((span) => span.end());
    const publishedAt = new Date();
    this.options.onPublished?.({ publishMs: Date.now() - started, publishedAt, events: rows.map((r) => ({ type: r.eventType, createdAt: r.createdAt })) });
    await this.ds
      .createQueryBuilder()
      .update(OutboxMessageOrmEntity)
      .set({ publishedAt, lastError: null })
      .whereInIds(rows.map((r) => r.id))
      .execute();
    this.publishedCount += rows.length;
    return rows.length;
  }

  /**
   * Sets an event aside in outbox_quarantine with the reason, and alerts. An unchained row leaves the outbox (the
   * chain never counted it); a chained one stays, marked published with the reason, since the chain continues from
   * the outbox's highest sequence.
   */
  private async quarantine(manager: EntityManager, row: OutboxMessageOrmEntity, reason: string): Promise<void> {
    await manager.insert(OutboxQuarantineOrmEntity, {
      outboxId: row.id,
      eventId: row.eventId,
      topic: row.topic,
      messageKey: row.messageKey,
      eventType: row.eventType,
      envelope: row.envelope,
      sequence: row.sequence,
      reason: reason.slice(0, 4000),
      quarantinedAt: new Date(this.now()),
    });
    if (row.sequence === null) await manager.delete(OutboxMessageOrmEntity, { id: row.id });
    else await manager.update(OutboxMessageOrmEntity, { id: row.id }, { publishedAt: new Date(this.now()), lastError: `QUARANTINED ${reason}`.slice(0, 2000) });
    this.quarantinedCount++;
    this.logger.error(
      `ALERT quarantined outbox row ${row.id} (${row.eventType} ${row.eventId}${row.sequence ? `, sequence ${row.sequence}` : ''}): ${reason}; ` +
        'set aside in outbox_quarantine, the relay goes on with the next event',
    );
    this.options.onQuarantined?.({ eventId: row.eventId, type: row.eventType, reason, chained: row.sequence !== null });
  }

  private async run(): Promise<void> {
    let backoff = 200;
    while (this.running) {
      try {
        if (!(await this.lease.ensure())) {
          await this.idle(this.standbyPollMs);
          continue;
        }
        this.woken = false;
        await this.drain();
        this.lastError = undefined;
        this.failingSince = undefined;
        backoff = 200;
        if (!this.woken) await this.idle(this.pollIntervalMs);
      } catch (err) {
        this.lastError = err.message;
        this.failingSince ??= this.now();
        this.logger.warn(`relay round failed, retrying in ${backoff} ms: ${err.message}`);
        await this.idle(backoff);
        backoff = Math.min(backoff * 2, 10000);
      }
    }
  }

  private idle(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wakeUp = done;
    });
  }

  /** Assigns sequence/prevhash/hash to unchained rows, in id order (of those committed), in one transaction. */
  private async chainPending(): Promise<void> {
    await runInTransaction(this.ds, async (manager) => {
      const repo = manager.getRepository(OutboxMessageOrmEntity);
      const pending = await repo.find({ where: { sequence: IsNull() }, order: { id: 'ASC' }, take: this.batchSize });
      if (pending.length === 0) return;
      // The chain continues from the highest sequence, not the highest id: a transaction that took a lower id but
      // committed after a higher one is chained later, so ids and sequences do not follow the same order.
      const [last] = await repo.find({ where: { sequence: Not(IsNull()) }, order: { sequence: 'DESC' }, take: 1 });
      let head: ChainHead | undefined = last?.sequence && last.hash ? { sequence: last.sequence, hash: last.hash } : undefined;
      for (const row of pending) {
        // The chain fields add ~220 bytes; an event over the limit even before them is set aside unchained.
        if (estimatedRecordBytes(row) + CHAIN_FIELDS_BYTES > this.maxBatchBytes) {
          await this.quarantine(manager, row, `TOO_LARGE: about ${estimatedRecordBytes(row) + CHAIN_FIELDS_BYTES} bytes, over the relay's limit of ${this.maxBatchBytes} (max.message.bytes)`);
          continue;
        }
        const event = JSON.parse(row.envelope) as CloudEvent;
        head = appendToChain(event, head);
        await repo.update({ id: row.id }, { sequence: head.sequence, hash: head.hash, envelope: JSON.stringify(event) });
      }
    });
  }
}
