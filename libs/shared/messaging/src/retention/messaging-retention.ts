import { Logger } from '@nestjs/common';
import { In, IsNull, LessThan, Not, type DataSource, type EntityTarget, type FindOptionsWhere, type ObjectLiteral } from 'typeorm';
import { InboxMessageOrmEntity } from '../inbox/inbox-message.orm-entity';
import { OutboxMessageOrmEntity } from '../outbox/outbox-message.orm-entity';
import type { EventTransport } from '../transport/transport.port';

const DAY_MS = 24 * 60 * 60 * 1000;

/** How long a service keeps messaging rows once they are done with; configured per service (ServiceRuntimeOptions). */
export interface RetentionOptions {
  /** Published outbox rows, days after publication. Default 7. */
  outboxDays?: number;
  /**
   * Inbox rows (the dedup record of applied events), days after they were applied. Default 30. It must exceed the
   * broker's retention (Kafka's retention.ms, 7 days here) plus the longest a consumer may lag or be reset: an event
   * still on the broker can be delivered again (a rebalance, an offset reset, a DLQ replay), and only its inbox row
   * keeps it from being applied twice.
   */
  inboxDays?: number;
  /** Messages of the embedded bus that every group consumed, days after they were appended. Default 7. */
  busDays?: number;
  /** Rows deleted per statement, so no run holds long locks. Default 1000. */
  batchSize?: number;
  /** How often the job runs (0: never on its own). Default hourly. */
  intervalMs?: number;
}

export interface RetentionReport {
  outbox: number;
  inbox: number;
  bus: number;
}

/**
 * Deletes messaging rows nobody needs any more, in batches: published outbox rows, inbox rows and consumed bus
 * messages older than their configured age. The outbox row with the highest sequence is always kept, however
 * old: the relay continues the chain from it. Unpublished outbox rows and quarantined events are never deleted.
 */
export class MessagingRetention {
  private readonly logger: Logger;

  constructor(
    private readonly ds: DataSource,
    private readonly transport: EventTransport,
    private readonly options: RetentionOptions,
    private readonly now: () => Date,
    serviceName: string,
  ) {
    this.logger = new Logger(`MessagingRetention:${serviceName}`);
  }

  get intervalMs(): number {
    return this.options.intervalMs ?? 60 * 60 * 1000;
  }

  async run(): Promise<RetentionReport> {
    const now = this.now().getTime();
    const before = (days: number) => new Date(now - days * DAY_MS);
    const head = await this.ds.getRepository(OutboxMessageOrmEntity).findOne({ where: { sequence: Not(IsNull()) }, order: { sequence: 'DESC' }, select: { id: true } });
    const outboxWhere: FindOptionsWhere<OutboxMessageOrmEntity> = { publishedAt: LessThan(before(this.options.outboxDays ?? 7)), ...(head ? { id: Not(head.id) } : {}) };
    const report: RetentionReport = {
      outbox: await this.deleteInBatches(OutboxMessageOrmEntity, outboxWhere, ['id']),
      inbox: await this.deleteInBatches(InboxMessageOrmEntity, { receivedAt: LessThan(before(this.options.inboxDays ?? 30)) }, ['consumerGroup', 'eventId']),
      bus: await this.pruneBus(before(this.options.busDays ?? 7)),
    };
    if (report.outbox + report.inbox + report.bus > 0) this.logger.log(`deleted ${report.outbox} outbox, ${report.inbox} inbox and ${report.bus} bus rows past retention`);
    return report;
  }

  private get batchSize(): number {
    return this.options.batchSize ?? 1000;
  }

  /** Selects a batch of keys, deletes them, and again until a batch comes back short (portable: no DELETE ... LIMIT). */
  private async deleteInBatches<T extends ObjectLiteral>(entity: EntityTarget<T>, where: FindOptionsWhere<T>, key: (keyof T & string)[]): Promise<number> {
    const repo = this.ds.getRepository(entity);
    let deleted = 0;
    for (;;) {
      const rows = await repo.find({ where, select: Object.fromEntries(key.map((k) => [k, true])) as never, take: this.batchSize });
      if (rows.length === 0) return deleted;
      if (key.length === 1) {
        await repo.delete({ [key[0]]: In(rows.map((r) => r[key[0]])) } as FindOptionsWhere<T>);
      } else {
        await repo.delete(rows.map((r) => Object.fromEntries(key.map((k) => [k, r[k]]))) as unknown as FindOptionsWhere<T>);
      }
      deleted += rows.length;
      if (rows.length < this.batchSize) return deleted;
    }
  }

  private async pruneBus(cutoff: Date): Promise<number> {
    let deleted = 0;
    for (;;) {
      const n = await this.transport.prune(cutoff, this.batchSize);
      deleted += n;
      if (n < this.batchSize) return deleted;
    }
  }
}
