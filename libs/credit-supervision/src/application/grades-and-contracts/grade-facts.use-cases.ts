import { Injectable } from '@nestjs/common';
import type { GradeAdjustedV1, GradeAwardedV1, GradeExpiredV1 } from '@sop/contracts';
import type { CloudEvent, Tx } from '@sop/messaging';
import { Clock } from '@sop/util';
import { CreditCalendar } from '../calendar/credit-calendar';
import { informationAt } from '../organizations/credit-information';
import { OrganizationStore } from '../organizations/organizations.ports';
import { GradesAndContractsStore } from './grades-and-contracts.ports';

/**
 * Evaluation grades with their validity as "other" credit information (Order 60 Art. 7; regulations §6): each
 * fact becomes information with its 5-working-day capture deadline (§5) and a structured record the public
 * profile shows. A low grade is not one of the §5.1/§5.2 list triggers.
 */
@Injectable()
export class GradeFacts {
  constructor(
    private readonly organizations: OrganizationStore,
    private readonly facts: GradesAndContractsStore,
    private readonly clock: Clock,
    private readonly calendar: CreditCalendar,
  ) {}

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

  private information(tx: Tx, event: CloudEvent, uscc: string, factType: string, summary: string, occurredAt: Date): Promise<void> {
    return this.organizations.addInformation(tx, informationAt(this.calendar, this.clock.now(), { uscc, category: 'OTHER', factType, sourceId: event.id, summary, occurredAt }));
  }
}
