import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { DATETIME6 } from '@sop/persistence';

/** One record of the transfer of government functions (catalogue item, qualification, agreement, case, self-regulation record). */
@Entity({ name: 'purchasing_ft_record' })
@Index('ux_purchasing_ft_record', ['kind', 'id'], { unique: true })
@Index('ix_purchasing_ft_jurisdiction', ['kind', 'jurisdiction'])
@Index('ix_purchasing_ft_uscc', ['kind', 'uscc'])
@Index('ix_purchasing_ft_parent', ['kind', 'parentId'])
@Index('ix_purchasing_ft_owner', ['kind', 'owner'])
export class PurchasingFtRecordOrmEntity {
  /** Insertion order (bigint: a string from the driver, used for ordering only). */
  @PrimaryGeneratedColumn({ type: 'bigint' }) seq: string;
  @Column({ type: 'varchar', length: 20 }) kind: string;
  @Column({ type: 'varchar', length: 36 }) id: string;
  @Column({ type: 'varchar', length: 6, nullable: true }) jurisdiction: string | null;
  @Column({ type: 'varchar', length: 100, nullable: true }) unitId: string | null;
  @Column({ type: 'varchar', length: 18, nullable: true }) uscc: string | null;
  @Column({ type: 'varchar', length: 36, nullable: true }) parentId: string | null;
  @Column({ type: 'varchar', length: 200, nullable: true }) owner: string | null;
  @Column({ type: 'varchar', length: 30 }) status: string;
  @Column({ type: 'int' }) revision: number;
  @Column({ type: 'text' }) body: string;
  @Column({ ...DATETIME6 }) createdAt: Date;
  @Column({ ...DATETIME6 }) updatedAt: Date;
}

export const FUNCTION_TRANSFER_ENTITIES = [PurchasingFtRecordOrmEntity];
