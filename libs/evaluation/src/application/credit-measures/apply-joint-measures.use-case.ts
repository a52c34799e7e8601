import { Injectable } from '@nestjs/common';
import type { JointMeasuresChangedV1 } from '@sop/contracts';
import type { CloudEvent, Tx } from '@sop/messaging';
import { civilDateOf, Clock } from '@sop/util';
import { ruleSetAt } from '../../domain/evaluation-rules';
import { currentGrade } from '../../domain/grade';
import { verificationNeeded } from '../../domain/grade-decisions';
import { GradeStore } from '../grades/grades.ports';
import { OrganizationStore } from '../organizations/organizations.ports';
import { OpenVerificationCase } from '../verification-cases/open-verification-case';
import { CreditMeasuresStore } from './credit-measures.ports';

/**
 * credit.joint-measures.changed → the organization's measures, as a whole set replacing the previous one (an
 * older set arriving late is ignored). With GRADE_DOWNGRADE_REFERENCE and a grade in force, a verification case
 * (核查评估, 2026 measures) is opened with the event id as evidence — or the event is added to the open one.
 * The grade is never lowered automatically: evaluators decide after verifying (§5.3 "an important reference").
 * Runs in the consuming handler's transaction.
 */
@Injectable()
export class ApplyJointMeasures {
  constructor(
    private readonly organizations: OrganizationStore,
    private readonly measures: CreditMeasuresStore,
    private readonly grades: GradeStore,
    private readonly verification: OpenVerificationCase,
    private readonly clock: Clock,
  ) {}

  async execute(event: CloudEvent<JointMeasuresChangedV1>, tx: Tx): Promise<void> {
    const d = event.data;
    const now = this.clock.now();
    const effectiveFrom = new Date(d.effectiveFrom);
    await this.organizations.lockOrganization(tx, d.uscc);
    const previous = await this.measures.creditMeasures(tx, d.uscc);
    if (previous && previous.effectiveFrom > effectiveFrom) return;
    await this.measures.saveCreditMeasures(tx, { uscc: d.uscc, lists: [...d.lists], measures: [...d.measures], effectiveFrom, ruleVersion: d.ruleVersion, lastEventId: event.id, receivedAt: now });

    const rules = ruleSetAt(now);
    const current = currentGrade(await this.grades.grades(tx, d.uscc), civilDateOf(now));
    const prompting = verificationNeeded(d.measures, current, rules);
    if (!current || prompting.length === 0) return;
    await this.verification.forGrade(tx, current, `CREDIT_${prompting[0]}`, event.id, now, rules);
  }
}
