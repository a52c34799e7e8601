import { createReadStream, createWriteStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { CloudEvent } from '../envelope/cloud-event';
import type { IncomingMessage } from '../transport/transport.port';
import type { PublishedKey } from './checkpoint-signing';
import type { ReadEvent } from './stream-verify';

/**
 * What audit:verify reads: the broker's records, or a JSON Lines export (one record a line: `{"topic", "partition",
 * "offset", "event"}` as --export writes them, or a bare CloudEvent; bare lines form one stream in file order).
 */
export interface ReadResult {
  events: ReadEvent[];
  undecodable: string[];
}

/** `isContext`: the records read just before the range (verify-command reads one more record per partition read in part). */
export function fromMessages(messages: IncomingMessage[], isContext: (m: IncomingMessage) => boolean = () => false): ReadResult {
  const result: ReadResult = { events: [], undecodable: [] };
  for (const m of messages) {
    const where = `${m.topic}/${m.partition}@${m.offset}`;
    try {
      const context = isContext(m);
      result.events.push({ event: JSON.parse(m.value?.toString('utf8') ?? '') as CloudEvent, stream: `${m.topic}/${m.partition}`, where, offset: m.offset, ...(context ? { context } : {}) });
    } catch {
      result.undecodable.push(where);
    }
  }
  return result;
}

/** Reads a JSON Lines export, calling `progress` with the count every `every` lines. */
export async function readJsonLines(path: string, progress?: (count: number) => void, every = 10_000): Promise<ReadResult> {
  const result: ReadResult = { events: [], undecodable: [] };
  const lines = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity });
  let n = 0;
  for await (const line of lines) {
    n++;
    if (n % every === 0) progress?.(n);
    if (!line.trim()) continue;
    try {
      const record = JSON.parse(line) as { topic?: string; partition?: number; offset?: string; event?: CloudEvent; specversion?: string; context?: boolean };
      if (record.event && typeof record.event === 'object') {
        const stream = record.topic !== undefined ? `${record.topic}/${record.partition ?? 0}` : 'file';
        result.events.push({ event: record.event, stream, where: `line ${n}${record.topic !== undefined ? ` (${stream}@${record.offset})` : ''}`, ...(record.offset !== undefined ? { offset: String(record.offset) } : {}), ...(record.context ? { context: true } : {}) });
      } else if (record.specversion) {
        result.events.push({ event: record as unknown as CloudEvent, stream: 'file', where: `line ${n}` });
      } else result.undecodable.push(`line ${n}`);
    } catch {
      result.undecodable.push(`line ${n}`);
    }
  }
  return result;
}

/** Writes records as JSON Lines in the form readJsonLines reads (the auditor's export of what was read). */
export async function writeJsonLines(path: string, messages: IncomingMessage[], isContext: (m: IncomingMessage) => boolean = () => false): Promise<void> {
  const out = createWriteStream(path, 'utf8');
  for (const m of messages) {
    let event: unknown;
    try {
      event = JSON.parse(m.value?.toString('utf8') ?? '');
    } catch {
      event = m.value?.toString('utf8');
    }
    if (!out.write(`${JSON.stringify({ topic: m.topic, partition: m.partition, offset: m.offset, key: m.key, event, ...(isContext(m) ? { context: true } : {}) })}\n`)) await new Promise<void>((r) => out.once('drain', () => r()));
  }
  await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
}

/** The producer's keys from GET /<service>/audit/keys (a URL) or a file holding that document (or its `keys` array). */
export async function loadKeys(source: string, fetchJson: (url: string) => Promise<unknown> = defaultFetchJson): Promise<PublishedKey[]> {
  const doc = /^https?:\/\//.test(source) ? await fetchJson(source) : JSON.parse(await readFile(source, 'utf8'));
  const keys = Array.isArray(doc) ? doc : (doc as { keys?: unknown }).keys;
  if (!Array.isArray(keys)) throw new Error(`${source}: no "keys" list`);
  return keys as PublishedKey[];
}

async function defaultFetchJson(url: string): Promise<unknown> {
  const res = await fetch(url, { headers: { accept: 'application/json' } });
  if (!res.ok) throw new Error(`GET ${url}: HTTP ${res.status}`);
  return res.json();
}

/** `--from-offset N` (every partition) or `topic:partition=N,...` (the named ones; the others from their start). */
export function parseFromOffset(value: string | undefined): ((topic: string, partition: number) => bigint | undefined) | undefined {
  if (value === undefined) return undefined;
  if (/^\d+$/.test(value)) return () => BigInt(value);
  const map = new Map<string, bigint>();
  for (const part of value.split(',')) {
    const m = /^(.+):(\d+)=(\d+)$/.exec(part.trim());
    if (!m) throw new Error(`--from-offset: "${part}" is neither a number nor topic:partition=offset`);
    map.set(`${m[1]}:${m[2]}`, BigInt(m[3]));
  }
  return (topic, partition) => map.get(`${topic}:${partition}`);
}
