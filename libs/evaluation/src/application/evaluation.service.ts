import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { assertJurisdiction, AuthErrors, type Principal } from '@sop/auth';
import {
  GradeAdjusted,
  GradeAwarded,
  GradeExpired,
  type GradeAdjustedV1,
  type GradeAwardedV1,
  type GradeExpiredV1,
  type JointMeasuresChangedV1,
  type OrganizationDeregisteredV1,
  type OrganizationRevokedV1,
} from '@sop/contracts';
import { UnitOfWork, type CloudEvent, type Tx } from '@sop/messaging';
import { Clock, divisionPrefix } from '@sop/util';
import type { CommitteeVote } from '../domain/committee';
import { assessEligibility, type Eligibility } from '../domain/eligibility';
import { EvaluationErrors } from '../domain/evaluation.errors';
import { ruleSetAt, ruleVersionOf, type EvaluationRuleSet } from '../domain/evaluation-rules';
import { expiredAtOf, expiryDue } from '../domain/expiry';
import { currentGrade, type GradeRecord } from '../domain/grade';
import { decideAdjustment, decideAward, verificationNeeded } from '../domain/grade-decisions';
import { registrationStatusAfter, VERIFICATION_CAUSE_OF_REGISTRATION_END, type EndedRegistrationStatus } from '../domain/registration-status';
import { utcDate } from '../domain/validity';
import { EvaluationStore, type CaseStatus, type EvaluationOrganization, type GradeAdjustmentRecord, type VerificationCase } from './evaluation.ports';

function rulesAt(at: Date, field: string): EvaluationRuleSet {
  try {
    return ruleSetAt(at);
  } catch {
    throw new EvaluationErrors.NO_RULE_SET(`no evaluation rule set was in force at ${at.toISOString()} (Order 39 applies from 2011-03-01)`, {
      violations: [{ field, rule: 'RULE_SET_IN_FORCE', message: 'must not be before 2011-03-01' }],
    });
  }
}

function notInFuture(at: Date, now: Date, field: string): void {
  if (at > now) {
    throw new EvaluationErrors.DATE_IN_FUTURE(`${field} ${at.toISOString()} lies in the future`, { violations: [{ field, rule: 'HAS_HAPPENED', message: `${field} must not be after now` }] });
  }
}

export interface AwardGradeInput {
  uscc: string;
  score: number;
  announcedAt: string;
  committee: CommitteeVote;
}

export interface AdjustGradeInput {
  /** Absent: cancel the grade. */
  newGrade?: string;
  reason: string;
  explanation: string;
  /** Default: now. */
  effectiveAt?: string;
  evidence?: string[];
}

export interface GradeView {
  gradeId: string;
  uscc: string;
  grade: string;
  awardedGrade: string;
  score: number;
  evaluatingAuthority: string;
  announcedAt: string;
  validFrom: string;
  validUntil: string;
  status: string;
  /** Announced and not yet past its validity on the day asked (a 2026 grade is announced before its validity starts). */
  inForce: boolean;
  replacesGradeId: string | null;
  supersededByGradeId: string | null;
  ruleVersion: string;
}

const gradeView = (g: GradeRecord, today: string): GradeView => ({
  gradeId: g.gradeId,
  uscc: g.uscc,
  grade: g.grade,
  awardedGrade: g.awardedGrade,
  score: g.score,
  evaluatingAuthority: g.evaluatingAuthority,
  announcedAt: g.announcedAt,
  validFrom: g.validFrom,
  validUntil: g.validUntil,
  status: g.status,
  inForce: g.status === 'ACTIVE' && g.validFrom <= today && today <= g.validUntil,
  replacesGradeId: g.replacesGradeId,
  supersededByGradeId: g.supersededByGradeId,
  ruleVersion: g.ruleVersion,
});

const caseView = (c: VerificationCase) => ({
  ...c,
  openedAt: c.openedAt.toISOString(),
  closedAt: c.closedAt?.toISOString() ?? null,
});

/** Grades looked up per round by publishDueExpiries. */
const EXPIRY_BATCH = 100;

const adjustmentView = (a: GradeAdjustmentRecord) => ({ ...a, effectiveAt: a.effectiveAt.toISOString(), recordedAt: a.recordedAt.toISOString() });

