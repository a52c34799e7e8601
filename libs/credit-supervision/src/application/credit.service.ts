import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { assertJurisdiction, type Principal } from '@sop/auth';
import {
  JointMeasuresChanged,
  PenaltyRecorded,
  type AnnualReportOverdueV1,
  type AnnualReportReviewedV1,
  type AnnualReportSubmittedV1,
  type OrganizationChangedV1,
  type OrganizationDeregisteredV1,
  type OrganizationRevokedV1,
  type SupervisionConvertedToGuidanceV1,
} from '@sop/contracts';
import { UnitOfWork, type CloudEvent, type Tx } from '@sop/messaging';
import { Clock, ProblemError } from '@sop/util';
import { ruleSetAt, ruleSetByVersion, triggerRule, isReasonOf, ruleVersionOf, type CreditRuleSet, type ListKind, type ListReason } from '../domain/credit-rules';
import { CN_NATIONAL_CALENDAR_V1, type HolidayCalendar } from '../domain/holiday-calendar';
import {
  applyListEvent,
  decideAnnulment,
  decideDeregistration,
  decideDueTimers,
  decideRectification,
  decideSeriousRemoval,
  decideTrigger,
  jointMeasuresOf,
  ListRuleViolation,
  nextTimerAt,
  replay,
  type ListEntry,
  type ListEvent,
  type ListState,
} from '../domain/list-state';
import { decideAnnualReportFulfilment, decideRevocation, projectedChanges, reviewInformationCategory, type InformationCategory } from '../domain/registration-facts';
import { penaltyTriggers, PenaltyInvalid, validatePenalty, type Penalty, type PenaltyKind } from '../domain/penalty';
import { addWorkingDays } from '../domain/working-days';
import { LIST_EVENT_CONTRACT, listEventPayload } from './list-event.mapping';
import { CreditStore, type CreditOrganization, type Objection, type RectificationNotice } from './credit.ports';


const UNPROCESSABLE = new Set(['CREDIT.REMOVAL_NOT_YET_ELIGIBLE', 'CREDIT.RECTIFICATION_OUTSTANDING', 'CREDIT.REMOVAL_ONLY_ON_DEREGISTRATION', 'CREDIT.NOT_SERIOUS_LIST']);

/** Domain rule violations → problem+json with a stable code naming the field / rule. */
function asProblem(err: unknown): unknown {
  if (err instanceof ListRuleViolation) {
    const v = [{ field: err.rule, rule: err.rule, message: err.message }];
    if (err.code === 'CREDIT.ENTRY_NOT_FOUND') return ProblemError.notFound(err.code, err.message);
    if (UNPROCESSABLE.has(err.code)) return ProblemError.unprocessable(err.code, err.message, v);
    return ProblemError.conflict(err.code, err.message);
  }
  if (err instanceof PenaltyInvalid) return ProblemError.badRequest('CREDIT.PENALTY_INVALID', err.message, [{ field: err.field, rule: err.rule, message: err.message }]);
  return err;
}

export interface RecordPenaltyInput {
  uscc: string;
  kind: PenaltyKind;
  amountFen?: number;
  suspendedUntil?: string;
  decidedAt: string;
  decidingBody: string;
  basis: string;
}

export interface ListTriggerInput {
  uscc: string;
  list: ListKind;
  reason: string;
  evidence: string[];
  occurredAt: string;
  /** UNREACHABLE_AT_DOMICILE: the special letters mailed to the registered domicile, all unsigned (§5.1). */
  unsignedLetters?: { reference: string; mailedAt: string }[];
}

/**
 * Credit supervision use cases. Every list decision runs in one UnitOfWork transaction: the list events are
 * appended to the log, the view is updated, and the same events (plus joint-measure changes) go to the outbox.
 */
