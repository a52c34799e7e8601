import { randomUUID } from 'node:crypto';
import type { EventTransport, IncomingMessage, OutgoingMessage } from '../transport/transport.port';
import { DLQ_HEADER, isReplayForAnotherGroup } from './dead-letters';
import { parseDlqArguments, runDlqCommand } from './dlq-command';

const GROUP = 'credit-supervision';
const now = new Date('2026-12-01T10:00:00.000Z');

function deadLetter(offset: number, reason: string, type: string, id = randomUUID()): IncomingMessage {
  return {
    topic: `${GROUP}.dlq`,
    partition: 0,
    offset: String(offset),
    key: `KEY-${offset}`,
    value: Buffer.from(JSON.stringify({ specversion: '1.0', id, type, source: 'registration', data: {} })),
    headers: {
      'ce-id': id,
      [DLQ_HEADER.reason]: reason,
      [DLQ_HEADER.detail]: `detail ${offset}`,
      [DLQ_HEADER.group]: GROUP,
      [DLQ_HEADER.sourceTopic]: 'registration.organization.v1',
      [DLQ_HEADER.sourcePartition]: '2',
      [DLQ_HEADER.sourceOffset]: String(100 + offset),
      [DLQ_HEADER.time]: '2026-11-30T08:00:00.000Z',
    },
  };
}

function harness(letters: IncomingMessage[]) {
  const published: OutgoingMessage[] = [];
  const out: string[] = [];
  const err: string[] = [];
  let closed = 0;
  const transport = { publish: async (m: OutgoingMessage[]) => void published.push(...m), close: async () => void closed++ } as unknown as EventTransport;
  const run = (...argv: string[]) =>
    runDlqCommand(argv, {
      read: async (topic) => (topic === `${GROUP}.dlq` ? letters : []),
      transport: async () => transport,
      out: (l) => out.push(l),
      err: (l) => err.push(l),
      now: () => now,
    });
  return { run, published, out, err, closed: () => closed };
}

describe('dlq command', () => {
  const letters = [
    deadLetter(0, 'INVALID_PAYLOAD', 'registration.organization.registered'),
    deadLetter(1, 'REJECTED', 'registration.organization.deregistered'),
    deadLetter(2, 'INVALID_PAYLOAD', 'registration.organization.changed'),
  ];

  it('lists the dead letters of a group with reason, type, event id and source position, filtered', async () => {
    const h = harness(letters);
    expect(await h.run('list', '--group', GROUP, '--reason', 'INVALID_PAYLOAD')).toBe(0);
    expect(h.out).toHaveLength(2);
    expect(h.out[0].split('\t').slice(0, 5)).toEqual(['0', 'INVALID_PAYLOAD', 'registration.organization.registered', letters[0].headers['ce-id'], 'registration.organization.v1[2]@100']);
    expect(h.err).toEqual([`2 of 3 dead letter(s) in ${GROUP}.dlq`]);
    expect(h.published).toHaveLength(0);
  });

  it('replays the chosen dead letters unchanged into their source topic, for their group only', async () => {
    const h = harness(letters);
    expect(await h.run('replay', '--group', GROUP, '--event-id', letters[1].headers['ce-id'])).toBe(0);
    expect(h.published).toHaveLength(1);
    const [replay] = h.published;
    expect(replay).toMatchObject({ topic: 'registration.organization.v1', key: 'KEY-1', value: letters[1].value });
    expect(replay.headers).toEqual({
      'ce-id': letters[1].headers['ce-id'],
      [DLQ_HEADER.replayGroup]: GROUP,
      [DLQ_HEADER.replayOf]: `${GROUP}.dlq@1`,
      [DLQ_HEADER.replayTime]: now.toISOString(),
    });
    expect(h.closed()).toBe(1);
    const delivered: IncomingMessage = { topic: replay.topic, partition: 2, offset: '500', key: replay.key, value: Buffer.from(replay.value), headers: replay.headers ?? {} };
    expect(isReplayForAnotherGroup(delivered, GROUP)).toBe(false);
    expect(isReplayForAnotherGroup(delivered, 'evaluation')).toBe(true);
  });

  it('combines criteria with AND and replays by offset, reason or type; --dry-run publishes nothing', async () => {
    const h = harness(letters);
    expect(await h.run('replay', '--group', GROUP, '--reason', 'INVALID_PAYLOAD', '--dry-run')).toBe(0);
    expect(h.out).toHaveLength(2);
    expect(h.published).toHaveLength(0);
    expect(await h.run('replay', '--topic', `${GROUP}.dlq`, '--offset', '0,1', '--type', 'registration.organization.deregistered')).toBe(0);
    expect(h.published.map((m) => m.key)).toEqual(['KEY-1']);
    expect(await h.run('replay', '--group', GROUP, '--all')).toBe(0);
    expect(h.published.map((m) => m.key)).toEqual(['KEY-1', 'KEY-0', 'KEY-1', 'KEY-2']);
  });

  it('refuses a replay without a selection, and says when nothing matches', async () => {
    const h = harness(letters);
    expect(await h.run('replay', '--group', GROUP)).toBe(2);
    expect(h.err.pop()).toContain('--offset, --event-id, --reason or --type (or --all');
    expect(await h.run('replay', '--group', GROUP, '--reason', 'UNDECODABLE')).toBe(1);
    expect(h.err.pop()).toContain('nothing replayed');
    expect(h.published).toHaveLength(0);
  });

  it.each([
    [['purge', '--group', GROUP], 'the first argument must be list or replay'],
    [['list'], 'exactly one of --group and --topic'],
    [['list', '--group', GROUP, '--topic', 'x.dlq'], 'exactly one of --group and --topic'],
    [['replay', '--group', GROUP, '--offset', 'three'], '--offset must be non-negative integers'],
    [['replay', '--group'], '--group needs a value'],
    [['replay', '--group', GROUP, '--colour', 'red'], 'unknown option --colour'],
  ])('rejects %j naming the option', (argv, message) => {
    expect(() => parseDlqArguments(argv)).toThrow(message);
  });
});
