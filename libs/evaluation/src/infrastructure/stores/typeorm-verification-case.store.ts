import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Tx } from '@sop/messaging';
import { VerificationCaseStore, type CaseOutcome, type CaseStatus, type VerificationCase } from '../../application/verification-cases/verification-cases.ports';
import { EvaluationOrganizationOrmEntity, EvaluationVerificationCaseOrmEntity } from '../evaluation.orm-entities';
import { managerOf } from './manager-of';

function toCase(r: EvaluationVerificationCaseOrmEntity): VerificationCase {
  return {
    id: r.id,
    uscc: r.uscc,
    gradeId: r.gradeId,
    status: r.status as CaseStatus,
    cause: r.cause,
    evidence: JSON.parse(r.evidence) as string[],
    openedAt: r.openedAt,
    ruleVersion: r.ruleVersion,
    closedAt: r.closedAt,
    outcome: r.outcome as CaseOutcome | null,
    adjustmentId: r.adjustmentId,
  };
}

/** Verification cases (evaluation_verification_case, evidence as JSON text) on TypeORM; listed by the organization's division. */
@Injectable()
export class TypeOrmVerificationCaseStore extends VerificationCaseStore {
  constructor(private readonly ds: DataSource) {
    super();
  }

  async openCasesOfGrade(tx: Tx, gradeId: string): Promise<VerificationCase[]> {
    const rows = await tx.manager.find(EvaluationVerificationCaseOrmEntity, { where: { gradeId, status: 'OPEN' }, order: { openedAt: 'ASC' } });
    return rows.map(toCase);
  }

  async verificationCase(tx: Tx | null, id: string): Promise<VerificationCase | null> {
    const r = await managerOf(this.ds, tx).findOneBy(EvaluationVerificationCaseOrmEntity, { id });
    return r ? toCase(r) : null;
  }

  async saveCase(tx: Tx, c: VerificationCase): Promise<void> {
    await tx.manager.save(EvaluationVerificationCaseOrmEntity, { ...c, evidence: JSON.stringify(c.evidence) });
  }

  async cases(filter: { status?: CaseStatus; divisionPrefix: string; limit: number }): Promise<VerificationCase[]> {
    const q = this.ds.manager
      .createQueryBuilder(EvaluationVerificationCaseOrmEntity, 'c')
      .innerJoin(EvaluationOrganizationOrmEntity, 'o', 'o.uscc = c.uscc')
      .where('o.registeringAuthority LIKE :prefix', { prefix: `${filter.divisionPrefix}%` })
      .orderBy('c.openedAt', 'ASC')
      .addOrderBy('c.id', 'ASC')
      .limit(filter.limit);
    if (filter.status) q.andWhere('c.status = :status', { status: filter.status });
    return (await q.getMany()).map(toCase);
  }
}
