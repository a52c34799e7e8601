import { Injectable } from '@nestjs/common';
import { DataSource, IsNull, LessThan, type EntityManager } from 'typeorm';
import type { Tx } from '@sop/messaging';
import type { EvaluationGrade } from '../domain/evaluation-rules';
import type { GradeRecord, GradeStatus } from '../domain/grade';
import type { EndedRegistrationStatus, RegistrationStatus } from '../domain/registration-status';
import {
  EvaluationStore,
  type CaseOutcome,
  type CaseStatus,
  type CreditMeasuresRecord,
  type EvaluationOrganization,
  type GradeAdjustmentRecord,
  type GradeAwardRecord,
  type VerificationCase,
} from '../application/evaluation.ports';
import {
  EvaluationCreditMeasuresOrmEntity,
  EvaluationGradeAdjustmentOrmEntity,
  EvaluationGradeOrmEntity,
  EvaluationOrganizationOrmEntity,
  EvaluationVerificationCaseOrmEntity,
} from './evaluation.orm-entities';

const csv = (s: string): string[] => (s ? s.split(',') : []);

function toGrade(r: EvaluationGradeOrmEntity): GradeRecord {
  return {
    gradeId: r.gradeId,
    uscc: r.uscc,
    grade: r.grade as EvaluationGrade,
    awardedGrade: r.awardedGrade as EvaluationGrade,
    score: Number(r.score),
    evaluatingAuthority: r.evaluatingAuthority,
    announcedAt: r.announcedAt.toISOString(),
    validFrom: r.validFrom,
    validUntil: r.validUntil,
    status: r.status as GradeStatus,
    ruleVersion: r.ruleVersion,
    replacesGradeId: r.replacesGradeId,
    supersededByGradeId: r.supersededByGradeId,
    expiryPublishedAt: r.expiryPublishedAt ? r.expiryPublishedAt.toISOString() : null,
  };
}

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

@Injectable()
export class TypeOrmEvaluationStore extends EvaluationStore {
  constructor(private readonly ds: DataSource) {
    super();
  }

  private m(tx: Tx | null): EntityManager {
    return tx ? tx.manager : this.ds.manager;
  }

  async organization(tx: Tx | null, uscc: string): Promise<EvaluationOrganization | null> {
    const r = await this.m(tx).findOneBy(EvaluationOrganizationOrmEntity, { uscc });
    return r
      ? {
          uscc: r.uscc,
          name: r.name,
          form: r.form,
          category: r.category,
          registeringAuthority: r.registeringAuthority,
          registeredAt: r.registeredAt,
          eligibleFrom: r.eligibleFrom,
          registrationStatus: r.registrationStatus as RegistrationStatus,
          registrationStatusAt: r.registrationStatusAt,
          registrationStatusEventId: r.registrationStatusEventId,
        }
      : null;
  }

  async setRegistrationStatus(tx: Tx, uscc: string, status: EndedRegistrationStatus, at: Date, eventId: string): Promise<void> {
    await tx.manager.update(EvaluationOrganizationOrmEntity, { uscc }, { registrationStatus: status, registrationStatusAt: at, registrationStatusEventId: eventId });
  }

  async lockOrganization(tx: Tx, uscc: string): Promise<void> {
    if (tx.manager.connection.options.type === 'better-sqlite3') return; // one writer at a time anyway
    // Locks the projected organization row; where it is not projected yet there is no grade to decide about.
    await tx.manager.createQueryBuilder(EvaluationOrganizationOrmEntity, 'o').setLock('pessimistic_write').where('o.uscc = :uscc', { uscc }).getOne();
  }

  async grades(tx: Tx | null, uscc: string): Promise<GradeRecord[]> {
    const rows = await this.m(tx).find(EvaluationGradeOrmEntity, { where: { uscc }, order: { announcedAt: 'ASC' } });
    return rows.map(toGrade);
  }

