import { Column, Entity, PrimaryColumn } from 'typeorm';
import { bigintAsString, DATETIME6 } from '@sop/persistence';
import { OutboxEventColumns } from './outbox-message.orm-entity';

/**
 * An outbox row the relay set aside: the broker refuses it for what it is (over max.message.bytes), so sending it
 * again can never work and would block every event after it. The row keeps the event as written and the reason;
 * an operator fixes the cause (the topic's limit, the producer) and re-inserts it into the outbox.
 *  - Set aside before chaining (larger than the relay's limit): it has no sequence, so the chain has no gap.
 *  - Refused by the broker after chaining: its sequence is missing on the wire, and the chain audit shows the gap.
 */
@Entity({ name: 'outbox_quarantine' })
export class OutboxQuarantineOrmEntity extends OutboxEventColumns {
  /** The id the row had in outbox_message. */
  @PrimaryColumn({ type: 'bigint', transformer: bigintAsString })
  outboxId: string;

  @Column({ type: 'varchar', length: 36 })
  eventId: string;

  @Column({ type: 'bigint', nullable: true, transformer: bigintAsString })
  sequence: string | null;

  @Column({ type: 'text' })
  reason: string;

  @Column({ ...DATETIME6 })
  quarantinedAt: Date;
}
