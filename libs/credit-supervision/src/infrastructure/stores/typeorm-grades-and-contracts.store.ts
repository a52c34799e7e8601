import { Injectable } from '@nestjs/common';
import type { Tx } from '@sop/messaging';
import {
  GradesAndContractsStore,
  type PurchaseAcceptanceRecord,
  type PurchaseAssessmentRecord,
  type PurchaseContractRecord,
  type PurchaseTerminationRecord,
} from '../../application/grades-and-contracts/grades-and-contracts.ports';
import type { GradeAdjustmentRecord, GradeRecord } from '../../domain/grade-record';
import {
  CreditGradeAdjustmentOrmEntity,
  CreditGradeOrmEntity,
  CreditPurchaseAcceptanceOrmEntity,
  CreditPurchaseAssessmentOrmEntity,
  CreditPurchaseContractOrmEntity,
  CreditPurchaseTerminationOrmEntity,
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

  async addPurchaseAcceptance(tx: Tx, a: PurchaseAcceptanceRecord, sourceEventId: string): Promise<boolean> {
    if (await tx.manager.existsBy(CreditPurchaseAcceptanceOrmEntity, { acceptanceId: a.acceptanceId })) return false;
    await tx.manager.insert(CreditPurchaseAcceptanceOrmEntity, { ...a, sourceEventId });
    return true;
  }

  async addPurchaseTermination(tx: Tx, t: PurchaseTerminationRecord, sourceEventId: string): Promise<boolean> {
    if (await tx.manager.existsBy(CreditPurchaseTerminationOrmEntity, { contractId: t.contractId })) return false;
    await tx.manager.insert(CreditPurchaseTerminationOrmEntity, { ...t, reasons: JSON.stringify(t.reasons), paidFen: String(t.paidFen), unpaidFen: String(t.unpaidFen), sourceEventId });
    return true;
  }
}
