import { IsIn, IsInt, IsISO8601, IsOptional, IsString } from 'class-validator';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MovableClock } from '@sop/util';
import { EventCatalog, type EventContract } from '../contract/event-contract';
import type { CloudEvent } from '../envelope/cloud-event';
import { OutboxMessageOrmEntity } from '../outbox/outbox-message.orm-entity';
import { ServiceRuntime } from '../service-runtime';
import { InProcessTransport } from '../transport/in-process.transport';
import { generateCheckpointKey } from './checkpoint-signing';
import { verifyStream } from './stream-verify';

class TickV1 {
  @IsInt() n: number;
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

const source = 'ticker';
const tick: EventContract = { type: 'ticker.tick.happened', topic: 'ticker.tick.v1', source, version: 1, payload: TickV1, description: 'test' };
const contracts: EventContract[] = [
  tick,
  { type: 'ticker.audit.checkpoint', topic: 'ticker.audit.v1', source, version: 1, payload: CheckpointV1, description: 'test' },
  { type: 'ticker.audit.key-published', topic: 'ticker.audit.v1', source, version: 1, payload: KeyV1, description: 'test' },
];

/** The checkpointer in the embedded mode (SQLite, in-process bus, its own key): when checkpoints are due, what they sign. */
describe('checkpoints (embedded mode: SQLite)', () => {
  const clock = new MovableClock(new Date('2026-12-01T00:00:00.000Z'));
  const transport = new InProcessTransport(':memory:');
  const key = generateCheckpointKey();
  const runtime = new ServiceRuntime({
    serviceName: source,
    db: { type: 'sqlite', path: join(mkdtempSync(join(tmpdir(), 'ckpt-')), 'ticker.sqlite') },
    transport,
    catalog: new EventCatalog(contracts),
    entities: [],
    migrations: [],
    clock,
    checkpoints: { everyEvents: 5, everyMs: 60_000, pollMs: 3_600_000, key },
  });
  const publish = (count: number) => runtime.unitOfWork.run(async (tx) => {
    for (let n = 0; n < count; n++) await tx.publish(tick, { subject: `t${n % 2}`, data: { n } });
  });
  const outbox = async () => (await runtime.dataSource.getRepository(OutboxMessageOrmEntity).find({ order: { sequence: 'ASC' } })).map((r) => JSON.parse(r.envelope) as CloudEvent);

  beforeAll(async () => {
    await transport.ensureTopics(contracts.map((c) => ({ topic: c.topic, partitions: 1 })));
    await runtime.start();
  });
  afterAll(async () => {
    await runtime.stop();
    await transport.close();
  });

  it('checkpoints after everyEvents, or everyMs when anything happened since; never over checkpoints alone', async () => {
    await publish(3);
    await runtime.relay.drain();
    expect(await runtime.checkpoints!.tick()).toBeUndefined(); // 3 < 5, and not a minute yet
    await publish(3);
    await runtime.relay.drain();
    const first = await runtime.checkpoints!.tick();
    expect(first).toMatchObject({ producer: source, sequence: '6', kid: key.kid });
    await runtime.relay.drain();
    // The key's first use: key-published (7), then the checkpoint (8) over 1..6.
    expect((await outbox()).slice(6).map((e) => [e.sequence, e.type])).toEqual([['7', 'ticker.audit.key-published'], ['8', 'ticker.audit.checkpoint']]);
    clock.advance(120_000);
    expect(await runtime.checkpoints!.tick()).toBeUndefined(); // only audit events since
    await publish(1);
    await runtime.relay.drain();
    expect(await runtime.checkpoints!.tick()).toMatchObject({ sequence: '9' }); // a minute passed: time-based
    await runtime.relay.drain();
    const keys = await runtime.checkpoints!.publishedKeys();
    expect(keys).toEqual([{ kid: key.kid, algorithm: 'Ed25519', publicKeyPem: key.publicKeyPem, validFrom: '2026-12-01T00:00:00.000Z', validUntil: null }]);
    const events = await outbox();
    const report = verifyStream(events.map((event, i) => ({ event, stream: 'outbox', where: `row ${i + 1}`, offset: String(i) })), { source, keys });
    expect(report).toMatchObject({ ok: true, checkpoints: { verified: 2, lastVerifiedSequence: '9' } });
  });
});
