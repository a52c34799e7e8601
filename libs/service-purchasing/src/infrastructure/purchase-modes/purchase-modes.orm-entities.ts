import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { DATETIME6 } from '@sop/persistence';

/** One record of a purchase mode (round, proposal, review, selection, facility, PPP agreement). */
@Entity({ name: 'purchasing_pm_record' })
@Index('ux_purchasing_pm_record', ['kind', 'id'], { unique: true })
@Index('ix_purchasing_pm_unit', ['kind', 'unitId'])
@Index('ix_purchasing_pm_uscc', ['kind', 'uscc'])
@Index('ix_purchasing_pm_parent', ['kind', 'parentId'])
export class PurchasingPmRecordOrmEntity {
  /** Insertion order (bigint: a string from the driver, used for ordering only). */
  @PrimaryGeneratedColumn({ type: 'bigint' }) seq: string;
  @Column({ type: 'varchar', length: 20 }) kind: string;
  @Column({ type: 'varchar', length: 36 }) id: string;
  @Column({ type: 'varchar', length: 100, nullable: true }) unitId: string | null;
  @Column({ type: 'varchar', length: 6, nullable: true }) jurisdiction: string | null;
  @Column({ type: 'varchar', length: 18, nullable: true }) uscc: string | null;
  @Column({ type: 'varchar', length: 36, nullable: true }) parentId: string | null;
  @Column({ type: 'varchar', length: 30 }) status: string;
  @Column({ type: 'int' }) revision: number;
  @Column({ type: 'text' }) body: string;
  @Column({ ...DATETIME6 }) createdAt: Date;
  @Column({ ...DATETIME6 }) updatedAt: Date;
}

export const PURCHASE_MODE_ENTITIES = [PurchasingPmRecordOrmEntity];
