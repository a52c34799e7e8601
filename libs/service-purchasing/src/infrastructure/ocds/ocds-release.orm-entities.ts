import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { DATETIME6 } from '@sop/persistence';

/** bigint columns come back as strings (bigNumberStrings); sequences stay far below 2^53. */
const bigintAsNumber = {
  to: (value: number | null | undefined) => value,
  from: (value: string | number | null) => (value === null || value === undefined ? value : Number(value)),
};

/** An OCDS release frozen when its lifecycle step happened: written once, never updated (issue 11 item 6). */
@Entity({ name: 'purchasing_ocds_release' })
@Index('ux_purchasing_ocds_release_id', ['releaseId'], { unique: true })
@Index('ix_purchasing_ocds_release_ocid', ['ocid', 'sequence'])
@Index('ix_purchasing_ocds_release_date', ['releasedAt'])
export class PurchasingOcdsReleaseOrmEntity {
  @PrimaryColumn({ type: 'bigint', transformer: bigintAsNumber }) sequence: number;
  @Column({ type: 'varchar', length: 100 }) releaseId: string;
  @Column({ type: 'varchar', length: 100 }) ocid: string;
  @Column({ type: 'varchar', length: 36 }) procurementId: string;
  @Column({ type: 'varchar', length: 30 }) step: string;
  /** JSON array of release tags. */
  @Column({ type: 'varchar', length: 200 }) tags: string;
  @Column({ ...DATETIME6 }) releasedAt: Date;
  @Column({ type: 'varchar', length: 36 }) eventId: string;
  /** The release as ocdsJson wrote it. */
  @Column({ type: 'text' }) releaseJson: string;
  @Column({ ...DATETIME6 }) recordedAt: Date;
}

/** The counter that gives release sequences in commit order (one row, `releases`, locked by each append). */
@Entity({ name: 'purchasing_ocds_sequence' })
export class PurchasingOcdsSequenceOrmEntity {
  @PrimaryColumn({ type: 'varchar', length: 30 }) name: string;
  @Column({ type: 'bigint', transformer: bigintAsNumber }) lastValue: number;
}

export const OCDS_ENTITIES = [PurchasingOcdsReleaseOrmEntity, PurchasingOcdsSequenceOrmEntity];
