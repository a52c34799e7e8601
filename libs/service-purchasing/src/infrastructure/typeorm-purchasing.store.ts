import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { EvaluationGrade, OrganizationCategory } from '@sop/contracts';
import type { Tx } from '@sop/messaging';
import { PurchasingStore, type Contract, type PerformanceAssessment, type StoredMeasureSet, type Supplier } from '../application/purchasing.ports';
import type { ContractStatus } from '../domain/performance-assessment';
import type { PerformanceOutcome, PurchaseMethod } from '../domain/purchasing-rules';
import type { SupplierStatus } from '../domain/supplier-eligibility';
import type { GradeRecord } from '../domain/supplier-grade';
import {
  PurchasingContractOrmEntity,
  PurchasingJointMeasuresOrmEntity,
  PurchasingPerformanceAssessmentOrmEntity,
  PurchasingSupplierGradeOrmEntity,
  PurchasingSupplierOrmEntity,
} from './purchasing.orm-entities';

const isSqlite = (m: EntityManager) => m.connection.options.type === 'better-sqlite3';

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

function toContract(r: PurchasingContractOrmEntity): Contract {
  return {
    ...r,
    method: r.method as PurchaseMethod,
    valueFen: Number(r.valueFen),
    multiYear: Boolean(r.multiYear),
    budgetAssured: Boolean(r.budgetAssured),
    stableService: Boolean(r.stableService),
    status: r.status as ContractStatus,
  };
}

function toAssessment(r: PurchasingPerformanceAssessmentOrmEntity): PerformanceAssessment {
  return { ...r, outcome: r.outcome as PerformanceOutcome, breach: Boolean(r.breach) };
}

@Injectable()
export class TypeOrmPurchasingStore extends PurchasingStore {
  constructor(private readonly ds: DataSource) {
    super();
  }

  private m(tx: Tx | null): EntityManager {
    return tx ? tx.manager : this.ds.manager;
  }

  async supplier(tx: Tx | null, uscc: string): Promise<Supplier | null> {
    const r = await this.m(tx).findOneBy(PurchasingSupplierOrmEntity, { uscc });
    if (!r) return null;
    return {
      uscc: r.uscc,
      name: r.name,
      form: r.form,
      category: r.category as OrganizationCategory,
      registeringAuthority: r.registeringAuthority,
      registeredAt: r.registeredAt,
      status: (r.status ?? 'ACTIVE') as SupplierStatus,
      statusChangedAt: r.statusChangedAt,
    };
  }

  async lockSupplierFacts(tx: Tx, uscc: string): Promise<void> {
    if (isSqlite(tx.manager)) return; // one writer at a time anyway
    // FOR UPDATE on the supplier and its measure row (a gap lock when absent): a concurrent measure change or
    // revocation waits for the signing to commit, and the signing reads the committed facts.
    await tx.manager.createQueryBuilder(PurchasingSupplierOrmEntity, 's').setLock('pessimistic_write').where('s.uscc = :uscc', { uscc }).getOne();
    await tx.manager.createQueryBuilder(PurchasingJointMeasuresOrmEntity, 'j').setLock('pessimistic_write').where('j.uscc = :uscc', { uscc }).getOne();
  }

  async setSupplierStatus(tx: Tx, uscc: string, status: SupplierStatus, at: Date, eventId: string): Promise<void> {
    await tx.manager.update(PurchasingSupplierOrmEntity, { uscc }, { status, statusChangedAt: at, statusEventId: eventId });
  }

  async measures(tx: Tx | null, uscc: string): Promise<StoredMeasureSet | null> {
    const r = await this.m(tx).findOneBy(PurchasingJointMeasuresOrmEntity, { uscc });
    if (!r) return null;
    return {
      lists: JSON.parse(r.lists) as string[],
      measures: JSON.parse(r.measures) as string[],
      effectiveFrom: r.effectiveFrom.toISOString(),
      ruleVersion: r.ruleVersion,
      eventId: r.eventId,
      receivedAt: r.receivedAt,
    };
  }

  async saveMeasures(tx: Tx, uscc: string, set: StoredMeasureSet): Promise<void> {
    await tx.manager.upsert(
      PurchasingJointMeasuresOrmEntity,
      {
        uscc,
        lists: JSON.stringify(set.lists),
        measures: JSON.stringify(set.measures),
        effectiveFrom: new Date(set.effectiveFrom),
        ruleVersion: set.ruleVersion,
        eventId: set.eventId,
        receivedAt: set.receivedAt,
      },
      ['uscc'],
    );
  }

  async grades(tx: Tx | null, uscc: string): Promise<GradeRecord[]> {
    const rows = await this.m(tx).find(PurchasingSupplierGradeOrmEntity, { where: { uscc }, order: { announcedAt: 'ASC' } });
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
      supersededByGradeId: g.supersededByGradeId,
      supersededFrom: g.supersededFrom,
      adjustedGrade: g.adjustment?.newGrade ?? null,
      adjustmentReason: g.adjustment?.reason ?? null,
      adjustedAt: g.adjustment ? new Date(g.adjustment.effectiveAt) : null,
      adjustmentEventId: null,
      ruleVersion: g.ruleVersion,
      eventId: extra.eventId,
    });
  }

  async updateGrade(tx: Tx, g: GradeRecord, adjustmentEventId?: string): Promise<void> {
    await tx.manager.update(
      PurchasingSupplierGradeOrmEntity,
      { gradeId: g.gradeId },
      {
        supersededByGradeId: g.supersededByGradeId,
        supersededFrom: g.supersededFrom,
        adjustedGrade: g.adjustment?.newGrade ?? null,
        adjustmentReason: g.adjustment?.reason ?? null,
        adjustedAt: g.adjustment ? new Date(g.adjustment.effectiveAt) : null,
        ...(adjustmentEventId ? { adjustmentEventId } : {}),
      },
    );
  }

  async insertContract(tx: Tx, c: Contract): Promise<void> {
    await tx.manager.insert(PurchasingContractOrmEntity, { ...c });
  }

  async contract(tx: Tx | null, id: string): Promise<Contract | null> {
    const r = await this.m(tx).findOneBy(PurchasingContractOrmEntity, { id });
    return r ? toContract(r) : null;
  }

  async contractByIdempotencyKey(tx: Tx | null, idempotencyKey: string, recordedBy: string): Promise<Contract | null> {
    const r = await this.m(tx).findOneBy(PurchasingContractOrmEntity, { idempotencyKey, recordedBy });
    return r ? toContract(r) : null;
  }

  async insertAssessment(tx: Tx, a: PerformanceAssessment): Promise<void> {
    await tx.manager.insert(PurchasingPerformanceAssessmentOrmEntity, { ...a });
  }

  async assessments(tx: Tx | null, contractId: string): Promise<PerformanceAssessment[]> {
    const rows = await this.m(tx).find(PurchasingPerformanceAssessmentOrmEntity, { where: { contractId }, order: { assessedAt: 'ASC', id: 'ASC' } });
    return rows.map(toAssessment);
  }
}
