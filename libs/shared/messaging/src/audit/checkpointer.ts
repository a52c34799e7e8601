import { Logger } from '@nestjs/common';
import { In, IsNull, Not, type DataSource, type EntityManager } from 'typeorm';
import { runInTransaction } from '@sop/persistence';
import type { EventCatalog, EventContract } from '../contract/event-contract';
import { OutboxMessageOrmEntity } from '../outbox/outbox-message.orm-entity';
import type { OutboxWriter } from '../outbox/outbox.writer';
import { signCheckpoint, type CheckpointOptions, type PublishedKey, type SignedCheckpoint } from './checkpoint-signing';
import { SigningKeyOrmEntity } from './signing-key.orm-entity';

/** A producer's audit contracts in a catalogue: `<prefix>.audit.checkpoint` and `<prefix>.audit.key-published`. */
export interface AuditContracts {
  checkpoint: EventContract;
  keyPublished: EventContract;
}

export function auditContractsIn(catalog: EventCatalog, source: string): AuditContracts | undefined {
  const mine = catalog.all().filter((c) => c.source === source);
  const checkpoint = mine.find((c) => c.type.endsWith('.audit.checkpoint'));
  const keyPublished = mine.find((c) => c.type.endsWith('.audit.key-published'));
  return checkpoint && keyPublished ? { checkpoint, keyPublished } : undefined;
}

/**
 * Signs the producer's chain head every `everyEvents` chained events or `everyMs` (when anything was chained since),
 * and writes the checkpoint through the outbox: the relay chains it after the events it covers. Runs on the instance
 * holding the relay lease only. The first checkpoint with a key records the key (audit_signing_key, retiring the
 * previous one) and writes its key-published event just before it (issue 13 item 5).
 */
export class Checkpointer {
  private readonly logger: Logger;
  private lastCovered?: bigint;
  private lastAtMs: number;
  private keyRecorded = false;

  constructor(
    private readonly ds: DataSource,
    private readonly writer: OutboxWriter,
    private readonly contracts: AuditContracts,
    private readonly producer: string,
    private readonly options: CheckpointOptions,
    private readonly isLeader: () => boolean,
    private readonly now: () => Date,
  ) {
    this.logger = new Logger(`Checkpoints:${producer}`);
    // Time-based checkpoints count from the start: a process that starts and stops quickly writes none.
    this.lastAtMs = now().getTime();
  }

  get kid(): string {
    return this.options.key.kid;
  }

  /** Writes a checkpoint if one is due; returns it (undefined when none was due). */
  async tick(force = false): Promise<SignedCheckpoint | undefined> {
    if (!this.isLeader()) return undefined;
    return runInTransaction(this.ds, async (manager) => {
      const repo = manager.getRepository(OutboxMessageOrmEntity);
      const chained = { sequence: Not(IsNull()) };
      const [head] = await repo.find({ where: chained, order: { sequence: 'DESC' }, take: 1 });
      if (!head?.sequence || !head.hash) return undefined;
      if (this.lastCovered === undefined) this.lastCovered = await this.lastCheckpointed(manager);
      const auditTypes = [this.contracts.checkpoint.type, this.contracts.keyPublished.type];
      const [business] = await repo.find({ where: { ...chained, eventType: Not(In(auditTypes)) }, order: { sequence: 'DESC' }, take: 1 });
      // Nothing but checkpoints chained since the last one: nothing to vouch for.
      if (!business?.sequence || BigInt(business.sequence) <= this.lastCovered) return undefined;
      const nowMs = this.now().getTime();
      const due = force || BigInt(head.sequence) - this.lastCovered >= BigInt(this.options.everyEvents) || nowMs - this.lastAtMs >= this.options.everyMs;
      if (!due) return undefined;
      await this.recordKey(manager);
      const signed = signCheckpoint(this.options.key, { producer: this.producer, sequence: head.sequence, hash: head.hash, signedAt: this.now().toISOString() });
      await this.writer.append(manager, this.contracts.checkpoint, { subject: this.producer, data: signed });
      this.lastCovered = BigInt(head.sequence);
      this.lastAtMs = nowMs;
      return signed;
    });
  }

  /** The keys this producer has used, oldest first, with their validity (GET /<service>/audit/keys). */
  async publishedKeys(): Promise<PublishedKey[]> {
    const rows = await this.ds.getRepository(SigningKeyOrmEntity).find({ order: { validFrom: 'ASC' } });
    return rows.map((r) => ({
      kid: r.kid,
      algorithm: 'Ed25519',
      publicKeyPem: r.publicKeyPem,
      validFrom: r.validFrom.toISOString(),
      validUntil: r.validUntil ? r.validUntil.toISOString() : null,
    }));
  }

  /** The sequence the newest checkpoint still in the outbox covered (0 when retention removed them all). */
  private async lastCheckpointed(manager: EntityManager): Promise<bigint> {
    const [row] = await manager
      .getRepository(OutboxMessageOrmEntity)
      .find({ where: { eventType: this.contracts.checkpoint.type }, order: { id: 'DESC' }, take: 1 });
    if (!row) return 0n;
    this.lastAtMs = row.createdAt.getTime();
    return BigInt((JSON.parse(row.envelope) as { data: SignedCheckpoint }).data.sequence);
  }

  private async recordKey(manager: EntityManager): Promise<void> {
    if (this.keyRecorded) return;
    const repo = manager.getRepository(SigningKeyOrmEntity);
    const { key } = this.options;
    if (!(await repo.findOneBy({ kid: key.kid }))) {
      const now = this.now();
      const current = await repo.find({ where: { validUntil: IsNull() }, order: { validFrom: 'DESC' } });
      for (const previous of current) await repo.update({ kid: previous.kid }, { validUntil: now });
      await repo.insert({ kid: key.kid, algorithm: 'Ed25519', publicKeyPem: key.publicKeyPem, validFrom: now, validUntil: null });
      const data = { producer: this.producer, kid: key.kid, algorithm: 'Ed25519', publicKeyPem: key.publicKeyPem, validFrom: now.toISOString(), ...(current[0] ? { previousKid: current[0].kid } : {}) };
      await this.writer.append(manager, this.contracts.keyPublished, { subject: this.producer, data });
      this.logger.log(`checkpoint signing key ${key.kid} in use${current[0] ? `, replacing ${current[0].kid}` : ''}${key.generated ? ' (generated for this process: embedded mode)' : ''}`);
    }
    this.keyRecorded = true;
  }
}
