import { Injectable } from '@nestjs/common';
import type { ContractPerformanceAssessedV1, ContractSignedV1, GradeAdjustedV1, GradeAwardedV1, GradeExpiredV1 } from '@sop/contracts';
import type { CloudEvent, Tx } from '@sop/messaging';
import { Clock } from '@sop/util';
import { ruleSetAt } from '../domain/credit-rules';
import { CN_NATIONAL_CALENDAR_V1 } from '../domain/holiday-calendar';
import { addWorkingDays } from '../domain/working-days';
import { CreditFactsStore, CreditStore } from './credit.ports';

const fen = (v: number) => `${Math.floor(v / 100)}.${String(v % 100).padStart(2, '0')} yuan`;

/**
 * "Other" credit information (Order 60 Art. 7) that evaluation and service purchasing publish: evaluation grades
 * with their validity, and government purchases undertaken with the purchaser's performance assessments. Each
 * fact becomes credit information with its 5-working-day capture deadline (§5) and a structured record the public
 * profile shows. None of them is a list trigger: a breach of contract or a low grade is not one of the §5.1/§5.2
 * triggers (a penalty for it would be, and comes as a penalty).
 */
@Injectable()
export class EvaluationPurchasingFactsService {
  constructor(
    private readonly store: CreditStore,
    private readonly facts: CreditFactsStore,
    private readonly clock: Clock,
  ) {}

  private async information(tx: Tx, event: CloudEvent, uscc: string, factType: string, summary: string, occurredAt: Date): Promise<void> {
    const now = this.clock.now();
    const captureDeadline = addWorkingDays(occurredAt, ruleSetAt(now).captureWorkingDays, CN_NATIONAL_CALENDAR_V1);
    await this.store.addInformation(tx, { uscc, category: 'OTHER', factType, sourceId: event.id, summary, occurredAt, recordedAt: now, captureDeadline });
  }

  /** evaluation.grade.awarded → the grade and its validity. */
  async onGradeAwarded(event: CloudEvent<GradeAwardedV1>, tx: Tx): Promise<void> {
    const d = event.data;
    await this.facts.addGrade(
      tx,
      d.uscc,
      {
        gradeId: d.gradeId,
        grade: d.grade,
        score: d.score,
        evaluatingAuthority: d.evaluatingAuthority,
        announcedAt: d.announcedAt,
        validFrom: d.validFrom,
        validUntil: d.validUntil,
        replacesGradeId: d.replacesGradeId ?? null,
        ruleVersion: d.ruleVersion,
      },
      event.id,
    );
    const replaces = d.replacesGradeId ? `, replacing grade ${d.replacesGradeId}` : '';
    await this.information(tx, event, d.uscc, 'EVALUATION_GRADE_AWARDED', `evaluation grade ${d.grade} (valid ${d.validFrom} to ${d.validUntil}) announced by ${d.evaluatingAuthority}${replaces} (${d.ruleVersion})`, new Date(d.announcedAt));
  }

  /** evaluation.grade.adjusted → the lowering or cancellation, from its effective instant. */
  async onGradeAdjusted(event: CloudEvent<GradeAdjustedV1>, tx: Tx): Promise<void> {
    const d = event.data;
    await this.facts.addGradeAdjustment(
      tx,
      d.uscc,
      { gradeId: d.gradeId, previousGrade: d.previousGrade, newGrade: d.newGrade ?? null, reason: d.reason, effectiveAt: d.effectiveAt, ruleVersion: d.ruleVersion },
      event.id,
    );
    const what = d.newGrade ? `lowered from ${d.previousGrade} to ${d.newGrade}` : `${d.previousGrade} cancelled`;
    await this.information(tx, event, d.uscc, d.newGrade ? 'EVALUATION_GRADE_LOWERED' : 'EVALUATION_GRADE_CANCELLED', `evaluation grade ${what}: ${d.reason} (${d.ruleVersion})`, new Date(d.effectiveAt));
  }

  /** evaluation.grade.expired → information only: the profile derives the EXPIRED status from the validity itself. */
  async onGradeExpired(event: CloudEvent<GradeExpiredV1>, tx: Tx): Promise<void> {
    const d = event.data;
    await this.information(tx, event, d.uscc, 'EVALUATION_GRADE_EXPIRED', `evaluation grade ${d.grade} expired after ${d.validUntil} (${d.ruleVersion})`, new Date(d.expiredAt));
  }

  /** purchasing.contract.signed → a government purchase undertaken. */
  async onContractSigned(event: CloudEvent<ContractSignedV1>, tx: Tx): Promise<void> {
    const d = event.data;
    await this.facts.addPurchaseContract(
      tx,
      {
        contractId: d.contractId,
        uscc: d.supplierUscc,
        purchaser: d.purchaser,
        title: d.title,
        method: d.method,
        valueFen: d.valueFen,
        termStart: d.termStart,
        termEnd: d.termEnd,
        signedAt: new Date(d.signedAt),
        ruleVersion: d.ruleVersion,
      },
      event.id,
    );
    await this.information(tx, event, d.supplierUscc, 'GOVERNMENT_PURCHASE_UNDERTAKEN', `undertook "${d.title}" for ${d.purchaser}, ${fen(d.valueFen)}, ${d.termStart} to ${d.termEnd} (${d.method}, ${d.ruleVersion})`, new Date(d.signedAt));
  }

  /** purchasing.contract.performance-assessed → the purchaser's assessment (outcome, score, breach). */
  async onContractPerformanceAssessed(event: CloudEvent<ContractPerformanceAssessedV1>, tx: Tx): Promise<void> {
    const d = event.data;
    await this.facts.addPurchaseAssessment(
      tx,
      { assessmentId: d.assessmentId, contractId: d.contractId, uscc: d.supplierUscc, outcome: d.outcome, score: d.score, breach: d.breach, assessedAt: new Date(d.assessedAt), ruleVersion: d.ruleVersion },
      event.id,
    );
    await this.information(
      tx,
      event,
      d.supplierUscc,
      d.breach ? 'GOVERNMENT_PURCHASE_BREACH' : 'GOVERNMENT_PURCHASE_ASSESSED',
      `performance of contract ${d.contractId} assessed by ${d.purchaser}: ${d.outcome} (${d.score}/100)${d.breach ? ', breach of contract' : ''} (${d.ruleVersion})`,
      new Date(d.assessedAt),
    );
  }
}