/**
 * Grade decisions (regulations §6). Each decision runs in one UnitOfWork transaction under the organization's
 * lock: the grade rows change and the GradeAwarded / GradeAdjusted event goes to the outbox together.
 */
@Injectable()
export class EvaluationService {
  private readonly logger = new Logger('EvaluationService');

  constructor(
    private readonly uow: UnitOfWork,
    private readonly store: EvaluationStore,
    private readonly clock: Clock,
  ) {}

  // ---------------------------------------------------------------- access

  /** Evaluators change grades within their jurisdiction (Order 39 Art. 4–5: civil affairs evaluates what it registered). */
  private async organizationForEvaluator(uscc: string, principal: Principal): Promise<EvaluationOrganization> {
    if (!principal.roles.includes('evaluator')) throw new AuthErrors.ROLE_REQUIRED('only evaluators decide grades');
    const org = await this.store.organization(null, uscc);
    if (!org) throw new EvaluationErrors.ORGANIZATION_NOT_FOUND(`evaluation has no organization ${uscc}`);
    assertJurisdiction(principal, org.registeringAuthority, `organization ${uscc}`);
    return org;
  }

  /** Auditors read everything, evaluators within jurisdiction, an organization's representative its own organization. */
  private async organizationForReader(uscc: string, principal: Principal): Promise<EvaluationOrganization> {
    const officer = principal.roles.includes('auditor') || principal.roles.includes('evaluator');
    const own = principal.roles.includes('org-representative') && principal.organizationUscc === uscc;
    if (!officer && !own) throw new EvaluationErrors.NOT_OWN_ORGANIZATION('an organization sees only its own evaluation record');
    const org = await this.store.organization(null, uscc);
    if (!org) throw new EvaluationErrors.ORGANIZATION_NOT_FOUND(`evaluation has no organization ${uscc}`);
    if (principal.roles.includes('auditor') || own) return org;
    assertJurisdiction(principal, org.registeringAuthority, `organization ${uscc}`);
    return org;
  }

  // ---------------------------------------------------------------- commands

  /**
   * The committee's grade, announced (the 7th step of the procedure, regulations §6): checked and computed under
   * the rule set in force at `announcedAt`, persisted, and published as GradeAwarded. A re-evaluation (2026
   * measures) marks the grade it replaces SUPERSEDED.
   */
  async awardGrade(input: AwardGradeInput, principal: Principal): Promise<GradeView & { basis: string; eventId: string }> {
    const org = await this.organizationForEvaluator(input.uscc, principal);
    const now = this.clock.now();
    const announcedAt = new Date(input.announcedAt);
    notInFuture(announcedAt, now, 'announcedAt');
    const rules = rulesAt(announcedAt, 'announcedAt');
    return this.uow.run(async (tx) => {
      await this.store.lockOrganization(tx, org.uscc);
      // Read again under the lock: a revocation consumed meanwhile must bar the grade.
      const [locked, grades, measures] = await Promise.all([this.store.organization(tx, org.uscc), this.store.grades(tx, org.uscc), this.store.creditMeasures(tx, org.uscc)]);
      const registration = locked ?? org;
      const decision = decideAward(
        { registeredAt: org.registeredAt, registrationStatus: registration.registrationStatus, registrationStatusAt: registration.registrationStatusAt, grades, measures: measures?.measures ?? [] },
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
        replacesGradeId: decision.replacesGradeId,
        supersededByGradeId: null,
      };
      await this.store.insertGrade(tx, record, { committee: input.committee, awardedBy: principal.subject, recordedAt: now, eventId: published.id });
      if (decision.replacesGradeId) {
        // 2026 measures: "the new grade replaces the old one". Open verification cases follow the organization's
        // grade: the facts that prompted them may affect the new grade just as well.
        await this.store.updateGrade(tx, decision.replacesGradeId, { status: 'SUPERSEDED', supersededByGradeId: gradeId });
        for (const c of await this.store.openCasesOfGrade(tx, decision.replacesGradeId)) await this.store.saveCase(tx, { ...c, gradeId });
      }
      return { ...gradeView(record, utcDate(now)), basis: decision.basis, eventId: published.id };
    });
  }

