import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Principal } from '@sop/auth';
import { GradeAdjusted, type GradeAdjustedV1 } from '@sop/contracts';
import { UnitOfWork, OfficialCalendars } from '@sop/messaging';
import { civilDateOf, Clock } from '@sop/util';
import { EvaluationErrors } from '../../domain/evaluation.errors';
import { certificateReturnPeriod } from '../../domain/certificate-return';
import { decideAdjustment } from '../../domain/grade-decisions';
import { assertEvaluator, OrganizationAccess } from '../organizations/organization-access';
import { OrganizationStore } from '../organizations/organizations.ports';
import { VerificationCaseStore } from '../verification-cases/verification-cases.ports';
import { notInFuture, rulesAt } from './decision-time';
import { adjustmentView, gradeView } from './grade.views';
import { GradeStore, type GradeAdjustmentRecord } from './grades.ports';

export interface AdjustGradeInput {
  /** Absent: cancel the grade. */
  newGrade?: string;
  reason: string;
  explanation: string;
  /** Default: now. */
  effectiveAt?: string;
  evidence?: string[];
}

/**
 * Lowers (new grade strictly lower) or cancels (no new grade) a grade in force (regulations §6
 * Downgrade/cancellation, 2026 verification evaluation) and publishes GradeAdjusted, in one UnitOfWork transaction
 * under the organization's lock. Open verification cases of the grade are closed by it and their evidence travels
 * with the event.
 */
@Injectable()
export class AdjustGrade {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly access: OrganizationAccess,
    private readonly organizations: OrganizationStore,
    private readonly grades: GradeStore,
    private readonly cases: VerificationCaseStore,
    private readonly clock: Clock,
    private readonly calendars: OfficialCalendars,
  ) {}

  async execute(gradeId: string, input: AdjustGradeInput, principal: Principal) {
    assertEvaluator(principal, 'only evaluators adjust grades');
    const found = await this.grades.grade(null, gradeId);
    if (!found) throw new EvaluationErrors.GRADE_NOT_FOUND(`no grade ${gradeId}`);
    const org = await this.access.forEvaluator(found.uscc, principal);
    const now = this.clock.now();
    const effectiveAt = input.effectiveAt ? new Date(input.effectiveAt) : now;
    notInFuture(effectiveAt, now, 'effectiveAt');
    const rules = rulesAt(effectiveAt, 'effectiveAt');
    return this.uow.run(async (tx) => {
      await this.organizations.lockOrganization(tx, org.uscc);
      const grade = await this.grades.grade(tx, gradeId);
      if (!grade) throw new EvaluationErrors.GRADE_NOT_FOUND(`no grade ${gradeId}`);
      const decision = decideAdjustment(grade, { newGrade: input.newGrade, reason: input.reason, effectiveAt }, rules);
      const cases = await this.cases.openCasesOfGrade(tx, gradeId);
      const evidence = [...new Set([...(input.evidence ?? []), ...cases.flatMap((c) => c.evidence)])];
      const data: GradeAdjustedV1 = {
        gradeId,
        uscc: org.uscc,
        previousGrade: decision.previousGrade,
        reason: decision.reason,
        explanation: input.explanation,
        effectiveAt: effectiveAt.toISOString(),
        evidence,
        ruleVersion: decision.ruleVersion,
      };
      if (decision.newGrade) data.newGrade = decision.newGrade;
      const published = await tx.publish(GradeAdjusted, { subject: org.uscc, data, policyVersion: decision.ruleVersion });
      // The notice of the lowering or cancellation starts the 15 days for returning certificate and plaque (§6).
      const certificateReturn = certificateReturnPeriod(effectiveAt, rules, this.calendars.current());
      const adjustment: GradeAdjustmentRecord = {
        id: randomUUID(),
        gradeId,
        uscc: org.uscc,
        previousGrade: decision.previousGrade,
        newGrade: decision.newGrade,
        reason: decision.reason,
        explanation: input.explanation,
        effectiveAt,
        evidence,
        ruleVersion: decision.ruleVersion,
        certificateReturnDueOn: certificateReturn?.lastDay ?? null,
        calendarVersion: certificateReturn?.calendarVersion ?? null,
        adjustedBy: principal.subject,
        recordedAt: now,
        eventId: published.id,
      };
      await this.grades.insertAdjustment(tx, adjustment);
      await this.grades.updateGrade(tx, gradeId, decision.newGrade ? { grade: decision.newGrade } : { status: 'CANCELLED' });
      for (const c of cases) await this.cases.saveCase(tx, { ...c, status: 'CLOSED', closedAt: now, outcome: 'GRADE_ADJUSTED', adjustmentId: adjustment.id });
      const updated = { ...grade, grade: decision.newGrade ?? grade.grade, status: decision.status };
      return { grade: gradeView(updated, civilDateOf(now), [adjustment], this.calendars.current()), adjustment: adjustmentView(adjustment, this.calendars.current()), closedCases: cases.map((c) => c.id) };
    });
  }
}