  async grade(tx: Tx | null, gradeId: string): Promise<GradeRecord | null> {
    const r = await this.m(tx).findOneBy(EvaluationGradeOrmEntity, { gradeId });
    return r ? toGrade(r) : null;
  }

  async insertGrade(tx: Tx, g: GradeRecord, award: GradeAwardRecord): Promise<void> {
    await tx.manager.insert(EvaluationGradeOrmEntity, {
      gradeId: g.gradeId,
      uscc: g.uscc,
      grade: g.grade,
      awardedGrade: g.awardedGrade,
      score: g.score,
      evaluatingAuthority: g.evaluatingAuthority,
      announcedAt: new Date(g.announcedAt),
      validFrom: g.validFrom,
      validUntil: g.validUntil,
      status: g.status,
      replacesGradeId: g.replacesGradeId,
      supersededByGradeId: g.supersededByGradeId,
      ruleVersion: g.ruleVersion,
      committeeMembers: award.committee.members,
      committeePresent: award.committee.present,
      committeeInFavour: award.committee.inFavour,
      awardedBy: award.awardedBy,
      recordedAt: award.recordedAt,
      eventId: award.eventId,
    });
  }

  async updateGrade(tx: Tx, gradeId: string, fields: Partial<Pick<GradeRecord, 'grade' | 'status' | 'supersededByGradeId'>>): Promise<void> {
    await tx.manager.update(EvaluationGradeOrmEntity, { gradeId }, fields);
  }

  async gradesDueToExpire(before: string, limit: number): Promise<GradeRecord[]> {
    const rows = await this.ds.manager.find(EvaluationGradeOrmEntity, {
      where: { status: 'ACTIVE', validUntil: LessThan(before), expiryPublishedAt: IsNull() },
      order: { validUntil: 'ASC', gradeId: 'ASC' },
      take: limit,
    });
    return rows.map(toGrade);
  }

  async markExpiryPublished(tx: Tx, gradeId: string, at: Date): Promise<boolean> {
    const result = await tx.manager.update(EvaluationGradeOrmEntity, { gradeId, expiryPublishedAt: IsNull() }, { expiryPublishedAt: at });
    return (result.affected ?? 0) > 0;
  }

  async insertAdjustment(tx: Tx, a: GradeAdjustmentRecord): Promise<void> {
    await tx.manager.insert(EvaluationGradeAdjustmentOrmEntity, { ...a, evidence: JSON.stringify(a.evidence) });
  }

  async adjustmentsOf(tx: Tx | null, uscc: string): Promise<GradeAdjustmentRecord[]> {
    const rows = await this.m(tx).find(EvaluationGradeAdjustmentOrmEntity, { where: { uscc }, order: { effectiveAt: 'ASC' } });
    return rows.map((r) => ({ ...r, evidence: JSON.parse(r.evidence) as string[] }));
  }

  async creditMeasures(tx: Tx | null, uscc: string): Promise<CreditMeasuresRecord | null> {
    const r = await this.m(tx).findOneBy(EvaluationCreditMeasuresOrmEntity, { uscc });
    return r ? { ...r, lists: csv(r.lists), measures: csv(r.measures) } : null;
  }

  async saveCreditMeasures(tx: Tx, rec: CreditMeasuresRecord): Promise<void> {
    await tx.manager.upsert(EvaluationCreditMeasuresOrmEntity, { ...rec, lists: rec.lists.join(','), measures: rec.measures.join(',') }, ['uscc']);
  }

  async openCasesOfGrade(tx: Tx, gradeId: string): Promise<VerificationCase[]> {
    const rows = await tx.manager.find(EvaluationVerificationCaseOrmEntity, { where: { gradeId, status: 'OPEN' }, order: { openedAt: 'ASC' } });
    return rows.map(toCase);
  }

  async verificationCase(tx: Tx | null, id: string): Promise<VerificationCase | null> {
    const r = await this.m(tx).findOneBy(EvaluationVerificationCaseOrmEntity, { id });
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
