import { IsIn, IsInt, IsISO8601, IsNotEmpty, IsOptional, IsString, Min } from 'class-validator';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dropDatabase } from '@sop/persistence';
import { testKafkaBrokers, testMysqlConfig, uniqueName, waitFor } from '@sop/testing';
import { SystemClock } from '@sop/util';
import { EventCatalog, type EventContract } from '../contract/event-contract';
import { EventChain, type CloudEvent } from '../envelope/cloud-event';
import { ServiceRuntime } from '../service-runtime';
import { KafkaTransport } from '../transport/kafka.transport';
import { generateCheckpointKey, signCheckpoint } from './checkpoint-signing';
import { runAuditVerify } from './verify-command';
import type { VerifyReport } from './stream-verify';

// A small service of its own (fresh topics): the relay, the checkpointer and audit:verify exactly as a service runs them.
class WidgetResizedV1 {
  @IsString() @IsNotEmpty() widgetId: string;
  @IsInt() @Min(0) size: number;
  @IsString() note: string;
}
class CheckpointV1 {
  @IsString() producer: string;
  @IsString() sequence: string;
  @IsString() hash: string;
  @IsString() kid: string;
  @IsIn(['Ed25519']) algorithm: string;
  @IsISO8601() signedAt: string;
  @IsString() signature: string;
}
class KeyV1 {
  @IsString() producer: string;
  @IsString() kid: string;
  @IsIn(['Ed25519']) algorithm: string;
  @IsString() publicKeyPem: string;
  @IsISO8601() validFrom: string;
  @IsOptional() @IsString() previousKid?: string;
}

const EVENTS = 1500;
jest.setTimeout(240_000);

