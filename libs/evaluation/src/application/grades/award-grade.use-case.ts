import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Principal } from '@sop/auth';
import { GradeAwarded, type GradeAwardedV1 } from '@sop/contracts';
import { UnitOfWork, type Tx } from '@sop/messaging';
import { civilDateOf, Clock } from '@sop/util';
import type { CommitteeVote } from '../../domain/committee';
import type { GradeRecord } from '../../domain/grade';
import { decideAward } from '../../domain/grade-decisions';
import { resolveRules } from '../../domain/local-rule-sets';
import { ComplianceFactsStore } from '../compliance/compliance.ports';
import { CreditMeasuresStore } from '../credit-measures/credit-measures.ports';
import { OrganizationAccess } from '../organizations/organization-access';
import { OrganizationStore, type EvaluationOrganization } from '../organizations/organizations.ports';
import { EvaluationRuleSetStore } from '../rule-sets/rule-sets.ports';
import { VerificationCaseStore } from '../verification-cases/verification-cases.ports';
import { notInFuture, rulesAt } from './decision-time';
import { gradeView, type GradeView } from './grade.views';
import { GradeStore } from './grades.ports';

export interface AwardGradeInput {
  uscc: string;
  score: number;
  announcedAt: string;
  committee: CommitteeVote;
}

/**
 * The committee's grade, announced (the 7th step of the procedure, regulations §6): checked and computed under
 * the rule set in force at `announcedAt`, persisted, and published as GradeAwarded — in one UnitOfWork
 * transaction under the organization's lock. A re-evaluation (2026 measures) marks the grade it replaces
 * SUPERSEDED.
 */
@Injectable()
export class AwardGrade {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly access: OrganizationAccess,
    private readonly organizations: OrganizationStore,
    private readonly grades: GradeStore,
    private readonly measures: CreditMeasuresStore,
    private readonly cases: VerificationCaseStore,
    private readonly clock: Clock,
    private readonly compliance: ComplianceFactsStore,
    private readonly ruleSets: EvaluationRuleSetStore,
  ) {}

  async execute(input: AwardGradeInput, principal: Principal): Promise<GradeView & { basis: string; eventId: string }> {
    const org = await this.access.forEvaluator(input.uscc, principal);
    const now = this.clock.now();
    notInFuture(new Date(input.announcedAt), now, 'announcedAt');
    return this.uow.run((tx) => this.awardWithin(tx, org, input, principal, now));
  }

  /**
   * The award inside the caller's transaction: the procedure's announcement (application/procedure) awards the
   * grade and records its own step in one transaction. The caller has checked access; the organization is locked here.
   */
  async awardWithin(tx: Tx, org: EvaluationOrganization, input: AwardGradeInput, principal: Principal, now: Date): Promise<GradeView & { basis: string; eventId: string }> {
    const announcedAt = new Date(input.announcedAt);
    const national = rulesAt(announcedAt, 'announcedAt');
    await this.organizations.lockOrganization(tx, org.uscc);
    // Read again under the lock: a revocation consumed meanwhile must bar the grade.
    const [locked, grades, measures, annualReports, penalties, localVersions] = await Promise.all([
      this.organizations.organization(tx, org.uscc),
      this.grades.grades(tx, org.uscc),
      this.measures.creditMeasures(tx, org.uscc),
      this.compliance.annualReports(tx, org.uscc),
      this.compliance.penalties(tx, org.uscc),
      this.ruleSets.versions(tx),
    ]);
    // Issue §2 "local rules are local": the national rule set in force, with the grade cut-offs (set locally,
    // regulations §6 Scoring) of the most specific local rule set covering the evaluating authority's division.
    const { rules, localVersion } = resolveRules(national, announcedAt, org.registeringAuthority, localVersions);
    const registration = locked ?? org;
    const decision = decideAward(
      // Order 39 Art. 7 facts (regulations §6): annual-report outcomes and penalties as registration and credit reported them.
      { registeredAt: org.registeredAt, registrationStatus: registration.registrationStatus, registrationStatusAt: registration.registrationStatusAt, grades, measures: measures?.measures ?? [], annualReports, penalties, underInvestigation: registration.investigation?.underInvestigation ?? false },
      { score: input.score, announcedAt, committee: input.committee },
      rules,
    );
    const gradeId = randomUUID();
    const data: GradeAwardedV1 = {
      gradeId,
      uscc: org.uscc,
      grade: decision.grade,
      score: input.score,
      evaluatingAuthority: org.registeringAuthority,
      announcedAt: announcedAt.toISOString(),
      validFrom: decision.validFrom,
      validUntil: decision.validUntil,
      ruleVersion: decision.ruleVersion,
    };
    if (decision.replacesGradeId) data.replacesGradeId = decision.replacesGradeId;
    if (localVersion) data.localRuleVersion = localVersion;
    const published = await tx.publish(GradeAwarded, { subject: org.uscc, data, policyVersion: decision.ruleVersion });
    const record: GradeRecord = {
      gradeId,
      uscc: org.uscc,
      grade: decision.grade,
      awardedGrade: decision.grade,
      score: input.score,
      evaluatingAuthority: org.registeringAuthority,
      announcedAt: data.announcedAt,
      validFrom: decision.validFrom,
      validUntil: decision.validUntil,
      status: 'ACTIVE',
      ruleVersion: decision.ruleVersion,
      localRuleVersion: localVersion,
      replacesGradeId: decision.replacesGradeId,
      supersededByGradeId: null,
    };
    await this.grades.insertGrade(tx, record, { committee: input.committee, awardedBy: principal.subject, recordedAt: now, eventId: published.id });
    if (decision.replacesGradeId) {
      // 2026 measures: "the new grade replaces the old one". Open verification cases follow the organization's
      // grade: the facts that prompted them may affect the new grade just as well.
      await this.grades.updateGrade(tx, decision.replacesGradeId, { status: 'SUPERSEDED', supersededByGradeId: gradeId });
      for (const c of await this.cases.openCasesOfGrade(tx, decision.replacesGradeId)) await this.cases.saveCase(tx, { ...c, gradeId });
    }
    return { ...gradeView(record, civilDateOf(now)), basis: decision.basis, eventId: published.id };
  }
}
