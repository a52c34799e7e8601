import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { Partitioners, type PartitionerArgs } from 'kafkajs';
import { deliverUntilAcknowledged } from './delivery';
import {
  EventTransport,
  type MessageHandler,
  type PartitionLag,
  type OutgoingMessage,
  type SubscribeOptions,
  type Subscription,
  type TopicSpec,
} from './transport.port';

export class UnknownTopicError extends Error {
  constructor(topic: string) {
    super(`topic ${topic} does not exist: provision it first (auto-creation is off)`);
  }
}

interface StoredRow {
  topic: string;
  partition: number;
  offset: number;
  key: string | null;
  value: Buffer | null;
  headers: string;
}

/**
 * The embedded mode's broker: an append-only log per topic partition kept in one SQLite file
 * (`:memory:` in tests), with committed positions per consumer group. It honours the transport contract
 * (see transport.port.ts) and survives a process restart when backed by a file: an event the relay marked
 * published is never lost between services. Keys are partitioned with Kafka's own murmur2 partitioner,
 * so a key lands on the same partition number as it would on Kafka.
 */
export class InProcessTransport extends EventTransport {
  readonly kind = 'in-process' as const;
  private readonly db: Database.Database;
  private readonly partitioner = Partitioners.DefaultPartitioner();
  private readonly waiters = new Set<() => void>();
  private readonly activeGroups = new Set<string>();
  private readonly stops = new Set<() => Promise<void>>();
  private closed = false;

