import { Injectable } from '@nestjs/common';
import { DataSource, IsNull, LessThan } from 'typeorm';
import type { Tx } from '@sop/messaging';
import type { EvaluationGrade } from '../../domain/evaluation-rules';
import type { GradeRecord, GradeStatus } from '../../domain/grade';
import { GradeStore, type GradeAdjustmentRecord, type GradeAwardRecord } from '../../application/grades/grades.ports';
import { EvaluationGradeAdjustmentOrmEntity, EvaluationGradeOrmEntity } from '../evaluation.orm-entities';
import { managerOf } from './manager-of';

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
    localRuleVersion: r.localRuleVersion,
    replacesGradeId: r.replacesGradeId,
    supersededByGradeId: r.supersededByGradeId,
    expiryPublishedAt: r.expiryPublishedAt ? r.expiryPublishedAt.toISOString() : null,
  };
}

/** Grades (evaluation_grade, with the committee's vote) and their adjustments (evaluation_grade_adjustment) on TypeORM. */
@Injectable()
export class TypeOrmGradeStore extends GradeStore {
  constructor(private readonly ds: DataSource) {
    super();
  }

  async grades(tx: Tx | null, uscc: string): Promise<GradeRecord[]> {
    const rows = await managerOf(this.ds, tx).find(EvaluationGradeOrmEntity, { where: { uscc }, order: { announcedAt: 'ASC' } });
    return rows.map(toGrade);
  }

  async grade(tx: Tx | null, gradeId: string): Promise<GradeRecord | null> {
    const r = await managerOf(this.ds, tx).findOneBy(EvaluationGradeOrmEntity, { gradeId });
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
      localRuleVersion: g.localRuleVersion ?? null,
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
    const rows = await managerOf(this.ds, tx).find(EvaluationGradeAdjustmentOrmEntity, { where: { uscc }, order: { effectiveAt: 'ASC' } });
    return rows.map((r) => ({ ...r, evidence: JSON.parse(r.evidence) as string[] }));
  }
}