  /**
   * Lowers (new grade strictly lower) or cancels (no new grade) a grade in force (regulations §6
   * Downgrade/cancellation, 2026 verification evaluation) and publishes GradeAdjusted. Open verification cases of
   * the grade are closed by it and their evidence travels with the event.
   */
  async adjustGrade(gradeId: string, input: AdjustGradeInput, principal: Principal) {
    if (!principal.roles.includes('evaluator')) throw new AuthErrors.ROLE_REQUIRED('only evaluators adjust grades');
    const found = await this.store.grade(null, gradeId);
    if (!found) throw new EvaluationErrors.GRADE_NOT_FOUND(`no grade ${gradeId}`);
    const org = await this.organizationForEvaluator(found.uscc, principal);
    const now = this.clock.now();
    const effectiveAt = input.effectiveAt ? new Date(input.effectiveAt) : now;
    notInFuture(effectiveAt, now, 'effectiveAt');
    const rules = rulesAt(effectiveAt, 'effectiveAt');
    return this.uow.run(async (tx) => {
      await this.store.lockOrganization(tx, org.uscc);
      const grade = await this.store.grade(tx, gradeId);
      if (!grade) throw new EvaluationErrors.GRADE_NOT_FOUND(`no grade ${gradeId}`);
      const decision = decideAdjustment(grade, { newGrade: input.newGrade, reason: input.reason, effectiveAt }, rules);
      const cases = await this.store.openCasesOfGrade(tx, gradeId);
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
        adjustedBy: principal.subject,
        recordedAt: now,
        eventId: published.id,
      };
      await this.store.insertAdjustment(tx, adjustment);
      await this.store.updateGrade(tx, gradeId, decision.newGrade ? { grade: decision.newGrade } : { status: 'CANCELLED' });
      for (const c of cases) await this.store.saveCase(tx, { ...c, status: 'CLOSED', closedAt: now, outcome: 'GRADE_ADJUSTED', adjustmentId: adjustment.id });
      const updated = { ...grade, grade: decision.newGrade ?? grade.grade, status: decision.status };
      return { grade: gradeView(updated, utcDate(now)), adjustment: adjustmentView(adjustment), closedCases: cases.map((c) => c.id) };
    });
  }

  /** The evaluators verified the grade and keep it: the case is closed without an adjustment. */
  async confirmGrade(caseId: string, principal: Principal) {
    if (!principal.roles.includes('evaluator')) throw new AuthErrors.ROLE_REQUIRED('only evaluators close verification cases');
    const found = await this.store.verificationCase(null, caseId);
    if (!found) throw new EvaluationErrors.CASE_NOT_FOUND(`no verification case ${caseId}`);
    await this.organizationForEvaluator(found.uscc, principal);
    const now = this.clock.now();
    return this.uow.run(async (tx) => {
      await this.store.lockOrganization(tx, found.uscc);
      const c = await this.store.verificationCase(tx, caseId);
      if (!c || c.status !== 'OPEN') throw new EvaluationErrors.CASE_NOT_OPEN(`verification case ${caseId} is ${c?.status ?? 'gone'}`);
      const closed: VerificationCase = { ...c, status: 'CLOSED', closedAt: now, outcome: 'GRADE_CONFIRMED' };
      await this.store.saveCase(tx, closed);
      return caseView(closed);
    });
  }

  // ---------------------------------------------------------------- time-driven

  /**
   * GradeExpired for every ACTIVE grade (lowered ones included, with their grade now) whose validity ended before
   * `now`'s UTC date, once per grade (regulations §6; Order 39 Art. 6 / 28). Each grade in one transaction under
   * its organization's lock: read again, and only if still ACTIVE, past its validity and not yet published, the
   * event goes to the outbox and `expiry_published_at` is set together. Re-runs, overlapping schedulers on several
   * instances and crashes therefore never publish twice; SUPERSEDED / CANCELLED grades never expire by event.
   * A grade that fails is logged and left for the next run. Returns how many were published.
   */
  async publishDueExpiries(now: Date = this.clock.now()): Promise<number> {
    const before = utcDate(now);
    let published = 0;
    // Grades that failed (or were not published on re-reading) may still be listed: each is tried once per run,
    // and the look-up is widened to reach past them.
    const passed = new Set<string>();
    for (;;) {
      const due = (await this.store.gradesDueToExpire(before, EXPIRY_BATCH + passed.size)).filter((g) => !passed.has(g.gradeId));
      if (!due.length) break;
      for (const candidate of due) {
        try {
          if (await this.publishExpiry(candidate, now)) published++;
          else passed.add(candidate.gradeId);
        } catch (err) {
          passed.add(candidate.gradeId);
          this.logger.error(`GradeExpired for grade ${candidate.gradeId} failed: ${(err as Error).message}`);
        }
      }
    }
    if (published) this.logger.log(`${published} grade(s) expired`);
    return published;
  }

  private publishExpiry(candidate: GradeRecord, now: Date): Promise<boolean> {
    return this.uow.run(async (tx) => {
      await this.store.lockOrganization(tx, candidate.uscc);
      const grade = await this.store.grade(tx, candidate.gradeId);
      if (!grade || !expiryDue(grade, now)) return false;
      // Conditional on "not yet published": where the lock is a no-op (SQLite), this still makes it once.
      if (!(await this.store.markExpiryPublished(tx, grade.gradeId, now))) return false;
      const data: GradeExpiredV1 = {
        gradeId: grade.gradeId,
        uscc: grade.uscc,
        grade: grade.grade,
        validUntil: grade.validUntil,
        expiredAt: expiredAtOf(grade.validUntil),
        ruleVersion: grade.ruleVersion,
      };
      await tx.publish(GradeExpired, { subject: grade.uscc, data, policyVersion: grade.ruleVersion });
      return true;
    });
  }

  // ---------------------------------------------------------------- consumed events

  /**
   * credit.joint-measures.changed → the organization's measures, as a whole set replacing the previous one (an
   * older set arriving late is ignored). With GRADE_DOWNGRADE_REFERENCE and a grade in force, a verification case
   * (核查评估, 2026 measures) is opened with the event id as evidence — or the event is added to the open one.
   * The grade is never lowered automatically: evaluators decide after verifying (§5.3 "an important reference").
   */
  async onJointMeasuresChanged(event: CloudEvent<JointMeasuresChangedV1>, tx: Tx): Promise<void> {
    const d = event.data;
    const now = this.clock.now();
    const effectiveFrom = new Date(d.effectiveFrom);
    await this.store.lockOrganization(tx, d.uscc);
    const previous = await this.store.creditMeasures(tx, d.uscc);
    if (previous && previous.effectiveFrom > effectiveFrom) return;
    await this.store.saveCreditMeasures(tx, { uscc: d.uscc, lists: [...d.lists], measures: [...d.measures], effectiveFrom, ruleVersion: d.ruleVersion, lastEventId: event.id, receivedAt: now });

    const rules = ruleSetAt(now);
    const current = currentGrade(await this.store.grades(tx, d.uscc), utcDate(now));
    const prompting = verificationNeeded(d.measures, current, rules);
    if (!current || prompting.length === 0) return;
    await this.verifyGrade(tx, current, `CREDIT_${prompting[0]}`, event.id, now, rules);
  }

  /** registration.organization.revoked → REVOKED (see onRegistrationEnded). */
  onOrganizationRevoked(event: CloudEvent<OrganizationRevokedV1>, tx: Tx): Promise<void> {
    return this.onRegistrationEnded(event, 'REVOKED', new Date(event.data.revokedAt), tx);
  }

  /** registration.organization.deregistered → DEREGISTERED (see onRegistrationEnded). */
  onOrganizationDeregistered(event: CloudEvent<OrganizationDeregisteredV1>, tx: Tx): Promise<void> {
    return this.onRegistrationEnded(event, 'DEREGISTERED', new Date(event.data.deregisteredAt), tx);
  }

  /**
   * The organization's registration ended: its status (and when, and by which event) is recorded, so that it is
   * no longer evaluated (regulations §6; Order 39 Art. 6). A grade in force is not cancelled automatically — the
   * evaluators decide — but a verification case is opened for it (cause REGISTRATION_REVOKED / DEREGISTERED, the
   * event id as evidence), or the event is added to the grade's open case. An organization evaluation never
   * projected, or a status already recorded (or deregistration being final), records nothing.
   */
  private async onRegistrationEnded(event: CloudEvent<{ uscc: string }>, reported: EndedRegistrationStatus, at: Date, tx: Tx): Promise<void> {
    const uscc = event.data.uscc;
    const now = this.clock.now();
    await this.store.lockOrganization(tx, uscc);
    const org = await this.store.organization(tx, uscc);
    if (!org) return;
    const status = registrationStatusAfter(org.registrationStatus, reported);
    if (!status) return;
    await this.store.setRegistrationStatus(tx, uscc, status, at, event.id);
    const current = currentGrade(await this.store.grades(tx, uscc), utcDate(now));
    if (current) await this.verifyGrade(tx, current, VERIFICATION_CAUSE_OF_REGISTRATION_END[status], event.id, now, ruleSetAt(now));
  }

  /**
   * Verification evaluation (核查评估, 2026 measures) of a grade in force: a case is opened with the event id as
   * evidence, or the event is added to the grade's open case (once). The grade itself is left to the evaluators.
   */
  private async verifyGrade(tx: Tx, grade: GradeRecord, cause: string, eventId: string, now: Date, rules: EvaluationRuleSet): Promise<void> {
    const [open] = await this.store.openCasesOfGrade(tx, grade.gradeId);
    if (open) {
      if (!open.evidence.includes(eventId)) await this.store.saveCase(tx, { ...open, evidence: [...open.evidence, eventId] });
      return;
    }
    await this.store.saveCase(tx, {
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

  // ---------------------------------------------------------------- reads

  /** The organization with its registration status, its current grade, its credit measures and whether it may be evaluated now (and why not). */
  async organizationView(uscc: string, principal: Principal) {
    const org = await this.organizationForReader(uscc, principal);
    const now = this.clock.now();
    const today = utcDate(now);
    const [grades, measures] = await Promise.all([this.store.grades(null, uscc), this.store.creditMeasures(null, uscc)]);
    const current = currentGrade(grades, today);
    const eligibility: Eligibility = assessEligibility(
      { registeredAt: org.registeredAt, registrationStatus: org.registrationStatus, registrationStatusAt: org.registrationStatusAt, grades, measures: measures?.measures ?? [] },
      now,
      ruleSetAt(now),
    );
    return {
      uscc: org.uscc,
      name: org.name,
      form: org.form,
      category: org.category,
      registeringAuthority: org.registeringAuthority,
      registeredAt: org.registeredAt.toISOString(),
      eligibleForEvaluationFrom: org.eligibleFrom.toISOString(),
      registrationStatus: org.registrationStatus,
      registrationStatusAt: org.registrationStatusAt?.toISOString() ?? null,
      currentGrade: current ? gradeView(current, today) : null,
      eligibility: eligibility.eligible
        ? { eligible: true, basis: eligibility.basis, replacesGradeId: eligibility.replacesGradeId, ruleVersion: eligibility.ruleVersion, asOf: now.toISOString() }
        : { eligible: false, reason: { code: eligibility.code, field: eligibility.field, rule: eligibility.rule, message: eligibility.message }, ruleVersion: eligibility.ruleVersion, asOf: now.toISOString() },
      creditMeasures: measures ? { lists: measures.lists, measures: measures.measures, effectiveFrom: measures.effectiveFrom.toISOString(), ruleVersion: measures.ruleVersion } : null,
    };
  }

  /** Every grade of the organization (newest first) with its adjustments. */
  async gradeHistory(uscc: string, principal: Principal) {
    await this.organizationForReader(uscc, principal);
    const today = utcDate(this.clock.now());
    const [grades, adjustments] = await Promise.all([this.store.grades(null, uscc), this.store.adjustmentsOf(null, uscc)]);
    return {
      uscc,
      grades: [...grades].reverse().map((g) => ({ ...gradeView(g, today), adjustments: adjustments.filter((a) => a.gradeId === g.gradeId).map(adjustmentView) })),
    };
  }

  /** Verification cases within the caller's jurisdiction (auditors: all). */
  async verificationCases(status: CaseStatus | undefined, principal: Principal) {
    const auditor = principal.roles.includes('auditor');
    if (!auditor && !principal.roles.includes('evaluator')) throw new AuthErrors.ROLE_REQUIRED('evaluators and auditors read verification cases');
    const prefix = auditor ? '' : divisionPrefix(principal.jurisdiction);
    const cases = await this.store.cases({ status, divisionPrefix: prefix, limit: 500 });
    return { items: cases.map(caseView) };
  }
}
