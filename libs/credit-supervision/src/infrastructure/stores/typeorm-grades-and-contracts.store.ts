import { Injectable } from '@nestjs/common';
import type { Tx } from '@sop/messaging';
import { GradesAndContractsStore, type PurchaseAssessmentRecord, type PurchaseContractRecord } from '../../application/grades-and-contracts/grades-and-contracts.ports';
import type { GradeAdjustmentRecord, GradeRecord } from '../../domain/grade-record';
import {
  CreditGradeAdjustmentOrmEntity,
  CreditGradeOrmEntity,
  CreditPurchaseAssessmentOrmEntity,
  CreditPurchaseContractOrmEntity,
} from '../credit-facts.orm-entities';

/**
 * Writes are upserts on the publisher's identifiers: the inbox already drops a redelivered event, and a fact
 * republished under a new event id (a replay from another service's outbox) still lands once.
 */
@Injectable()
export class TypeOrmGradesAndContractsStore extends GradesAndContractsStore {
  async addGrade(tx: Tx, uscc: string, g: GradeRecord, sourceEventId: string): Promise<void> {
    await tx.manager.upsert(
      CreditGradeOrmEntity,
      {
        gradeId: g.gradeId,
        uscc,
        grade: g.grade,
        score: g.score,
        evaluatingAuthority: g.evaluatingAuthority,
        announcedAt: new Date(g.announcedAt),
        validFrom: g.validFrom,
        validUntil: g.validUntil,
        replacesGradeId: g.replacesGradeId,
        ruleVersion: g.ruleVersion,
        sourceEventId,
      },
      ['gradeId'],
    );
  }

  async addGradeAdjustment(tx: Tx, uscc: string, a: GradeAdjustmentRecord, sourceEventId: string): Promise<void> {
    await tx.manager.upsert(
      CreditGradeAdjustmentOrmEntity,
      {
        sourceEventId,
        gradeId: a.gradeId,
        uscc,
        previousGrade: a.previousGrade,
        newGrade: a.newGrade,
        reason: a.reason,
        effectiveAt: new Date(a.effectiveAt),
        ruleVersion: a.ruleVersion,
      },
      ['sourceEventId'],
    );
  }

  async addPurchaseContract(tx: Tx, c: PurchaseContractRecord, sourceEventId: string): Promise<void> {
    await tx.manager.upsert(CreditPurchaseContractOrmEntity, { ...c, valueFen: String(c.valueFen), sourceEventId }, ['contractId']);
  }

  async addPurchaseAssessment(tx: Tx, a: PurchaseAssessmentRecord, sourceEventId: string): Promise<void> {
    await tx.manager.upsert(CreditPurchaseAssessmentOrmEntity, { ...a, sourceEventId }, ['assessmentId']);
  }
}
