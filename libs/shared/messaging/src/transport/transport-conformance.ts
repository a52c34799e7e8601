/**
 * Test support (not a spec): the transport contract of transport.port.ts as one jest suite, run against
 * every adapter (in-process.transport.spec.ts, kafka.transport.int-spec.ts). Not exported from index.ts.
 */
import { uniqueName, waitFor } from '@sop/testing';
import type { EventTransport, IncomingMessage, Subscription } from './transport.port';

const FAST_RETRY = { initial: 50, max: 200 };

interface Received {
  key: string | null;
  value: string;
  partition: number;
  offset: string;
  attempt: number;
}

const text = (m: IncomingMessage) => m.value?.toString('utf8') ?? '';

export function describeTransportConformance(name: string, makeTransport: () => Promise<EventTransport>): void {
  describe(`transport conformance: ${name}`, () => {
    // Kafka needs seconds per group join; the in-process bus finishes in milliseconds.
    jest.setTimeout(120_000);

    let transport: EventTransport;
    let subscriptions: Subscription[];

    beforeEach(async () => {
      transport = await makeTransport();
      subscriptions = [];
    });

    afterEach(async () => {
      for (const s of subscriptions) await s.stop();
      await transport.close();
    });

    /** Subscribes one group and records every delivery (including redeliveries) in order. */
    async function record(
      groupId: string,
      topics: string[],
      decide: (m: IncomingMessage, attempt: number) => Promise<void> | void = () => undefined,
    ): Promise<{ log: Received[]; subscription: Subscription }> {
      const log: Received[] = [];
      const subscription = await transport.subscribe({ groupId, topics, retryBackoffMs: FAST_RETRY }, async (m, ctx) => {
        log.push({ key: m.key, value: text(m), partition: m.partition, offset: m.offset, attempt: ctx.attempt });
        await decide(m, ctx.attempt);
      });
      subscriptions.push(subscription);
      return { log, subscription };
    }

    async function stop(subscription: Subscription): Promise<void> {
      subscriptions = subscriptions.filter((s) => s !== subscription);
      await subscription.stop();
    }

    it('rejects a publish to a topic that was not provisioned', async () => {
      const provisioned = uniqueName('conf-known');
      await transport.ensureTopics([{ topic: provisioned, partitions: 1 }]);
      await expect(transport.publish([{ topic: uniqueName('conf-unknown'), key: 'k', value: 'v' }])).rejects.toThrow();
      // The provisioned topic still works afterwards.
      await transport.publish([{ topic: provisioned, key: 'k', value: 'v' }]);
    });

    it('puts one key on one partition and delivers each key in publish order', async () => {
      const topic = uniqueName('conf-order');
      await transport.ensureTopics([{ topic, partitions: 3 }]);
      const keys = ['alpha', 'bravo', 'charlie', 'delta', 'echo'];
      const perKey = 20;

      // Count handlers running at once per partition: the contract allows at most one.
      const inFlight = new Map<number, number>();
      let maxInFlight = 0;
      const { log } = await record(uniqueName('conf-order-g'), [topic], async (m) => {
        const n = (inFlight.get(m.partition) ?? 0) + 1;
        inFlight.set(m.partition, n);
        maxInFlight = Math.max(maxInFlight, n);
        await new Promise((r) => setTimeout(r, 2));
        inFlight.set(m.partition, n - 1);
      });

      // Several publish calls, each interleaving all keys.
      for (let i = 0; i < perKey; i += 4) {
        const batch = [];
        for (let j = i; j < i + 4; j++) for (const key of keys) batch.push({ topic, key, value: `${key}:${j}` });
        await transport.publish(batch);
      }

      await waitFor(() => log.length >= keys.length * perKey, 60_000, `${keys.length * perKey} deliveries`);
      expect(log).toHaveLength(keys.length * perKey);
      expect(maxInFlight).toBe(1);
      // These five keys spread over all three partitions (murmur2), so ordering is checked across partitions.
      expect(new Set(log.map((r) => r.partition)).size).toBe(3);
      for (const key of keys) {
        const mine = log.filter((r) => r.key === key);
        expect(new Set(mine.map((r) => r.partition)).size).toBe(1);
        expect(mine.map((r) => r.value)).toEqual(Array.from({ length: perKey }, (_, j) => `${key}:${j}`));
      }
    });

    it('redelivers a rejected message in place and holds the rest of its partition until it is acknowledged', async () => {
      const topic = uniqueName('conf-retry');
      await transport.ensureTopics([{ topic, partitions: 1 }]);
      await transport.publish(['m0', 'm1', 'm2'].map((value) => ({ topic, key: 'same', value })));

      const { log } = await record(uniqueName('conf-retry-g'), [topic], (m, attempt) => {
        if (text(m) === 'm0' && attempt < 3) throw new Error(`refusing m0 on attempt ${attempt}`);
      });

      await waitFor(() => log.length >= 5, 60_000, 'm0 three times, then m1 and m2');
      expect(log.map((r) => `${r.value}#${r.attempt}`)).toEqual(['m0#1', 'm0#2', 'm0#3', 'm1#1', 'm2#1']);
      expect(new Set(log.slice(0, 3).map((r) => r.offset)).size).toBe(1); // the same message each time
    });

    it('resumes a group after its last acknowledged message when it subscribes again', async () => {
      const topic = uniqueName('conf-resume');
      const group = uniqueName('conf-resume-g');
      await transport.ensureTopics([{ topic, partitions: 1 }]);
      const values = Array.from({ length: 10 }, (_, i) => `m${i}`);
      await transport.publish(values.map((value) => ({ topic, key: 'k', value })));

      // First consumer acknowledges m0..m4 and keeps refusing m5.
      const first = await record(group, [topic], (m) => {
        if (text(m) === 'm5') throw new Error('not now');
      });
      await waitFor(() => first.log.some((r) => r.value === 'm5' && r.attempt >= 2), 60_000, 'm5 refused twice');
      await stop(first.subscription);
      expect(first.log.filter((r) => r.attempt === 1).map((r) => r.value)).toEqual(['m0', 'm1', 'm2', 'm3', 'm4', 'm5']);

      // Same group again: starts at m5 (no loss), not at m0 (no restart from the beginning).
      const second = await record(group, [topic]);
      await waitFor(() => second.log.length >= 5, 60_000, 'm5..m9');
      // Give a wrongly rewound consumer time to show extra deliveries.
      await new Promise((r) => setTimeout(r, 500));
      expect(second.log.map((r) => r.value)).toEqual(['m5', 'm6', 'm7', 'm8', 'm9']);
    });

    it('delivers every message to each of two groups', async () => {
      const topic = uniqueName('conf-groups');
      await transport.ensureTopics([{ topic, partitions: 2 }]);
      const values = Array.from({ length: 12 }, (_, i) => `m${i}`);

      const a = await record(uniqueName('conf-groups-a'), [topic]);
      await transport.publish(values.map((value, i) => ({ topic, key: `k${i % 4}`, value })));
      const b = await record(uniqueName('conf-groups-b'), [topic]);

      await waitFor(() => a.log.length >= values.length && b.log.length >= values.length, 60_000, 'both groups complete');
      expect(a.log.map((r) => r.value).sort()).toEqual([...values].sort());
      expect(b.log.map((r) => r.value).sort()).toEqual([...values].sort());
    });

    it('reports a group’s lag per partition: all of it before the group reads, none once it acknowledged', async () => {
      const topic = uniqueName('conf-lag');
      await transport.ensureTopics([{ topic, partitions: 2 }]);
      await transport.publish(['a', 'b', 'c', 'd', 'e'].map((value, i) => ({ topic, key: `k${i}`, value })));
      const groupId = uniqueName('conf-lag-group');

      const before = await transport.consumerLag(groupId, [topic]);
      expect(before.map((p) => p.partition).sort()).toEqual([0, 1]);
      expect(before.reduce((sum, p) => sum + p.lag, 0)).toBe(5);

      const reader = await record(groupId, [topic]);
      await waitFor(() => reader.log.length >= 5, 60_000, 'all read');
      // Kafka commits acknowledged offsets asynchronously (auto-commit): poll until the committed position shows.
      await waitFor(async () => (await transport.consumerLag(groupId, [topic])).every((p) => p.lag === 0), 60_000, 'lag 0');
    });
  });
}