describe('audit:verify on a service stream (MariaDB, Kafka)', () => {
  const p = uniqueName('auditv').replace(/-/g, '');
  const source = p;
  const widget: EventContract = { type: `${p}.widget.resized`, topic: `${p}.widget.v1`, source, version: 1, payload: WidgetResizedV1, description: 'test' };
  const contracts: EventContract[] = [
    widget,
    { type: `${p}.audit.checkpoint`, topic: `${p}.audit.v1`, source, version: 1, payload: CheckpointV1, description: 'test' },
    { type: `${p}.audit.key-published`, topic: `${p}.audit.v1`, source, version: 1, payload: KeyV1, description: 'test' },
  ];
  const brokers = testKafkaBrokers();
  const db = testMysqlConfig('audit_verify');
  const transport = new KafkaTransport({ brokers, clientId: `${p}-test` });
  const key = generateCheckpointKey();
  const runtimeWith = (signingKey: typeof key) =>
    new ServiceRuntime({
      serviceName: source,
      db,
      transport,
      catalog: new EventCatalog(contracts),
      entities: [],
      migrations: [],
      clock: new SystemClock(),
      createDatabase: true,
      checkpoints: { everyEvents: 100, everyMs: 3_600_000, pollMs: 100, key: signingKey },
    });
  let runtime = runtimeWith(key);
  const dir = mkdtempSync(join(tmpdir(), 'audit-verify-'));
  const keysFile = join(dir, 'keys.json');
  const exportFile = join(dir, 'export.jsonl');
  const args = ['--source', source, '--topics', `${p}.widget.v1,${p}.audit.v1`, '--brokers', brokers.join(','), '--keys', keysFile];

  async function verify(argv: string[]): Promise<{ status: number; report: VerifyReport & { eventsPerSecond: number; eventsPerSecondWithRead: number; read: number; readMs: number }; err: string[] }> {
    const out: string[] = [];
    const err: string[] = [];
    const status = await runAuditVerify([...argv, '--json'], { contracts, out: (l) => out.push(l), err: (l) => err.push(l) });
    return { status, report: out.length ? JSON.parse(out.join('\n')) : undefined, err };
  }

  beforeAll(async () => {
    await transport.ensureTopics([
      { topic: `${p}.widget.v1`, partitions: 3 },
      { topic: `${p}.audit.v1`, partitions: 1 },
      { topic: `${p}.tampered.v1`, partitions: 1 },
    ]);
    await runtime.start();
    for (let i = 0; i < EVENTS; i += 50) {
      await runtime.unitOfWork.run(async (tx) => {
        for (let j = i; j < i + 50; j++) await tx.publish(widget, { subject: `w${j % 7}`, data: { widgetId: `w${j % 7}`, size: j, note: `resize ${j}` } });
      });
    }
    await waitFor(async () => (await runtime.relay.backlog()).unpublished === 0 && (await runtime.checkpoints!.tick(true)) === undefined, 120_000, 'the outbox published and a last checkpoint over it');
    await waitFor(async () => (await runtime.relay.backlog()).unpublished === 0, 60_000, 'the last checkpoint published');
    writeFileSync(keysFile, JSON.stringify({ producer: source, keys: await runtime.checkpoints!.publishedKeys() }));
  });

  afterAll(async () => {
    await runtime.stop();
    await transport.close();
    await dropDatabase(db);
  });

  it('passes the untouched stream, every checkpoint verified, from the start or from an offset, and exports it', async () => {
    const { status, report, err } = await verify([...args, '--export', exportFile, '--progress-every', '500']);
    expect(report.findings).toEqual([]);
    expect(status).toBe(0);
    expect(report.chains).toEqual([expect.objectContaining({ firstSequence: '1', fromGenesis: true })]);
    expect(report.checkpoints.verified).toBeGreaterThanOrEqual(10);
    expect(report.checkpoints.lastVerifiedSequence).toBe(String(Number(report.chains[0].lastSequence) - 1));
    expect(err.some((l) => /records read/.test(l))).toBe(true);
    // eslint-disable-next-line no-console
    console.log(`audit:verify throughput: ${report.read} events from Kafka read in ${report.readMs} ms; verified at ${report.eventsPerSecond} events/s, ${report.eventsPerSecondWithRead} events/s with the read`);
    // From offset 100 of each widget partition (the audit topic from its start): the chain enters past the start.
    const partial = await verify([...args, '--from-offset', [0, 1, 2].map((n) => `${p}.widget.v1:${n}=100`).join(',')]);
    expect([partial.status, partial.report.findings]).toEqual([0, []]);
    expect(partial.report.chains[0].fromGenesis).toBe(false);
    // One offset for every partition, past the end of the audit topic's: the record before the range on each partition
    // tells which sequences lie before it, so none is reported missing.
    const past = await verify([...args, '--from-offset', '200']);
    expect([past.status, past.report.findings]).toEqual([0, []]);
  });

  const lines = () => readFileSync(exportFile, 'utf8').trim().split('\n');
  const eventOf = (line: string) => (JSON.parse(line) as { event: CloudEvent }).event;
  const indexOfSequence = (all: string[], s: number) => all.findIndex((l) => eventOf(l).sequence === String(s));
  async function verifyFile(all: string[]) {
    const file = join(dir, `tampered-${Math.random().toString(36).slice(2)}.jsonl`);
    writeFileSync(file, all.join('\n') + '\n');
    return verify(['--file', file, '--source', source, '--keys', keysFile]);
  }

  it('finds a flipped byte at the altered event', async () => {
    const all = lines();
    const i = indexOfSequence(all, 700);
    all[i] = all[i].replace(/"note":"resize (\d)/, '"note":"resizE $1');
    const { status, report } = await verifyFile(all);
    expect([status, report.firstFailingSequence, report.findings[0].kind]).toEqual([1, '700', 'ALTERED']);
  });

  it('finds a dropped event at its sequence, in a file and on a fresh topic', async () => {
    const all = lines();
    all.splice(indexOfSequence(all, 800), 1);
    const { status, report } = await verifyFile(all);
    expect([status, report.firstFailingSequence, report.findings.map((f) => f.kind)]).toEqual([1, '800', ['GAP']]);
    // The same tampered copy written to a fresh topic, in sequence order, and read back from the broker.
    const events = all.map(eventOf).sort((a, b) => Number(a.sequence) - Number(b.sequence));
    await transport.publish(events.map((e) => ({ topic: `${p}.tampered.v1`, key: e.subject, value: JSON.stringify(e), headers: {} })));
    const broker = await verify(['--source', source, '--topics', `${p}.tampered.v1`, '--brokers', brokers.join(','), '--keys', keysFile]);
    expect([broker.status, broker.report.firstFailingSequence, broker.report.findings.map((f) => f.kind)]).toEqual([1, '800', ['GAP']]);
  });

  it('finds two swapped events of one partition at the first of them', async () => {
    const all = lines();
    const i = indexOfSequence(all, 900);
    const at = (l: string) => JSON.parse(l) as { topic: string; partition: number };
    const j = all.findIndex((l, k) => k > i && at(l).topic === at(all[i]).topic && at(l).partition === at(all[i]).partition);
    [all[i], all[j]] = [all[j], all[i]];
    const { status, report } = await verifyFile(all);
    expect([status, report.firstFailingSequence, report.findings.map((f) => f.kind)]).toEqual([1, '900', ['REORDERED']]);
  });

  it('finds a forged checkpoint at its sequence, even with the chain recomputed after it', async () => {
    const all = lines();
    const i = all.findIndex((l) => eventOf(l).type.endsWith('.audit.checkpoint') && Number(eventOf(l).sequence) > 1000);
    const forged = eventOf(all[i]);
    const cp = forged.data as { sequence: string; hash: string; signedAt: string };
    forged.data = signCheckpoint({ ...generateCheckpointKey(), kid: key.kid }, { producer: source, sequence: cp.sequence, hash: cp.hash, signedAt: cp.signedAt });
    // Re-chain every event from the forged one on, in sequence order, as a forger rewriting the stream would.
    const bySeq = all.map((l, k) => ({ k, record: JSON.parse(l) as { event: CloudEvent } })).sort((a, b) => Number(a.record.event.sequence) - Number(b.record.event.sequence));
    const from = bySeq.findIndex((x) => x.k === i);
    bySeq[from].record.event = forged;
    const chain = new EventChain({ sequence: bySeq[from - 1].record.event.sequence!, hash: bySeq[from - 1].record.event.hash! });
    for (const x of bySeq.slice(from)) {
      x.record.event = chain.next({ ...x.record.event, sequence: undefined, prevhash: undefined, hash: undefined });
      all[x.k] = JSON.stringify(x.record);
    }
    const { status, report } = await verifyFile(all);
    expect([status, report.firstFailingSequence, report.findings[0].kind]).toEqual([1, forged.sequence, 'BAD_SIGNATURE']);
  });

  it('after a key rotation (a restart with another key) verifies both keys\' checkpoints against the published history', async () => {
    const oldKeys = readFileSync(keysFile, 'utf8');
    await runtime.stop();
    const next = generateCheckpointKey();
    runtime = runtimeWith(next);
    await runtime.start();
    await runtime.unitOfWork.run(async (tx) => {
      for (let j = 0; j < 30; j++) await tx.publish(widget, { subject: `w${j % 7}`, data: { widgetId: `w${j % 7}`, size: j, note: `after rotation ${j}` } });
    });
    await waitFor(async () => (await runtime.relay.backlog()).unpublished === 0 && (await runtime.checkpoints!.tick(true)) !== undefined, 60_000, 'a checkpoint with the new key');
    await waitFor(async () => (await runtime.relay.backlog()).unpublished === 0, 60_000, 'published');
    const history = await runtime.checkpoints!.publishedKeys();
    expect(history.map((k) => k.kid)).toEqual([key.kid, next.kid]);
    expect(history[0].validUntil).toBe(history[1].validFrom);
    expect(history[1].validUntil).toBeNull();
    writeFileSync(keysFile, JSON.stringify({ producer: source, keys: history }));
    const { status, report } = await verify(args);
    expect([status, report.findings]).toEqual([0, []]);
    // The key events on the audit topic tell the same history; with only the old key, the new checkpoints are unknown.
    const { err: _e, ...withOld } = await verify([...args.slice(0, -1), writeKeys(oldKeys)]);
    expect(withOld.status).toBe(1);
    expect(new Set(withOld.report.findings.map((f) => f.kind))).toEqual(new Set(['UNKNOWN_KEY']));
  });

  function writeKeys(text: string): string {
    const file = join(dir, 'old-keys.json');
    writeFileSync(file, text);
    return file;
  }

  it('reads and verifies a long stream from the broker (30,000 chained events with a checkpoint every 1,000), printing events/s', async () => {
    const topic = `${p}.long.v1`;
    await transport.ensureTopics([{ topic, partitions: 3 }]);
    const chain = new EventChain();
    const signer = generateCheckpointKey();
    const batch: { topic: string; key: string; value: string; headers: Record<string, string> }[] = [];
    for (let i = 1; i <= 30_000; i++) {
      const subject = `w${i % 11}`;
      const e = chain.next<unknown>({ specversion: '1.0', id: `long-${i}`, source, type: widget.type, time: new Date(1_800_000_000_000 + i).toISOString(), subject, datacontenttype: 'application/json', dataschema: 'urn:x', data: { widgetId: subject, size: i, note: `long ${i}` } });
      batch.push({ topic, key: subject, value: JSON.stringify(e), headers: {} });
      if (i % 1000 === 0) {
        const cp = signCheckpoint(signer, { producer: source, sequence: e.sequence!, hash: e.hash!, signedAt: e.time });
        const c = chain.next<unknown>({ specversion: '1.0', id: `long-cp-${i}`, source, type: `${p}.audit.checkpoint`, time: e.time, subject: source, datacontenttype: 'application/json', dataschema: 'urn:x', data: cp });
        batch.push({ topic, key: source, value: JSON.stringify(c), headers: {} });
      }
      if (batch.length >= 2000) await transport.publish(batch.splice(0));
    }
    if (batch.length) await transport.publish(batch.splice(0));
    const keys = join(dir, 'long-keys.json');
    writeFileSync(keys, JSON.stringify({ keys: [{ kid: signer.kid, algorithm: 'Ed25519', publicKeyPem: signer.publicKeyPem, validFrom: '2020-01-01T00:00:00.000Z', validUntil: null }] }));
    const { status, report } = await verify(['--source', source, '--topics', topic, '--brokers', brokers.join(','), '--keys', keys]);
    expect([status, report.findings.length, report.checkpoints.verified]).toEqual([0, 0, 30]);
    // eslint-disable-next-line no-console
    console.log(`audit:verify long stream: ${report.read} events read from Kafka in ${report.readMs} ms; verified at ${report.eventsPerSecond} events/s, ${report.eventsPerSecondWithRead} events/s with the read`);
  });

  it('exits 2 on bad usage or an unreadable input', async () => {
    expect((await verify(['--topics', 'x'])).status).toBe(2);
    expect((await verify(['--file', join(dir, 'missing.jsonl'), '--source', source])).status).toBe(2);
  });
});
