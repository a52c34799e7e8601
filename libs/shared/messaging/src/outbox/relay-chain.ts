import { IsNull, Not, type EntityManager } from 'typeorm';
import { appendToChain, type ChainHead, type CloudEvent } from '../envelope/cloud-event';
import { OutboxMessageOrmEntity } from './outbox-message.orm-entity';
import { CHAIN_FIELDS_BYTES, estimatedRecordBytes } from './relay-batches';

/**
 * One chain-assignment UPDATE holds at most this many rows and this many envelope bytes: under MySQL's
 * max_allowed_packet (16 MiB on MariaDB, 64 MiB on MySQL 8) and SQLite's 32,766 bound parameters (7 per row), and
 * the CASE lists stay short enough to be cheap to evaluate (and the next part is hashed while one is written).
 */
export const CHAIN_UPDATE_MAX_ROWS = 250;
export const CHAIN_UPDATE_MAX_BYTES = 4 * 1024 * 1024;

/** A row given its place in the chain: the new sequence and hash, and the envelope that now carries them. */
interface ChainedRow {
  row: OutboxMessageOrmEntity;
  id: string;
  sequence: string;
  hash: string;
  envelope: string;
}

/**
 * Gives the oldest unchained rows (up to `limit`, in id order of those committed) the next sequence numbers,
 * prevhash and hash, in the caller's transaction, so a resend after a crash carries the same chain fields. An event
 * over `maxBatchBytes` even before its chain fields is handed to `setAside` unchained (it never takes a place).
 * The chain is computed in memory and stored with a few multi-row UPDATEs (not one statement per row).
 * Returns the chained rows in sequence order, as stored (valid once the transaction commits).
 */
export async function chainPending(
  manager: EntityManager,
  limit: number,
  maxBatchBytes: number,
  setAside: (row: OutboxMessageOrmEntity, reason: string) => Promise<void>,
): Promise<OutboxMessageOrmEntity[]> {
  const repo = manager.getRepository(OutboxMessageOrmEntity);
  // Unchained rows are unpublished ones: read through ix_outbox_unpublished (published_at, id), already in id order,
  // stepping over the few chained rows still in flight. With `sequence IS NULL` as such, MySQL/MariaDB walk the
  // primary key from the first row instead, over every chained row of the table (a drain then slows down as it goes).
  const pending = await repo
    .createQueryBuilder('o')
    .where('o.published_at IS NULL')
    .andWhere('COALESCE(o.sequence, 0) = 0')
    .orderBy('o.id', 'ASC')
    .limit(limit)
    .getMany();
  if (pending.length === 0) return [];
  // The chain continues from the highest sequence, not the highest id: a transaction that took a lower id but
  // committed after a higher one is chained later, so ids and sequences do not follow the same order.
  const [last] = await repo.find({ select: { id: true, sequence: true, hash: true }, where: { sequence: Not(IsNull()) }, order: { sequence: 'DESC' }, take: 1 });
  let head: ChainHead | undefined = last?.sequence && last.hash ? { sequence: last.sequence, hash: last.hash } : undefined;
  // Stored in parts of a few hundred rows, each part's UPDATE running while the next part's hashes are computed.
  const chained: ChainedRow[] = [];
  let part: ChainedRow[] = [];
  let partBytes = 0;
  let writing: Promise<void> = Promise.resolve();
  const store = async () => {
    const rows = part;
    part = [];
    partBytes = 0;
    await writing;
    writing = storeChained(manager, rows);
    writing.catch(() => undefined); // awaited below; a failure must not count as unhandled meanwhile
  };
  for (const row of pending) {
    // The chain fields add ~220 bytes; an event over the limit even before them is set aside unchained.
    if (estimatedRecordBytes(row) + CHAIN_FIELDS_BYTES > maxBatchBytes) {
      await setAside(row, `TOO_LARGE: about ${estimatedRecordBytes(row) + CHAIN_FIELDS_BYTES} bytes, over the relay's limit of ${maxBatchBytes} (max.message.bytes)`);
      continue;
    }
    const event = JSON.parse(row.envelope) as CloudEvent;
    head = appendToChain(event, head);
    const next: ChainedRow = { row, id: row.id, sequence: head.sequence, hash: head.hash, envelope: JSON.stringify(event) };
    const size = Buffer.byteLength(next.envelope);
    if (part.length > 0 && (part.length >= CHAIN_UPDATE_MAX_ROWS || partBytes + size > CHAIN_UPDATE_MAX_BYTES)) await store();
    part.push(next);
    partBytes += size;
    chained.push(next);
  }
  if (part.length > 0) await store();
  await writing;
  return chained.map(({ row, sequence, hash, envelope }) => Object.assign(row, { sequence, hash, envelope }));
}

/** One UPDATE for many rows (CASE by id), in plain SQL that MySQL/MariaDB and SQLite both run. */
async function storeChained(manager: EntityManager, rows: ChainedRow[]): Promise<void> {
  const whens = `CASE id${' WHEN ? THEN ?'.repeat(rows.length)} END`;
  const ids = rows.map((r) => Number(r.id));
  const params: (string | number)[] = [];
  for (const field of ['sequence', 'hash', 'envelope'] as const) rows.forEach((r, i) => params.push(ids[i], r[field]));
  params.push(...ids);
  // The transaction's own runner, for the structured result (rows changed) on both drivers.
  const runner = manager.queryRunner;
  if (!runner) throw new Error('chain assignment runs inside a transaction');
  const result = await runner.query(
    `UPDATE outbox_message SET sequence = ${whens}, hash = ${whens}, envelope = ${whens} WHERE sequence IS NULL AND id IN (${ids.map(() => '?').join(', ')})`,
    params,
    true,
  );
  // Another instance that chained these rows first would make this a fork: roll back instead (the round retries).
  if (result.affected !== undefined && result.affected !== rows.length) {
    throw new Error(`chain assignment updated ${result.affected} of ${rows.length} outbox rows: another relay chained them first`);
  }
}