  constructor(path = ':memory:') {
    super();
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS bus_topic (topic TEXT PRIMARY KEY, partitions INTEGER NOT NULL);
      CREATE TABLE IF NOT EXISTS bus_message (
        topic TEXT NOT NULL, partition INTEGER NOT NULL, offset INTEGER NOT NULL,
        key TEXT, value BLOB, headers TEXT NOT NULL, appended_at TEXT NOT NULL,
        PRIMARY KEY (topic, partition, offset));
      CREATE TABLE IF NOT EXISTS bus_group_offset (
        group_id TEXT NOT NULL, topic TEXT NOT NULL, partition INTEGER NOT NULL, next_offset INTEGER NOT NULL,
        PRIMARY KEY (group_id, topic, partition));
    `);
  }

  async consumerLag(groupId: string, topics: string[]): Promise<PartitionLag[]> {
    const rows = this.db
      .prepare<[string, string], { partition: number; end: number; committed: number | null }>(
        `SELECT p.partition AS partition,
                (SELECT COALESCE(MAX(m.offset), -1) + 1 FROM bus_message m WHERE m.topic = p.topic AND m.partition = p.partition) AS "end",
                (SELECT g.next_offset FROM bus_group_offset g WHERE g.group_id = ? AND g.topic = p.topic AND g.partition = p.partition) AS committed
           FROM (WITH RECURSIVE n(partition, topic, partitions) AS (
                   SELECT 0, topic, partitions FROM bus_topic WHERE topic = ?
                   UNION ALL SELECT partition + 1, topic, partitions FROM n WHERE partition + 1 < partitions)
                 SELECT partition, topic FROM n) p`,
      );
    return topics.flatMap((topic) =>
      rows.all(groupId, topic).map((r) => ({ topic, partition: r.partition, lag: Math.max(0, r.end - (r.committed ?? 0)) })),
    );
  }

  async ensureTopics(specs: TopicSpec[]): Promise<void> {
    const insert = this.db.prepare('INSERT OR IGNORE INTO bus_topic (topic, partitions) VALUES (?, ?)');
    this.db.transaction(() => specs.forEach((s) => insert.run(s.topic, s.partitions)))();
  }

  async publish(messages: OutgoingMessage[]): Promise<void> {
    if (this.closed) throw new Error('transport closed');
    const partitionsOf = this.db.prepare<[string], { partitions: number }>('SELECT partitions FROM bus_topic WHERE topic = ?');
    const nextOffset = this.db.prepare<[string, number], { next: number }>(
      'SELECT COALESCE(MAX(offset), -1) + 1 AS next FROM bus_message WHERE topic = ? AND partition = ?',
    );
    const insert = this.db.prepare(
      'INSERT INTO bus_message (topic, partition, offset, key, value, headers, appended_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    this.db.transaction(() => {
      for (const m of messages) {
        const row = partitionsOf.get(m.topic);
        if (!row) throw new UnknownTopicError(m.topic);
        const partition = this.partitionFor(m.topic, m.key, row.partitions);
        const offset = nextOffset.get(m.topic, partition)!.next;
        const value = typeof m.value === 'string' ? Buffer.from(m.value, 'utf8') : m.value;
        insert.run(m.topic, partition, offset, m.key, value, JSON.stringify(m.headers ?? {}), new Date().toISOString());
      }
    })();
    this.wakeAll();
  }

  async subscribe(options: SubscribeOptions, handler: MessageHandler): Promise<Subscription> {
    if (this.activeGroups.has(options.groupId)) {
      throw new Error(`group ${options.groupId} already has a consumer in this process`);
    }
    this.activeGroups.add(options.groupId);
    let stopped = false;
    const loops: Promise<void>[] = [];
    for (const topic of options.topics) {
      const spec = this.db.prepare<[string], { partitions: number }>('SELECT partitions FROM bus_topic WHERE topic = ?').get(topic);
      if (!spec) throw new UnknownTopicError(topic);
      for (let p = 0; p < spec.partitions; p++) {
        loops.push(this.partitionLoop(options, topic, p, handler, () => stopped || this.closed));
      }
    }
    const stop = async () => {
      stopped = true;
      this.wakeAll();
      await Promise.allSettled(loops);
      this.activeGroups.delete(options.groupId);
      this.stops.delete(stop);
    };
    this.stops.add(stop);
    return { stop };
  }

  async healthy(): Promise<boolean> {
    return !this.closed;
  }

  async close(): Promise<void> {
    for (const stop of [...this.stops]) await stop();
    this.closed = true;
    this.wakeAll();
    this.db.close();
  }

  override async prune(cutoff: Date, limit: number): Promise<number> {
    if (this.closed) return 0;
    // Below every group's committed position on the partition (a partition no group reads is kept: nobody consumed
    // it yet), and below the partition's last offset, from which the next one is numbered.
    const result = this.db
      .prepare(
        `DELETE FROM bus_message WHERE rowid IN (
           SELECT m.rowid FROM bus_message m
            WHERE m.appended_at < ?
              AND m.offset < (SELECT MAX(l.offset) FROM bus_message l WHERE l.topic = m.topic AND l.partition = m.partition)
              AND m.offset < (SELECT MIN(g.next_offset) FROM bus_group_offset g WHERE g.topic = m.topic AND g.partition = m.partition)
            ORDER BY m.appended_at LIMIT ?)`,
      )
      .run(cutoff.toISOString(), limit);
    return result.changes;
  }

  /** Messages stored on a topic (tests and diagnostics). */
  count(topic: string): number {
    return this.db.prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM bus_message WHERE topic = ?').get(topic)!.n;
  }

  private async partitionLoop(
    options: SubscribeOptions,
    topic: string,
    partition: number,
    handler: MessageHandler,
    isStopped: () => boolean,
  ): Promise<void> {
    const committed = this.db.prepare<[string, string, number], { next_offset: number }>(
      'SELECT next_offset FROM bus_group_offset WHERE group_id = ? AND topic = ? AND partition = ?',
    );
    const fetch = this.db.prepare<[string, number, number], StoredRow>(
      'SELECT * FROM bus_message WHERE topic = ? AND partition = ? AND offset >= ? ORDER BY offset LIMIT 1',
    );
    const commit = this.db.prepare(
      `INSERT INTO bus_group_offset (group_id, topic, partition, next_offset) VALUES (?, ?, ?, ?)
       ON CONFLICT (group_id, topic, partition) DO UPDATE SET next_offset = excluded.next_offset`,
    );
    let position = committed.get(options.groupId, topic, partition)?.next_offset;
    if (position === undefined) {
      position =
        options.fromBeginning === false
          ? this.db
              .prepare<[string, number], { next: number }>(
                'SELECT COALESCE(MAX(offset), -1) + 1 AS next FROM bus_message WHERE topic = ? AND partition = ?',
              )
              .get(topic, partition)!.next
          : 0;
    }
    while (!isStopped()) {
      const row = fetch.get(topic, partition, position);
      if (!row) {
        await this.waitForPublish(1000);
        continue;
      }
      try {
        await deliverUntilAcknowledged(
          handler,
          {
            topic,
            partition,
            offset: String(row.offset),
            key: row.key,
            value: row.value,
            headers: JSON.parse(row.headers) as Record<string, string>,
          },
          { isStopped, heartbeat: async () => undefined, backoff: options.retryBackoffMs },
        );
      } catch {
        return; // stopped before acknowledgement: the message stays uncommitted
      }
      position = row.offset + 1;
      if (!this.closed) commit.run(options.groupId, topic, partition, position);
    }
  }

  private partitionFor(topic: string, key: string, partitions: number): number {
    const args: PartitionerArgs = {
      topic,
      partitionMetadata: Array.from({ length: partitions }, (_, i) => ({ partitionErrorCode: 0, partitionId: i, leader: 0, replicas: [0], isr: [0] })),
      message: { key, value: null },
    };
    return this.partitioner(args);
  }

  private waitForPublish(timeoutMs: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      this.waiters.add(done);
    });
  }

  private wakeAll(): void {
    for (const w of [...this.waiters]) w();
  }
}
