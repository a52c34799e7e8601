import { EventChain, type CloudEvent } from '../envelope/cloud-event';
import { generateCheckpointKey, signCheckpoint, type CheckpointKey, type PublishedKey } from './checkpoint-signing';
import { verifyStream, type ReadEvent } from './stream-verify';

const SOURCE = 'evaluation';
const key = generateCheckpointKey();
const published = (k: CheckpointKey, validFrom = '2026-01-01T00:00:00.000Z'): PublishedKey => ({ kid: k.kid, algorithm: 'Ed25519', publicKeyPem: k.publicKeyPem, validFrom, validUntil: null });

function envelope(i: number, type = 'evaluation.grade.awarded', data: unknown = { n: i, note: `grade ${i}` }): CloudEvent {
  return {
    specversion: '1.0',
    id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    source: SOURCE,
    type,
    time: new Date(Date.UTC(2026, 10, 25, 0, 0, i)).toISOString(),
    subject: `s${i % 3}`,
    datacontenttype: 'application/json',
    dataschema: 'urn:x',
    data,
  };
}

/** `n` business events with a signed checkpoint after every 5th (as the relay chains them), in one file order. */
function stream(n: number, signer: CheckpointKey = key, base = 0, every = 6): CloudEvent[] {
  const chain = new EventChain();
  const out: CloudEvent[] = [];
  let i = base;
  for (let business = 0; business < n; business++) {
    const e = chain.next(envelope(++i));
    out.push(e);
    if (Number(e.sequence) % every === every - 1) {
      const cp = signCheckpoint(signer, { producer: SOURCE, sequence: e.sequence!, hash: e.hash!, signedAt: e.time });
      out.push(chain.next(envelope(++i, 'evaluation.audit.checkpoint', cp)));
    }
  }
  return out;
}

/** Re-chains events from index `from` on, as someone rewriting the history end to end would. */
function rechain(events: CloudEvent[], from: number): CloudEvent[] {
  const chain = new EventChain({ sequence: events[from - 1].sequence!, hash: events[from - 1].hash! });
  return [...events.slice(0, from), ...events.slice(from).map((e) => chain.next({ ...e, sequence: undefined, prevhash: undefined, hash: undefined }))];
}

const asRead = (events: CloudEvent[], from = 0): ReadEvent[] => events.map((event, i) => ({ event, stream: 'file', where: `line ${i + 1}`, offset: String(from + i) }));
const verify = (events: CloudEvent[], keys: PublishedKey[] | null = [published(key)]) => verifyStream(asRead(events), { source: SOURCE, keys: keys ?? undefined });
const seq = (events: CloudEvent[], s: number) => events.findIndex((e) => e.sequence === String(s));

