import fc from 'fast-check';
import { buildCloudEvent, canonicalJson, chainHash, GENESIS_HASH, verifyChain, type CloudEvent } from './cloud-event';

/** Rebuilds a JSON value with the keys of every object in a different order (chosen by `seed`). */
function reorderKeys(value: unknown, seed: number): unknown {
  if (Array.isArray(value)) return value.map((v) => reorderKeys(v, seed));
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value as Record<string, unknown>);
  // Deterministic shuffle (Fisher-Yates driven by a small LCG), so a failure can be replayed.
  let state = seed >>> 0;
  for (let i = entries.length - 1; i > 0; i--) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    const j = state % (i + 1);
    [entries[i], entries[j]] = [entries[j], entries[i]];
  }
  // Object.fromEntries defines own properties, so a "__proto__" key survives as data.
  return Object.fromEntries(entries.map(([k, v]) => [k, reorderKeys(v, seed + 1)]));
}

/** Gives events consecutive sequence numbers and links them, exactly as the outbox relay does. */
function chain(events: CloudEvent[]): CloudEvent[] {
  let prevhash = GENESIS_HASH;
  return events.map((e, i) => {
    const chained: CloudEvent = { ...e, sequence: String(i + 1), prevhash };
    chained.hash = chainHash(chained);
    prevhash = chained.hash;
    return chained;
  });
}

function sampleEvents(count: number): CloudEvent[] {
  const now = new Date('2025-01-15T08:00:00.000Z');
  return Array.from({ length: count }, (_, i) =>
    buildCloudEvent(
      'registration',
      'urn:sop:event:registration.organization.registered:v1',
      { type: 'registration.organization.registered', subject: `org-${i % 2}`, data: { name: `Org ${i}`, capitalFen: 1000 * i, tags: ['a', 'b'] } },
      now,
    ),
  );
}

describe('canonicalJson', () => {
  it('does not depend on the order of object keys, at any depth', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.integer(), (value, seed) => {
        expect(canonicalJson(reorderKeys(value, seed))).toBe(canonicalJson(value));
      }),
    );
  });

  it('sorts keys and keeps array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, 1, 2], c: null } })).toBe('{"a":{"c":null,"d":[3,1,2]},"b":1}');
    expect(canonicalJson({ a: [1, 2] })).not.toBe(canonicalJson({ a: [2, 1] }));
  });

  it('leaves out undefined fields, as JSON.stringify does', () => {
    expect(canonicalJson({ a: 1, b: undefined })).toBe(canonicalJson({ a: 1 }));
  });
});

describe('chainHash / verifyChain', () => {
  it('accepts an intact chain, starting from the genesis hash', () => {
    const events = chain(sampleEvents(5));
    expect(events[0].prevhash).toBe(GENESIS_HASH);
    expect(verifyChain(events)).toEqual({ ok: true });
  });

  it('gives the same hash whatever the key order of the event', () => {
    const [event] = chain(sampleEvents(1));
    expect(chainHash(reorderKeys(event, 7) as CloudEvent)).toBe(event.hash);
  });

  it('detects a changed data field', () => {
    const events = chain(sampleEvents(5));
    events[2] = { ...events[2], data: { ...(events[2].data as object), capitalFen: 1 } };
    expect(verifyChain(events)).toMatchObject({ ok: false, at: 2, reason: expect.stringContaining('hash does not match') });
  });

  it('detects a changed envelope field', () => {
    const events = chain(sampleEvents(5));
    events[3] = { ...events[3], subject: 'someone-else' };
    expect(verifyChain(events)).toMatchObject({ ok: false, at: 3 });
  });

  it('detects a changed event even when its own hash was recomputed: the next link breaks', () => {
    const events = chain(sampleEvents(5));
    const forged: CloudEvent = { ...events[1], data: { name: 'forged' } };
    forged.hash = chainHash(forged);
    events[1] = forged;
    expect(verifyChain(events)).toMatchObject({ ok: false, at: 2, reason: expect.stringContaining('prevhash') });
  });

  it('detects a dropped event', () => {
    const events = chain(sampleEvents(5));
    events.splice(2, 1);
    expect(verifyChain(events)).toMatchObject({ ok: false, at: 2 });
  });

  it('detects a sequence gap even when the remaining events were re-linked', () => {
    const kept = chain(sampleEvents(5)).filter((_, i) => i !== 2);
    // Re-link the hashes after the gap but keep the original sequence numbers.
    let prevhash = GENESIS_HASH;
    const relinked = kept.map((e) => {
      const copy: CloudEvent = { ...e, prevhash };
      copy.hash = chainHash(copy);
      prevhash = copy.hash;
      return copy;
    });
    expect(verifyChain(relinked)).toMatchObject({ ok: false, at: 2, reason: expect.stringContaining('sequence gap') });
  });

  it('detects a reordering', () => {
    const events = chain(sampleEvents(5));
    [events[1], events[2]] = [events[2], events[1]];
    expect(verifyChain(events)).toMatchObject({ ok: false, at: 1 });
  });
});
