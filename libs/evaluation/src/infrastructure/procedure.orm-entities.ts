import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { DATETIME6 } from '@sop/persistence';

/** A version of an indicator framework (regulations §6 Content; issue 13). */
@Entity({ name: 'evaluation_indicator_framework' })
export class EvaluationIndicatorFrameworkOrmEntity {
  @PrimaryColumn({ type: 'varchar', length: 80 }) ruleSetId: string;
  @PrimaryColumn({ type: 'int' }) version: number;
  @Column({ type: 'varchar', length: 6 }) jurisdiction: string;
  @Column({ type: 'varchar', length: 40 }) orgForm: string;
  @Column({ type: 'varchar', length: 10 }) effectiveFrom: string;
  /** JSON: the sections with their indicators and maxima. */
  @Column({ type: 'text' }) sections: string;
  @Column({ type: 'int' }) maxBonus: number;
  @Column({ type: 'varchar', length: 500 }) source: string;
  @Column({ type: 'varchar', length: 200 }) publishedBy: string;
  @Column({ ...DATETIME6 }) publishedAt: Date;
  @Column({ type: 'varchar', length: 1000, nullable: true }) note: string | null;
}

/** An evaluation procedure: status and kind as columns, its steps as a JSON document (domain/procedure/procedure.ts). */
@Entity({ name: 'evaluation_procedure' })
@Index('ix_evaluation_procedure_uscc', ['uscc', 'status'])
export class EvaluationProcedureOrmEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) procedureId: string;
  @Column({ type: 'varchar', length: 18 }) uscc: string;
  @Column({ type: 'varchar', length: 20 }) kind: string;
  @Column({ type: 'varchar', length: 20 }) status: string;
  @Column({ type: 'varchar', length: 6 }) evaluatingAuthority: string;
  @Column({ type: 'text' }) document: string;
  @Column({ type: 'int' }) revision: number;
  @Column({ ...DATETIME6 }) createdAt: Date;
  @Column({ ...DATETIME6 }) updatedAt: Date;
}

/** An expert's declared link to an organization: the expert recuses from evaluating it. */
@Entity({ name: 'evaluation_expert_link' })
export class EvaluationExpertLinkOrmEntity {
  @PrimaryColumn({ type: 'varchar', length: 100 }) expertId: string;
  @PrimaryColumn({ type: 'varchar', length: 18 }) uscc: string;
  @Column({ type: 'varchar', length: 500 }) basis: string;
  @Column({ type: 'varchar', length: 200 }) declaredBy: string;
  @Column({ ...DATETIME6 }) declaredAt: Date;
}

/** A grade certificate and plaque (3A and above). */
@Entity({ name: 'evaluation_certificate' })
@Index('ux_evaluation_certificate_number', ['evaluatingAuthority', 'year', 'sequence'], { unique: true })
@Index('ix_evaluation_certificate_uscc', ['uscc'])
export class EvaluationCertificateOrmEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) certificateId: string;
  @Column({ type: 'varchar', length: 18 }) uscc: string;
  @Column({ type: 'varchar', length: 36 }) gradeId: string;
  @Column({ type: 'varchar', length: 36, nullable: true }) procedureId: string | null;
  @Column({ type: 'varchar', length: 2 }) grade: string;
  @Column({ type: 'varchar', length: 6 }) evaluatingAuthority: string;
  @Column({ type: 'int' }) year: number;
  @Column({ type: 'int' }) sequence: number;
  @Column({ type: 'varchar', length: 40 }) certificateNumber: string;
  @Column({ type: 'varchar', length: 40 }) plaqueNumber: string;
  @Column({ ...DATETIME6 }) issuedAt: Date;
  @Column({ type: 'varchar', length: 12 }) status: string;
  @Column({ ...DATETIME6, nullable: true }) returnedAt: Date | null;
  @Column({ ...DATETIME6, nullable: true }) voidedAt: Date | null;
  @Column({ type: 'varchar', length: 500, nullable: true }) voidAnnouncement: string | null;
}

export const PROCEDURE_ENTITIES = [EvaluationIndicatorFrameworkOrmEntity, EvaluationProcedureOrmEntity, EvaluationExpertLinkOrmEntity, EvaluationCertificateOrmEntity];
