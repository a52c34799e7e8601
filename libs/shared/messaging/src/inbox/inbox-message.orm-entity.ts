import { Column, Entity, PrimaryColumn } from 'typeorm';
import { DATETIME6 } from '@sop/persistence';

/** One consumed event per consumer group: the idempotency record, inserted in the handler's transaction. */
@Entity({ name: 'inbox_message' })
export class InboxMessageOrmEntity {
  @PrimaryColumn({ type: 'varchar', length: 255 })
  consumerGroup: string;

  @PrimaryColumn({ type: 'varchar', length: 36 })
  eventId: string;

  @Column({ type: 'varchar', length: 255 })
  eventType: string;

  @Column({ type: 'varchar', length: 300 })
  source: string;

  @Column({ ...DATETIME6 })
  receivedAt: Date;
}
