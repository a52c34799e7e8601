import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { waitFor } from '@sop/testing';
import { InProcessTransport } from './in-process.transport';
import { describeTransportConformance } from './transport-conformance';

describeTransportConformance('in-process (SQLite :memory:)', async () => new InProcessTransport(':memory:'));

describe('InProcessTransport backed by a file', () => {
  let dir: string;
  const open: InProcessTransport[] = [];

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'sop-bus-'));
  });

  afterEach(async () => {
    for (const t of open.splice(0)) await t.close().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  });

  function openBus(): InProcessTransport {
    const bus = new InProcessTransport(join(dir, 'nested', 'bus.sqlite'));
    open.push(bus);
    return bus;
  }

  it('keeps topics, messages and group positions across close and reopen', async () => {
    const first = openBus();
    await first.ensureTopics([{ topic: 'orders', partitions: 1 }]);
    await first.publish(['m0', 'm1', 'm2', 'm3', 'm4'].map((value) => ({ topic: 'orders', key: 'k', value })));
    const seenBefore: string[] = [];
    const sub = await first.subscribe({ groupId: 'billing', topics: ['orders'], retryBackoffMs: { initial: 50, max: 200 } }, async (m) => {
      const value = String(m.value);
      seenBefore.push(value);
      if (value === 'm3') throw new Error('not yet');
    });
    await waitFor(() => seenBefore.filter((v) => v === 'm3').length >= 2, 4_000, 'm3 refused twice');
    await sub.stop();
    await first.close();

    const second = openBus();
    expect(second.count('orders')).toBe(5);
    const resumed: string[] = [];
    const again = await second.subscribe({ groupId: 'billing', topics: ['orders'] }, async (m) => {
      resumed.push(String(m.value));
    });
    const fresh: string[] = [];
    const other = await second.subscribe({ groupId: 'audit', topics: ['orders'] }, async (m) => {
      fresh.push(String(m.value));
    });
    await waitFor(() => resumed.length >= 2 && fresh.length >= 5, 4_000, 'both groups caught up');
    await again.stop();
    await other.stop();

    expect(resumed).toEqual(['m3', 'm4']); // continues after m2, the last acknowledged message
    expect(fresh).toEqual(['m0', 'm1', 'm2', 'm3', 'm4']); // a new group starts at the beginning
  });
});