describe('stream verification (audit:verify)', () => {
  it('passes an untouched stream, with re-sends, other producers and a read starting mid-chain', () => {
    const events = stream(20);
    const report = verify([...events, events[3], envelope(99, 'credit.list.entered')].map((e) => (e.id.endsWith('99') ? { ...e, source: 'credit-supervision' } : e)));
    expect(report).toMatchObject({ ok: true, duplicatesOnWire: 1, findings: [] });
    expect(report.checkpoints).toMatchObject({ verified: 4, failed: 0, lastVerifiedSequence: '23', keys: 'given' });
    // Read from offset 7: the chain enters at sequence 8. The same events as a whole history (offset 0) miss 1 to 7.
    expect(verifyStream(asRead(events.slice(7), 7), { source: SOURCE, keys: [published(key)] })).toMatchObject({ ok: true, chains: [{ firstSequence: '8', fromGenesis: false }] });
    expect(verify(events.slice(7)).findings).toEqual([expect.objectContaining({ kind: 'GAP', sequence: '1', detail: expect.stringMatching(/^sequence 1 to 7 missing/) })]);
    // Three partitions: a and c hold only events after 10 (read from their start), b held 1 to 10 and was read from
    // past its end: its record just before the range (context) says the sequences up to 10 lie before it there.
    const on = (stream: string, parity: number) => events.filter((e) => Number(e.sequence) > 10 && Number(e.sequence) % 2 === parity).map((event, i) => ({ event, stream, where: `${stream}@${i}`, offset: String(i) }));
    const beforeB = { event: events[seq(events, 10)], stream: 'b', where: 'b@9', offset: '9', context: true };
    expect(verifyStream([beforeB, ...on('a', 0), ...on('c', 1)], { source: SOURCE, keys: [published(key)] }).findings).toEqual([]);
    expect(verifyStream([...on('a', 0), ...on('c', 1)], { source: SOURCE, keys: [published(key)] }).findings).toEqual([expect.objectContaining({ kind: 'GAP', sequence: '1' })]);
  });

  it('finds a flipped byte at the altered event', () => {
    const events = stream(20);
    const i = seq(events, 8);
    const json = JSON.stringify(events[i]).replace('"grade ', '"grAde ');
    events[i] = JSON.parse(json) as CloudEvent;
    const report = verify(events);
    expect(report).toMatchObject({ ok: false, firstFailingSequence: '8' });
    expect(report.findings[0]).toMatchObject({ kind: 'ALTERED', sequence: '8', where: `line ${i + 1}` });
  });

  it('finds a dropped event at its sequence', () => {
    const events = stream(20);
    events.splice(seq(events, 10), 1);
    const report = verify(events);
    expect(report).toMatchObject({ ok: false, firstFailingSequence: '10' });
    expect(report.findings).toEqual([expect.objectContaining({ kind: 'GAP', sequence: '10' })]);
  });

  it('finds two swapped events at the first of them', () => {
    const events = stream(20);
    const [a, b] = [seq(events, 13), seq(events, 14)];
    [events[a], events[b]] = [events[b], events[a]];
    const report = verify(events);
    expect(report).toMatchObject({ ok: false, firstFailingSequence: '13' });
    expect(report.findings).toEqual([expect.objectContaining({ kind: 'REORDERED', sequence: '13' })]);
  });

  it('finds a forged checkpoint (signed by another key) at its sequence, even re-chained', () => {
    const events = stream(20);
    const i = seq(events, 12);
    expect(events[i].type).toBe('evaluation.audit.checkpoint');
    const forger = { ...generateCheckpointKey(), kid: key.kid };
    const cp = events[i].data as { sequence: string; hash: string; signedAt: string };
    events[i] = { ...events[i], data: signCheckpoint(forger, { producer: SOURCE, sequence: cp.sequence, hash: cp.hash, signedAt: cp.signedAt }) };
    const report = verify(rechain(events, i));
    expect(report).toMatchObject({ ok: false, firstFailingSequence: '12' });
    expect(report.findings[0]).toMatchObject({ kind: 'BAD_SIGNATURE', sequence: '12' });
    // Re-chaining from the forged checkpoint on also breaks what the later (genuine) checkpoints signed.
    expect(report.findings.slice(1).map((f) => f.kind)).toEqual(['CHECKPOINT_MISMATCH', 'CHECKPOINT_MISMATCH']);
  });

  it('finds a history rewritten end to end (re-hashed) at the event a signed checkpoint no longer matches', () => {
    const events = stream(20);
    const i = seq(events, 9);
    events[i] = { ...events[i], data: { n: 9, note: 'rewritten' } };
    const report = verify(rechain(events, i));
    expect(report.firstFailingSequence).toBe('11');
    expect(report.findings[0]).toMatchObject({ kind: 'CHECKPOINT_MISMATCH', sequence: '11' });
    expect(report.findings.every((f) => f.kind === 'CHECKPOINT_MISMATCH')).toBe(true);
  });

  it('finds unchained events, missing signatures, keys outside their validity and unknown keys', () => {
    const events = stream(10);
    const unchained = { ...envelope(50) };
    const i = seq(events, 12);
    expect(i).toBe(events.length - 1);
    const { signature: _s, ...unsigned } = events[i].data as Record<string, unknown>;
    const withoutSignature = rechain([...events.slice(0, i), { ...events[i], data: unsigned }, ...events.slice(i + 1)], i);
    expect(verify([...withoutSignature, unchained]).findings.map((f) => [f.kind, f.sequence])).toEqual([
      ['UNCHAINED', undefined],
      ['MISSING_SIGNATURE', '12'],
    ]);
    expect(verify(events, [published(key, '2027-01-01T00:00:00.000Z')]).findings[0]).toMatchObject({ kind: 'BAD_SIGNATURE', sequence: '6' });
    expect(verify(events, [published(generateCheckpointKey())]).findings[0]).toMatchObject({ kind: 'UNKNOWN_KEY', sequence: '6' });
  });

  it('accepts a restart from genesis on the same partition as its own history', () => {
    const report = verify([...stream(5), ...stream(3, key, 100)]);
    expect(report).toMatchObject({ ok: true });
    expect(report.chains.map((c) => c.fromGenesis)).toEqual([true, true]);
  });

  it('verifies a long stream (100,000 events, a checkpoint every 1,000) and reports its throughput', () => {
    const events = stream(100_000, key, 0, 1000);
    const started = process.hrtime.bigint();
    const report = verify(events);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    expect(report).toMatchObject({ ok: true, checkpoints: { failed: 0 } });
    // eslint-disable-next-line no-console
    console.log(`verifyStream: ${events.length} events in ${seconds.toFixed(2)} s = ${Math.round(events.length / seconds)} events/s`);
  });
});
