import { GENESIS_HASH, chainHash, type CloudEvent } from '../envelope/cloud-event';
import { auditChain } from './chain-audit';

function chain(n: number, source = 'registration'): CloudEvent[] {
  const out: CloudEvent[] = [];
  let prev = GENESIS_HASH;
  for (let i = 1; i <= n; i++) {
    const e: CloudEvent = {
      specversion: '1.0',
      id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      source,
      type: 'registration.organization.registered',
      time: '2026-11-25T00:00:00.000Z',
      subject: `s${i % 3}`,
      datacontenttype: 'application/json',
      dataschema: 'urn:x',
      data: { n: i },
      sequence: String(i),
      prevhash: prev,
    };
    e.hash = chainHash(e);
    prev = e.hash;
    out.push(e);
  }
  return out;
}

describe('chain audit', () => {
  it('accepts an intact history in any read order, counting identical re-sends once', () => {
    const events = chain(20);
    const shuffled = [...events].reverse();
    const report = auditChain('registration', [...shuffled, events[4]]);
    expect(report).toMatchObject({ ok: true, duplicatesOnWire: 1, unchained: 0 });
    expect(report.segments).toEqual([{ firstSequence: '1', lastSequence: '20', events: 20, ok: true }]);
  });

  it('detects a dropped event', () => {
    const events = chain(10);
    events.splice(5, 1);
    const report = auditChain('registration', events);
    expect(report.ok).toBe(false);
    expect(report.segments.at(-1)?.problem).toMatch(/missing or was altered/);
  });

  it('detects an altered event', () => {
    const events = chain(10);
    events[3] = { ...events[3], data: { n: 999 } };
    expect(auditChain('registration', events).segments[0].problem).toMatch(/does not match its hash/);
  });

  it('fails on events without chain fields (not published by the relay), and ignores other sources', () => {
    const forged = { ...chain(1)[0], id: 'f', sequence: undefined, hash: undefined, prevhash: undefined };
    const report = auditChain('registration', [...chain(3), forged, ...chain(2, 'credit-supervision')]);
    expect(report).toMatchObject({ ok: false, unchained: 1 });
    expect(report.segments).toEqual([expect.objectContaining({ ok: true, events: 3 })]);
    expect(auditChain('registration', [...chain(3), ...chain(2, 'credit-supervision')])).toMatchObject({ ok: true, unchained: 0 });
  });

  it('reports each restart from genesis as its own segment', () => {
    const a = chain(3);
    // A second history from a fresh database: same sequence numbers, other content, its own links.
    const b = chain(2).map((e) => ({ ...e, data: { other: true } }));
    let prev = GENESIS_HASH;
    for (const e of b) {
      e.prevhash = prev;
      e.hash = chainHash({ ...e, hash: undefined });
      prev = e.hash;
    }
    const report = auditChain('registration', [...a, ...b]);
    expect(report.ok).toBe(true);
    expect(report.segments.map((s) => s.events).sort()).toEqual([2, 3]);
  });
});
