import { Column, Entity, PrimaryColumn } from 'typeorm';
import { DATETIME6 } from '@sop/persistence';

/** Purchasing's register of potential undertakers (suppliers), built from registration events. */
@Entity({ name: 'purchasing_supplier' })
export class PurchasingSupplierOrmEntity {
  @PrimaryColumn({ type: 'varchar', length: 18 }) uscc: string;
  @Column({ type: 'varchar', length: 200 }) name: string;
  @Column({ type: 'varchar', length: 40 }) form: string;
  @Column({ type: 'varchar', length: 40 }) category: string;
  @Column({ type: 'varchar', length: 6 }) registeringAuthority: string;
  @Column({ ...DATETIME6 }) registeredAt: Date;
  @Column({ type: 'boolean' }) categoryPriority: boolean;
  @Column({ type: 'varchar', length: 36 }) lastEventId: string;
}

export const PURCHASING_ENTITIES = [PurchasingSupplierOrmEntity];
