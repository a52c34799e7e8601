import { Column, Entity, PrimaryColumn } from 'typeorm';
import { DATETIME6 } from '@sop/persistence';

/** Evaluation's view of a registered organization, built from registration events. */
@Entity({ name: 'evaluation_organization' })
export class EvaluationOrganizationOrmEntity {
  @PrimaryColumn({ type: 'varchar', length: 18 }) uscc: string;
  @Column({ type: 'varchar', length: 200 }) name: string;
  @Column({ type: 'varchar', length: 40 }) form: string;
  @Column({ type: 'varchar', length: 40 }) category: string;
  @Column({ type: 'varchar', length: 6 }) registeringAuthority: string;
  @Column({ ...DATETIME6 }) registeredAt: Date;
  @Column({ ...DATETIME6 }) eligibleFrom: Date;
  @Column({ type: 'varchar', length: 36 }) lastEventId: string;
}

export const EVALUATION_ENTITIES = [EvaluationOrganizationOrmEntity];
