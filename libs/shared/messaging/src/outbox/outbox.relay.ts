import { Logger } from '@nestjs/common';
import { IsNull, MoreThan, Not, type DataSource, type EntityManager } from 'typeorm';
import { isSqlite, runInTransaction } from '@sop/persistence';
import type { CloudEvent } from '../envelope/cloud-event';
import { eventSpanAttributes, failSpan, SpanKind, startSpan, traceContextOfEvent } from '../tracing/event-tracing';
import { PublishRefusedError, type EventTransport } from '../transport/transport.port';
import { OutboxMessageOrmEntity } from './outbox-message.orm-entity';
import { OutboxQuarantineOrmEntity } from './outbox-quarantine.orm-entity';
import { RelayLease } from './relay-lease';
import { cutBySize, handled } from './relay-batches';
import { chainPending } from './relay-chain';
import { DEFAULT_BATCH_SIZE, DEFAULT_MAX_BATCH_BYTES, type OutboxRelayOptions } from './relay-options';

export { DEFAULT_BATCH_SIZE, DEFAULT_MAX_BATCH_BYTES, RELAY_FAILING_DOWN_AFTER_MS, type OutboxRelayOptions, type QuarantineReport, type RelayBatchReport } from './relay-options';

/**
 * Moves committed outbox rows to the broker, in id order, one active instance per service.
 *
 * Each round: (1) chain: give unchained rows the next sequence number, prevhash and hash, and store them
 * (a resend after a crash then carries the same chain fields); (2) publish the oldest unpublished rows with
 * the idempotent producer; (3) mark them published. A crash between (2) and (3) re-sends the same events,
 * which consumers drop through their inbox. On MySQL the rounds overlap (a pipeline): while one batch is on its way
 * to the broker, the next rows are chained and read, and the batch before is marked published; sends stay one at a
 * time and in sequence order, and a row is marked only after the broker acknowledged it.
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
  /** Overlap reading, sending and marking (MySQL); SQLite has one connection, where it would mix transactions. */
  private readonly pipelined: boolean;
  private quarantinedCount = 0;
  /**
   * Every chained row up to this sequence is published (this instance marked them, in order): the next read starts
   * after it, an index range, instead of stepping over every published row. Forgotten after a failed round.
   */
  private publishedThrough?: string;
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
    this.batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
    this.maxBatchBytes = options.maxBatchBytes ?? DEFAULT_MAX_BATCH_BYTES;
    this.pollIntervalMs = options.pollIntervalMs ?? 1000;
    this.standbyPollMs = options.standbyPollMs ?? 2_000;
    this.pipelined = !isSqlite(ds);
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
    // Rows go out in sequence order; `after` is the last sequence handed to the broker, so the next read starts
    // there (an index range) instead of stepping over the rows sent before.
    let after = this.publishedThrough;
    let next: Promise<OutboxMessageOrmEntity[]> | undefined = handled(this.nextRows(after));
    let marking: Promise<number> = Promise.resolve(0);
    let failed = false;
    try {
      for (;;) {
        const rows: OutboxMessageOrmEntity[] = await (next ?? this.nextRows(after));
        next = undefined;
        if (rows.length === 0) break;
        after = rows[rows.length - 1].sequence ?? after;
        // Pipelined: the following rows are chained and read while these go out.
        if (this.pipelined) next = handled(this.nextRows(after));
        for (const batch of cutBySize(rows, this.maxBatchBytes)) {
          // A long drain renews as it goes, and stops as soon as another instance holds the lease.
          if (this.running && !(await this.lease.ensure())) return total + (await marking);
          const acknowledged = await this.send(batch);
          // The batch before was being marked while this one was sent: at most one marking in flight.
          total += await marking;
          marking = handled(this.markPublished(acknowledged, batch[batch.length - 1].sequence));
          if (!this.pipelined) {
            total += await marking;
            marking = Promise.resolve(0);
          }
        }
      }
      return total + (await marking);
    } catch (err) {
      failed = true;
      throw err;
    } finally {
      // A failed round leaves nothing running behind it (the loop retries from the database's state).
      await Promise.allSettled([next, marking]);
      if (failed) this.publishedThrough = undefined;
    }
  }

  /**
   * The next rows to send after sequence `after`, in sequence order: first those chained earlier and not yet sent (a
   * round that failed, or another instance's), then, to fill the batch, rows chained now (their sequences follow
   * every existing one). Rows just chained are sent as stored, without reading them back.
   */
  private async nextRows(after: string | undefined): Promise<OutboxMessageOrmEntity[]> {
    const waiting = await this.ds.getRepository(OutboxMessageOrmEntity).find({
      where: { publishedAt: IsNull(), sequence: after === undefined ? Not(IsNull()) : MoreThan(after) },
      order: { sequence: 'ASC' },
      take: this.batchSize,
    });
    if (waiting.length >= this.batchSize) return waiting;
    const chained = await runInTransaction(this.ds, (manager) =>
      chainPending(manager, this.batchSize - waiting.length, this.maxBatchBytes, (row, reason) => this.quarantine(manager, row, reason)),
    );
    return [...waiting, ...chained];
  }

  /**
   * Sends one batch (one request per broker) and returns the rows the broker acknowledged. A batch the broker refuses
   * as too large is halved until it is accepted; a single event refused on its own is quarantined and the relay goes
   * on with the next.
   */
  private async send(rows: OutboxMessageOrmEntity[]): Promise<OutboxMessageOrmEntity[]> {
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
          const first = await this.send(rows.slice(0, half));
          return [...first, ...(await this.send(rows.slice(half)))];
        }
        await runInTransaction(this.ds, (manager) => this.quarantine(manager, rows[0], `${err.reason}: ${err.message}`));
        return [];
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
    this.options.onPublished?.({ publishMs: Date.now() - started, publishedAt: new Date(), events: rows.map((r) => ({ type: r.eventType, createdAt: r.createdAt })) });
    return rows;
  }

  /**
   * Marks rows the broker acknowledged as published: one UPDATE … WHERE id IN (…). `through`: the batch's last
   * sequence (its other rows, if any, were quarantined, which marks them too).
   */
  private async markPublished(rows: OutboxMessageOrmEntity[], through: string | null): Promise<number> {
    if (rows.length > 0) {
      await this.ds
        .createQueryBuilder()
        .update(OutboxMessageOrmEntity)
        .set({ publishedAt: new Date(), lastError: null })
        .whereInIds(rows.map((r) => r.id))
        .execute();
      this.publishedCount += rows.length;
    }
    if (through !== null) this.publishedThrough = through;
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
}
