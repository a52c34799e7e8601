import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Tx } from '@sop/messaging';
import { ruleVersionOf, type EvaluationRuleSet } from '../../domain/evaluation-rules';
import type { GradeRecord } from '../../domain/grade';
import { VerificationCaseStore } from './verification-cases.ports';

/**
 * Verification evaluation (核查评估, 2026 measures) of a grade in force, as consumed events prompt it: a case is
 * opened with the event id as evidence, or the event is added to the grade's open case (once). The grade itself
 * is left to the evaluators. Runs in the consuming handler's transaction.
 */
@Injectable()
export class OpenVerificationCase {
  constructor(private readonly cases: VerificationCaseStore) {}

  async forGrade(tx: Tx, grade: GradeRecord, cause: string, eventId: string, now: Date, rules: EvaluationRuleSet): Promise<void> {
    const [open] = await this.cases.openCasesOfGrade(tx, grade.gradeId);
    if (open) {
      if (!open.evidence.includes(eventId)) await this.cases.saveCase(tx, { ...open, evidence: [...open.evidence, eventId] });
      return;
    }
    await this.cases.saveCase(tx, {
      id: randomUUID(),
      uscc: grade.uscc,
      gradeId: grade.gradeId,
      status: 'OPEN',
      cause,
      evidence: [eventId],
      openedAt: now,
      ruleVersion: ruleVersionOf(rules),
      closedAt: null,
      outcome: null,
      adjustmentId: null,
    });
  }
}
