import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { bigintAsString, DATETIME6 } from '@sop/persistence';

/** Where an outbox event goes and what it is: shared by the outbox and its quarantine. */
export abstract class OutboxEventColumns {
  @Column({ type: 'varchar', length: 249 })
  topic: string;

  @Column({ type: 'varchar', length: 255 })
  messageKey: string;

  @Column({ type: 'varchar', length: 255 })
  eventType: string;

  /** The CloudEvent JSON; after chaining it includes sequence, prevhash and hash. */
  @Column({ type: 'text' })
  envelope: string;
}

/**
 * One event waiting to be (or already) published. Written in the same transaction as the state change
 * it describes; the relay assigns the chain fields, publishes in id order and marks it published.
 */
@Entity({ name: 'outbox_message' })
@Index('ix_outbox_unpublished', ['publishedAt', 'id'])
export class OutboxMessageOrmEntity extends OutboxEventColumns {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'varchar', length: 36, unique: true })
  eventId: string;

  @Column({ ...DATETIME6 })
  createdAt: Date;

  @Column({ type: 'bigint', nullable: true, unique: true, transformer: bigintAsString })
  sequence: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  hash: string | null;

  @Column({ ...DATETIME6, nullable: true })
  publishedAt: Date | null;

  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Column({ type: 'text', nullable: true })
  lastError: string | null;
}
