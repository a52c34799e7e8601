import type { OutboxMessageOrmEntity } from './outbox-message.orm-entity';

/** What the chain fields (sequence, prevhash, hash and their names) add to an envelope, rounded up. */
export const CHAIN_FIELDS_BYTES = 256;

/** A record's size on the wire, estimated: value, key, the three headers and Kafka's per-record overhead. */
export function estimatedRecordBytes(row: OutboxMessageOrmEntity): number {
  return Buffer.byteLength(row.envelope) + Buffer.byteLength(row.messageKey) + Buffer.byteLength(row.eventType) + 36 + 64 + 96;
}

/** Consecutive rows cut into batches of at most `maxBatchBytes` (estimated); a single larger row is a batch of its own. */
export function cutBySize(rows: OutboxMessageOrmEntity[], maxBatchBytes: number): OutboxMessageOrmEntity[][] {
  const batches: OutboxMessageOrmEntity[][] = [];
  let current: OutboxMessageOrmEntity[] = [];
  let bytes = 0;
  for (const row of rows) {
    const size = estimatedRecordBytes(row);
    if (current.length > 0 && bytes + size > maxBatchBytes) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
    current.push(row);
    bytes += size;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

/** The promise itself, with its rejection marked as handled: it is awaited later, maybe after it failed. */
export function handled<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}
