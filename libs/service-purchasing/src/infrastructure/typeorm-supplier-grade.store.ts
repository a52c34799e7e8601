import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { EvaluationGrade } from '@sop/contracts';
import type { Tx } from '@sop/messaging';
import { SupplierGradeStore } from '../application/suppliers/suppliers.ports';
import type { GradeRecord } from '../domain/supplier-grade';
import { managerOf } from './entity-manager';
import { PurchasingSupplierGradeOrmEntity } from './purchasing.orm-entities';

function toGrade(r: PurchasingSupplierGradeOrmEntity): GradeRecord {
  return {
    gradeId: r.gradeId,
    uscc: r.uscc,
    grade: r.grade as EvaluationGrade,
    validFrom: r.validFrom,
    validUntil: r.validUntil,
    announcedAt: r.announcedAt.toISOString(),
    replacesGradeId: r.replacesGradeId,
    supersededByGradeId: r.supersededByGradeId,
    supersededFrom: r.supersededFrom,
    adjustment: r.adjustedAt ? { newGrade: (r.adjustedGrade as EvaluationGrade | null) ?? null, reason: r.adjustmentReason ?? '', effectiveAt: r.adjustedAt.toISOString() } : null,
    ruleVersion: r.ruleVersion,
  };
}

/** The columns a grade's supersession and adjustment are kept in. */
function supersessionAndAdjustment(g: GradeRecord) {
  return {
    supersededByGradeId: g.supersededByGradeId,
    supersededFrom: g.supersededFrom,
    adjustedGrade: g.adjustment?.newGrade ?? null,
    adjustmentReason: g.adjustment?.reason ?? null,
    adjustedAt: g.adjustment ? new Date(g.adjustment.effectiveAt) : null,
  };
}

/** Suppliers' evaluation grades on TypeORM (table purchasing_supplier_grade). */
@Injectable()
export class TypeOrmSupplierGradeStore extends SupplierGradeStore {
  constructor(private readonly ds: DataSource) {
    super();
  }

  async grades(tx: Tx | null, uscc: string): Promise<GradeRecord[]> {
    const rows = await managerOf(this.ds, tx).find(PurchasingSupplierGradeOrmEntity, { where: { uscc }, order: { announcedAt: 'ASC' } });
    return rows.map(toGrade);
  }

  async grade(tx: Tx, gradeId: string): Promise<GradeRecord | null> {
    const r = await tx.manager.findOneBy(PurchasingSupplierGradeOrmEntity, { gradeId });
    return r ? toGrade(r) : null;
  }

  async replacementsOf(tx: Tx, gradeId: string): Promise<GradeRecord[]> {
    const rows = await tx.manager.find(PurchasingSupplierGradeOrmEntity, { where: { replacesGradeId: gradeId } });
    return rows.map(toGrade);
  }

  async insertGrade(tx: Tx, g: GradeRecord, extra: { score: number; evaluatingAuthority: string; eventId: string }): Promise<void> {
    await tx.manager.insert(PurchasingSupplierGradeOrmEntity, {
      gradeId: g.gradeId,
      uscc: g.uscc,
      grade: g.grade,
      score: extra.score,
      evaluatingAuthority: extra.evaluatingAuthority,
      announcedAt: new Date(g.announcedAt),
      validFrom: g.validFrom,
      validUntil: g.validUntil,
      replacesGradeId: g.replacesGradeId,
      ...supersessionAndAdjustment(g),
      adjustmentEventId: null,
      ruleVersion: g.ruleVersion,
      eventId: extra.eventId,
    });
  }

  async updateGrade(tx: Tx, g: GradeRecord, adjustmentEventId?: string): Promise<void> {
    await tx.manager.update(PurchasingSupplierGradeOrmEntity, { gradeId: g.gradeId }, { ...supersessionAndAdjustment(g), ...(adjustmentEventId ? { adjustmentEventId } : {}) });
  }
}