@Injectable()
export class CreditService {
  readonly calendar: HolidayCalendar = CN_NATIONAL_CALENDAR_V1;
  private timersRunning: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly uow: UnitOfWork,
    private readonly store: CreditStore,
    private readonly clock: Clock,
  ) {}

  // ---------------------------------------------------------------- the list decision core

  /** Decide, append to the log, update the view, publish list events and any change of joint measures. */
  private async decide(tx: Tx, uscc: string, now: Date, decide: (state: ListState, rules: CreditRuleSet) => ListEvent[], causationId?: string): Promise<ListEvent[]> {
    const rules = ruleSetAt(now);
    await this.store.lockOrganization(tx, uscc);
    let state = await this.store.listState(tx, uscc);
    let events: ListEvent[];
    try {
      events = decide(state, rules);
    } catch (err) {
      throw asProblem(err);
    }
    if (events.length === 0) return events;
    const touched = new Set<string>();
    for (const e of events) {
      const published = await tx.publish(LIST_EVENT_CONTRACT[e.kind], { subject: uscc, data: listEventPayload(e), policyVersion: e.ruleVersion, causationId });
      await this.store.appendListEvent(tx, { eventId: published.id, event: e, recordedAt: now });
      state = applyListEvent(state, e);
      touched.add(e.entryId);
      if (e.kind === 'ESCALATED') touched.add(e.toEntryId);
    }
    await this.store.saveEntries(tx, [...touched].map((id) => this.viewRow(state[id])));
    const previous = await this.store.jointMeasures(tx, uscc);
    const current = jointMeasuresOf(state, uscc, rules);
    if (!previous || previous.lists.join() !== current.lists.join() || previous.measures.join() !== current.measures.join()) {
      if (previous || current.lists.length > 0) {
        const effectiveFrom = events.map((e) => e.at).sort()[events.length - 1];
        const ruleVersion = ruleVersionOf(rules);
        await tx.publish(JointMeasuresChanged, { subject: uscc,
          policyVersion: ruleVersion,
          causationId,
          data: { uscc, lists: current.lists, measures: current.measures, effectiveFrom, ruleVersion },
        });
        await this.store.saveJointMeasures(tx, { uscc, lists: current.lists, measures: current.measures, effectiveFrom: new Date(effectiveFrom), ruleVersion });
      }
    }
    return events;
  }

  private viewRow(entry: ListEntry): { entry: ListEntry; nextDueAt: Date | null } {
    return { entry, nextDueAt: nextTimerAt(entry, ruleSetByVersion(entry.ruleVersion)) };
  }

  private captureDeadline(occurredAt: Date, rules: CreditRuleSet): Date {
    // §5: information is entered within 5 working days of being formed or obtained.
    return addWorkingDays(occurredAt, rules.captureWorkingDays, this.calendar);
  }

  // ---------------------------------------------------------------- consumed events

  /** registration.annual-report.overdue → abnormal list, trigger 1 of §5.1, the event id as evidence. */
  async onAnnualReportOverdue(event: CloudEvent<AnnualReportOverdueV1>, tx: Tx): Promise<void> {
    const d = event.data;
    const now = this.clock.now();
    const at = new Date(d.detectedAt);
    await this.store.addInformation(tx, {
      uscc: d.uscc,
      category: 'ANNUAL_REPORT',
      factType: 'ANNUAL_REPORT_OVERDUE',
      sourceId: event.id,
      summary: `annual report for ${d.reportYear} not submitted by ${d.dueDate} (${d.ruleVersion})`,
      occurredAt: at,
      recordedAt: now,
      captureDeadline: this.captureDeadline(at, ruleSetAt(now)),
    });
    await this.store.addAnnualReportObligation(tx, { overdueEventId: event.id, uscc: d.uscc, reportYear: d.reportYear });
    await this.decide(
      tx,
      d.uscc,
      now,
      (s, r) => decideTrigger(s, { uscc: d.uscc, list: 'ABNORMAL', reason: 'ANNUAL_REPORT_OVERDUE', evidence: [event.id], at, decidingAuthority: d.registeringAuthority }, r, randomUUID),
      event.id,
    );
  }

  /** Credit information from a registration event, with its 5-working-day capture deadline (§5). */
  private async information(tx: Tx, event: CloudEvent, uscc: string, category: InformationCategory, factType: string, summary: string, occurredAt: Date, now: Date): Promise<void> {
    await this.store.addInformation(tx, { uscc, category, factType, sourceId: event.id, summary, occurredAt, recordedAt: now, captureDeadline: this.captureDeadline(occurredAt, ruleSetAt(now)) });
  }

  /**
   * registration.annual-report.submitted → annual-report information; the obligation of the year's overdue
   * events is fulfilled, and an entry whose overdue years are all submitted gets its rectification recorded as an
   * officer's verification would (no removal application: the §5.1 6-month removal applies), event id as evidence.
   */
  async onAnnualReportSubmitted(event: CloudEvent<AnnualReportSubmittedV1>, tx: Tx): Promise<void> {
    const d = event.data;
    const now = this.clock.now();
    const submittedAt = new Date(d.submittedAt);
    await this.information(tx, event, d.uscc, 'ANNUAL_REPORT', 'ANNUAL_REPORT_SUBMITTED', `annual report for ${d.reportYear} submitted${d.late ? ` late (due ${d.dueDate})` : ''} (${d.ruleVersion})`, submittedAt, now);
    await this.store.lockOrganization(tx, d.uscc);
    const obligations = await this.store.fulfilAnnualReportObligations(tx, { uscc: d.uscc, reportYear: d.reportYear, submittedAt, submittedEventId: event.id });
    const at = submittedAt > now ? now : submittedAt;
    await this.decide(tx, d.uscc, now, (s, r) => decideAnnualReportFulfilment(s, { uscc: d.uscc, obligations, evidence: [event.id], at }, r), event.id);
  }

  /** registration.annual-report.reviewed → a failed review is an inspection conclusion; pass / basic pass annual-report information. */
  async onAnnualReportReviewed(event: CloudEvent<AnnualReportReviewedV1>, tx: Tx): Promise<void> {
    const d = event.data;
    const factType = d.outcome === 'FAIL' ? 'ANNUAL_REPORT_REVIEW_FAILED' : `ANNUAL_REPORT_REVIEW_${d.outcome}`;
    await this.information(tx, event, d.uscc, reviewInformationCategory(d.outcome), factType, `annual report for ${d.reportYear} reviewed: ${d.outcome} (${d.ruleVersion})`, new Date(d.reviewedAt), this.clock.now());
  }

  /** registration.organization.revoked → penalty information and §5.2 trigger 7 (event id as evidence), unless already listed for it. */
  async onOrganizationRevoked(event: CloudEvent<OrganizationRevokedV1>, tx: Tx): Promise<void> {
    const d = event.data;
    const now = this.clock.now();
    const at = new Date(d.revokedAt);
    await this.information(tx, event, d.uscc, 'PENALTY', 'REGISTRATION_REVOKED', `registration revoked by ${d.registeringAuthority}: ${d.reason} (${d.legalBasis})`, at, now);
    await this.store.lockOrganization(tx, d.uscc);
    await this.store.setRegistrationStatus(tx, d.uscc, 'REVOKED', now);
    await this.decide(tx, d.uscc, now, (s, r) => decideRevocation(s, { uscc: d.uscc, evidence: [event.id], at, decidingAuthority: d.registeringAuthority }, r, randomUUID), event.id);
  }

  /** registration.organization.deregistered → status DEREGISTERED; an entry for revocation leaves the serious list (§5.2). */
  async onOrganizationDeregistered(event: CloudEvent<OrganizationDeregisteredV1>, tx: Tx): Promise<void> {
    const d = event.data;
    const now = this.clock.now();
    const at = new Date(d.deregisteredAt);
    await this.information(tx, event, d.uscc, 'BASIC', 'DEREGISTERED', `deregistered after liquidation completed on ${d.liquidationCompletedOn}${d.filedLate ? ' (filed late)' : ''}: ${d.reason}`, at, now);
    await this.store.lockOrganization(tx, d.uscc);
    await this.store.setRegistrationStatus(tx, d.uscc, 'DEREGISTERED', now);
    await this.decide(tx, d.uscc, now, (s, r) => decideDeregistration(s, d.uscc, at, r), event.id);
  }

  /** registration.organization.changed → basic information; name and domicile of the credit record follow, with the effective date. */
  async onOrganizationChanged(event: CloudEvent<OrganizationChangedV1>, tx: Tx): Promise<void> {
    const d = event.data;
    const now = this.clock.now();
    const at = new Date(d.effectiveAt);
    const fields = d.changes.map((c) => c.field).join(', ');
    await this.information(tx, event, d.uscc, 'BASIC', 'CHANGE_REGISTERED', `change registration of ${fields}, effective ${d.effectiveAt}`, at, now);
    await this.store.lockOrganization(tx, d.uscc);
    const org = await this.store.organization(tx, d.uscc);
    if (!org) return;
    const set = projectedChanges(d.changes, at, { name: org.nameEffectiveFrom ?? null, domicile: org.domicileEffectiveFrom ?? null });
    if (Object.keys(set).length > 0) await this.store.updateRegisterFields(tx, d.uscc, set, at, now);
  }

  /** registration.organization.supervision-converted-to-guidance → other information only. */
  async onSupervisionConvertedToGuidance(event: CloudEvent<SupervisionConvertedToGuidanceV1>, tx: Tx): Promise<void> {
    const d = event.data;
    await this.information(tx, event, d.uscc, 'OTHER', 'SUPERVISION_CONVERTED_TO_GUIDANCE', `supervising unit ${d.unitName} became a guidance unit (${d.fromPolicyVersion} → ${d.policyVersion})`, new Date(d.effectiveFrom), this.clock.now());
  }

  // ---------------------------------------------------------------- officers' records

  /** For officers' changes: the credit-officer role (auditors read only) and the organization within jurisdiction. */
  private async organizationFor(uscc: string, principal: Principal, tx: Tx | null = null): Promise<CreditOrganization> {
    if (!principal.roles.includes('credit-officer')) throw ProblemError.forbidden('AUTH.ROLE_REQUIRED', 'only credit officers change credit records');
    const org = await this.store.organization(tx, uscc);
    if (!org) throw ProblemError.notFound('CREDIT.ORGANIZATION_NOT_FOUND', `no credit record for USCC ${uscc}`);
    assertJurisdiction(principal, org.registeringAuthority, `organization ${uscc}`);
    return org;
  }

  async recordPenalty(input: RecordPenaltyInput, principal: Principal): Promise<Penalty> {
    const org = await this.organizationFor(input.uscc, principal);
    const penalty: Penalty = {
      penaltyId: randomUUID(),
      uscc: org.uscc,
      kind: input.kind,
      amountFen: input.amountFen ?? null,
      suspendedUntil: input.suspendedUntil ? new Date(input.suspendedUntil).toISOString() : null,
      decidedAt: new Date(input.decidedAt).toISOString(),
      decidingBody: input.decidingBody,
      basis: input.basis,
    };
    try {
      validatePenalty(penalty);
    } catch (err) {
      throw asProblem(err);
    }
    const now = this.clock.now();
    if (new Date(penalty.decidedAt) > now) throw ProblemError.badRequest('CREDIT.PENALTY_IN_FUTURE', 'decidedAt lies in the future', [{ field: 'decidedAt', rule: 'a recorded penalty has taken effect', message: 'decidedAt must not be after now' }]);
    return this.uow.run(async (tx) => {
      const rules = ruleSetAt(now);
      await this.store.lockOrganization(tx, org.uscc);
      const earlier = await this.store.penalties(tx, org.uscc);
      await this.store.insertPenalty(tx, penalty, principal.subject, now);
      const captureDeadline = this.captureDeadline(new Date(penalty.decidedAt), rules);
      await this.store.addInformation(tx, {
        uscc: org.uscc,
        category: 'PENALTY',
        factType: `PENALTY_${penalty.kind}`,
        sourceId: penalty.penaltyId,
        summary: `${penalty.kind}${penalty.amountFen !== null ? ` ${penalty.amountFen} fen` : ''} by ${penalty.decidingBody} (${penalty.basis})`,
        occurredAt: new Date(penalty.decidedAt),
        recordedAt: now,
        captureDeadline,
      });
      const published = await tx.publish(PenaltyRecorded, { subject: org.uscc,
        data: {
          penaltyId: penalty.penaltyId,
          uscc: org.uscc,
          kind: penalty.kind,
          ...(penalty.amountFen !== null ? { amountFen: penalty.amountFen } : {}),
          ...(penalty.suspendedUntil ? { suspendedUntil: penalty.suspendedUntil } : {}),
          decidedAt: penalty.decidedAt,
          decidingBody: penalty.decidingBody,
          basis: penalty.basis,
          recordedAt: now.toISOString(),
          captureDeadline: captureDeadline.toISOString(),
        },
      });
      for (const trigger of penaltyTriggers(penalty, earlier, rules, org.registeringAuthority)) {
        await this.decide(tx, org.uscc, now, (s, r) => decideTrigger(s, trigger, r, randomUUID), published.id);
      }
      return penalty;
    });
  }

  /** An administrative-inspection conclusion (Order 60 Art. 6-7 inspection information), recorded with its capture deadline. */
  async recordInspection(input: { uscc: string; inspectedAt: string; conclusion: string }, principal: Principal): Promise<{ id: string; captureDeadline: string; capturedLate: boolean }> {
    const org = await this.organizationFor(input.uscc, principal);
    const now = this.clock.now();
    const inspectedAt = new Date(input.inspectedAt);
    if (inspectedAt > now) throw ProblemError.badRequest('CREDIT.INSPECTION_IN_FUTURE', 'inspectedAt lies in the future', [{ field: 'inspectedAt', rule: 'an inspection has happened', message: 'must not be after now' }]);
    const id = randomUUID();
    const captureDeadline = this.captureDeadline(inspectedAt, ruleSetAt(now));
    await this.uow.run((tx) =>
      this.store.addInformation(tx, {
        uscc: org.uscc,
        category: 'INSPECTION',
        factType: 'INSPECTION_CONCLUSION',
        sourceId: id,
        summary: input.conclusion,
        occurredAt: inspectedAt,
        recordedAt: now,
        captureDeadline,
      }),
    );
    return { id, captureDeadline: captureDeadline.toISOString(), capturedLate: now > captureDeadline };
  }

  async issueRectificationNotice(input: { uscc: string; inspectedAt: string; findings: string; deadline: string }, principal: Principal): Promise<RectificationNotice> {
    const org = await this.organizationFor(input.uscc, principal);
    const now = this.clock.now();
    const notice: RectificationNotice = {
      id: randomUUID(),
      uscc: org.uscc,
      inspectedAt: new Date(input.inspectedAt),
      findings: input.findings,
      deadline: new Date(input.deadline),
      status: 'OPEN',
      resolvedAt: null,
      issuedBy: principal.subject,
      recordedAt: now,
    };
    if (notice.deadline <= notice.inspectedAt)
      throw ProblemError.badRequest('CREDIT.NOTICE_DEADLINE', 'the deadline must follow the inspection', [{ field: 'deadline', rule: 'deadline after inspectedAt', message: 'deadline must be after inspectedAt' }]);
    return this.uow.run(async (tx) => {
      await this.store.insertNotice(tx, notice);
      await this.store.addInformation(tx, {
        uscc: org.uscc,
        category: 'INSPECTION',
        factType: 'RECTIFICATION_NOTICE',
        sourceId: notice.id,
        summary: `inspection found problems; rectification due by ${notice.deadline.toISOString().slice(0, 10)}`,
        occurredAt: notice.inspectedAt,
        recordedAt: now,
        captureDeadline: this.captureDeadline(notice.inspectedAt, ruleSetAt(now)),
      });
      return notice;
    });
  }

  /** The officer verified the rectification before the deadline: the notice closes without a listing. */
  async recordNoticeMet(noticeId: string, principal: Principal): Promise<RectificationNotice> {
    const found = await this.store.notice(null, noticeId);
    if (!found) throw ProblemError.notFound('CREDIT.NOTICE_NOT_FOUND', `no rectification notice ${noticeId}`);
    await this.organizationFor(found.uscc, principal);
    const now = this.clock.now();
    return this.uow.run(async (tx) => {
      const notice = await this.store.notice(tx, noticeId);
      if (!notice) throw ProblemError.notFound('CREDIT.NOTICE_NOT_FOUND', `no rectification notice ${noticeId}`);
      if (notice.status !== 'OPEN') throw ProblemError.conflict('CREDIT.NOTICE_CLOSED', `notice ${noticeId} is ${notice.status}`);
      if (now > notice.deadline) throw ProblemError.conflict('CREDIT.NOTICE_DEADLINE_PASSED', `the deadline ${notice.deadline.toISOString()} has passed (§5.1 trigger 3)`);
      const updated: RectificationNotice = { ...notice, status: 'MET', resolvedAt: now };
      await this.store.updateNotice(tx, updated);
      return updated;
    });
  }

  /** Officers record the triggers this service cannot derive itself (§5.1 2, 4, 6, 7; §5.2 2, 6, 8). */
  async recordListTrigger(input: ListTriggerInput, principal: Principal): Promise<ListEvent[]> {
    const org = await this.organizationFor(input.uscc, principal);
    const now = this.clock.now();
    const rules = ruleSetAt(now);
    if (!isReasonOf(input.list, input.reason))
      throw ProblemError.badRequest('CREDIT.UNKNOWN_REASON', `${input.reason} is not a ${input.list} list trigger`, [{ field: 'reason', rule: 'regulations §5.1 / §5.2 trigger list', message: 'unknown reason for this list' }]);
    const reason = input.reason as ListReason;
    if (triggerRule(rules, input.list, reason).derived)
      throw ProblemError.unprocessable('CREDIT.TRIGGER_DERIVED', `${reason} is derived from events or records (penalties, notices, timers), not entered directly`, [{ field: 'reason', rule: triggerRule(rules, input.list, reason).source, message: 'derived trigger' }]);
    const evidence = [...input.evidence];
    if (reason === 'UNREACHABLE_AT_DOMICILE') {
      const letters = input.unsignedLetters ?? [];
      if (letters.length < rules.abnormal.unreachableLettersRequired)
        throw ProblemError.unprocessable('CREDIT.UNREACHABLE_LETTERS', `${rules.abnormal.unreachableLettersRequired} unsigned letters to the registered domicile are required`, [
          { field: 'unsignedLetters', rule: '§5.1: two special letters mailed to the registered domicile, both unsigned', message: `got ${letters.length}` },
        ]);
      evidence.push(...letters.map((l) => l.reference));
    }
    const at = new Date(input.occurredAt);
    if (at > now) throw ProblemError.badRequest('CREDIT.TRIGGER_IN_FUTURE', 'occurredAt lies in the future', [{ field: 'occurredAt', rule: 'a trigger has happened', message: 'occurredAt must not be after now' }]);
    return this.uow.run((tx) =>
      this.decide(tx, org.uscc, now, (s, r) => decideTrigger(s, { uscc: org.uscc, list: input.list, reason, evidence, at, decidingAuthority: org.registeringAuthority }, r, randomUUID)),
    );
  }

  private async entryFor(entryId: string, principal: Principal): Promise<ListEntry> {
    const entry = await this.store.entry(null, entryId);
    if (!entry) throw ProblemError.notFound('CREDIT.ENTRY_NOT_FOUND', `no list entry ${entryId}`);
    await this.organizationFor(entry.uscc, principal);
    return entry;
  }

  /**
   * Verified rectification (§5.1): with `removalAppliedAt` an abnormal entry is removed now and the deadline of
   * 5 working days from the application is recorded; otherwise the fulfilment is recorded (6-month removal
   * applies; for an escalated serious entry the rectification condition of §5.2 is met).
   */
  async verifyRectification(entryId: string, input: { evidence: string[]; removalAppliedAt?: string }, principal: Principal): Promise<ListEvent[]> {
    const entry = await this.entryFor(entryId, principal);
    const now = this.clock.now();
    if (input.removalAppliedAt && new Date(input.removalAppliedAt) > now)
      throw ProblemError.badRequest('CREDIT.APPLICATION_IN_FUTURE', 'removalAppliedAt lies in the future', [{ field: 'removalAppliedAt', rule: 'an application has been made', message: 'must not be after now' }]);
    return this.uow.run((tx) =>
      this.decide(tx, entry.uscc, now, (s, r) =>
        decideRectification(
          s,
          {
            entryId,
            evidence: input.evidence,
            at: now,
            removalApplicationDeadline: input.removalAppliedAt ? addWorkingDays(new Date(input.removalAppliedAt), r.abnormal.removalAfterVerificationWorkingDays, this.calendar) : undefined,
          },
          r,
        ),
      ),
    );
  }

  /** §5.2 removal from the serious list on the organization's application. */
  async removeFromSeriousList(entryId: string, principal: Principal): Promise<ListEvent[]> {
    const entry = await this.entryFor(entryId, principal);
    const now = this.clock.now();
    return this.uow.run((tx) => this.decide(tx, entry.uscc, now, (s, r) => decideSeriousRemoval(s, entryId, now, r)));
  }

  /** §5.2: an organization listed for revocation leaves the list once deregistration is completed. */
  async recordDeregistration(uscc: string, deregisteredAt: string, principal: Principal): Promise<ListEvent[]> {
    const org = await this.organizationFor(uscc, principal);
    const now = this.clock.now();
    if (new Date(deregisteredAt) > now)
      throw ProblemError.badRequest('CREDIT.DEREGISTRATION_IN_FUTURE', 'deregisteredAt lies in the future', [{ field: 'deregisteredAt', rule: 'deregistration has been completed', message: 'must not be after now' }]);
    return this.uow.run((tx) => this.decide(tx, org.uscc, now, (s, r) => decideDeregistration(s, org.uscc, new Date(deregisteredAt), r)));
  }

  // ---------------------------------------------------------------- objections (§5.3)

  async fileObjection(entryId: string, grounds: string, principal: Principal): Promise<Objection> {
    const entry = await this.store.entry(null, entryId);
    if (!entry) throw ProblemError.notFound('CREDIT.ENTRY_NOT_FOUND', `no list entry ${entryId}`);
    if (principal.organizationUscc !== entry.uscc) throw ProblemError.forbidden('CREDIT.NOT_OWN_ORGANIZATION', 'an organization objects only to its own entries');
    if (entry.status === 'ANNULLED') throw ProblemError.conflict('CREDIT.ENTRY_ALREADY_ANNULLED', `entry ${entryId} is already annulled`);
    const now = this.clock.now();
    return this.uow.run(async (tx) => {
      const pending = (await this.store.objectionsOf(tx, entry.uscc)).find((o) => o.entryId === entryId && o.status === 'PENDING');
      if (pending) throw ProblemError.conflict('CREDIT.OBJECTION_PENDING', `objection ${pending.id} to this entry is still pending`);
      const objection: Objection = { id: randomUUID(), entryId, uscc: entry.uscc, grounds, filedBy: principal.subject, filedAt: now, status: 'PENDING', decidedBy: null, decidedAt: null, decisionReason: null };
      await this.store.insertObjection(tx, objection);
      return objection;
    });
  }

  async decideObjection(objectionId: string, input: { upheld: boolean; reason: string }, principal: Principal): Promise<Objection> {
    const found = await this.store.objection(null, objectionId);
    if (!found) throw ProblemError.notFound('CREDIT.OBJECTION_NOT_FOUND', `no objection ${objectionId}`);
    await this.organizationFor(found.uscc, principal);
    const now = this.clock.now();
    return this.uow.run(async (tx) => {
      const objection = await this.store.objection(tx, objectionId);
      if (!objection) throw ProblemError.notFound('CREDIT.OBJECTION_NOT_FOUND', `no objection ${objectionId}`);
      if (objection.status !== 'PENDING') throw ProblemError.conflict('CREDIT.OBJECTION_ALREADY_DECIDED', `objection ${objectionId} is ${objection.status}`);
      const decided: Objection = { ...objection, status: input.upheld ? 'UPHELD' : 'REJECTED', decidedBy: principal.subject, decidedAt: now, decisionReason: input.reason };
      await this.store.updateObjection(tx, decided);
      // §5.3: where the authority confirms an error it corrects it — by an annulment event, the entry stays in the history.
      if (input.upheld) await this.decide(tx, objection.uscc, now, (s, r) => decideAnnulment(s, objection.entryId, objection.id, now, r));
      return decided;
    });
  }

  // ---------------------------------------------------------------- reads for officers, auditors, organizations

  async recordOf(uscc: string, principal: Principal) {
    const org = await this.store.organization(null, uscc);
    if (!org) throw ProblemError.notFound('CREDIT.ORGANIZATION_NOT_FOUND', `no credit record for USCC ${uscc}`);
    const isAuditor = principal.roles.includes('auditor');
    const isOwn = principal.roles.includes('org-representative') && principal.organizationUscc === uscc;
    if (!isAuditor && !isOwn) {
      if (!principal.roles.includes('credit-officer')) throw ProblemError.forbidden('CREDIT.NOT_OWN_ORGANIZATION', 'organizations see only their own record');
      assertJurisdiction(principal, org.registeringAuthority, `organization ${uscc}`);
    }
    const [state, history, objections, penalties, measures] = await Promise.all([
      this.store.listState(null, uscc),
      this.store.listEvents(null, uscc),
      this.store.objectionsOf(null, uscc),
      this.store.penalties(null, uscc),
      this.store.jointMeasures(null, uscc),
    ]);
    return {
      organization: org,
      entries: Object.values(state).sort((a, b) => (a.listedAt < b.listedAt ? -1 : 1)),
      history: history.map((h) => ({ eventId: h.eventId, recordedAt: h.recordedAt.toISOString(), ...h.event })),
      objections,
      penalties,
      jointMeasures: measures ?? { uscc, lists: [], measures: [], effectiveFrom: null, ruleVersion: null },
    };
  }

  // ---------------------------------------------------------------- timers (scheduler over the Clock port)

  /**
   * Runs every timer due at `now`: rectification notices past their deadline (§5.1 trigger 3), 6-month removal
   * and 2-year escalation (§5.1, §5.2 trigger 1). Idempotent: decisions are re-derived from the current state
   * under the organization's lock, and take effect at their due instants. Repeats until nothing more is due.
   */
  async runDueTimers(now: Date = this.clock.now()): Promise<{ decisions: number }> {
    const run = this.timersRunning.then(() => this.runDueTimersOnce(now));
    this.timersRunning = run.catch(() => undefined);
    return run;
  }

  private async runDueTimersOnce(now: Date): Promise<{ decisions: number }> {
    let decisions = 0;
    for (let pass = 0; pass < 10; pass++) {
      let changed = 0;
      for (const notice of await this.store.noticesPastDeadline(now)) {
        changed += await this.uow.run(async (tx) => {
          const org = await this.store.organization(tx, notice.uscc);
          await this.store.lockOrganization(tx, notice.uscc);
          const current = await this.store.notice(tx, notice.id);
          if (!current || current.status !== 'OPEN' || !org) return 0;
          await this.store.updateNotice(tx, { ...current, status: 'NOT_MET', resolvedAt: current.deadline });
          const events = await this.decide(tx, notice.uscc, now, (s, r) =>
            decideTrigger(s, { uscc: notice.uscc, list: 'ABNORMAL', reason: 'RECTIFICATION_NOT_MET', evidence: [notice.id], at: current.deadline, decidingAuthority: org.registeringAuthority }, r, randomUUID),
          );
          return events.length;
        });
      }
      for (const uscc of await this.store.usccsWithTimersDue(now)) {
        changed += (await this.uow.run((tx) => this.decide(tx, uscc, now, (s, r) => decideDueTimers(s, now, r, randomUUID)))).length;
      }
      decisions += changed;
      if (changed === 0) break;
    }
    return { decisions };
  }

  // ---------------------------------------------------------------- rebuild by replay

  /** Replays the whole list-event log; `identical` says whether the stored view equals the replay. */
  async verifyListView(): Promise<{ identical: boolean; entries: number; events: number; differing: string[] }> {
    const [log, stored] = await Promise.all([this.store.listEvents(null), this.store.allEntries(null)]);
    const replayed = replay(log.map((l) => l.event));
    const ids = new Set([...Object.keys(replayed), ...stored.map((e) => e.entryId)]);
    const byId = new Map(stored.map((e) => [e.entryId, e]));
    const differing = [...ids].filter((id) => JSON.stringify(byId.get(id)) !== JSON.stringify(replayed[id])).sort();
    return { identical: differing.length === 0, entries: stored.length, events: log.length, differing };
  }

  /** Drops the list view and derives it again from the log (a rebuild is a replay). */
  async rebuildListView(): Promise<{ entries: number; events: number }> {
    return this.uow.run(async (tx) => {
      const log = await this.store.listEvents(tx);
      const state = replay(log.map((l) => l.event));
      const rows = Object.values(state)
        .sort((a, b) => (a.entryId < b.entryId ? -1 : 1))
        .map((e) => this.viewRow(e));
      await this.store.replaceAllEntries(tx, rows);
      return { entries: rows.length, events: log.length };
    });
  }
}
