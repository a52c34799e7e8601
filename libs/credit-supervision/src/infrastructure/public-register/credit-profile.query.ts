import { Injectable } from '@nestjs/common';
import { DataSource, In, LessThanOrEqual, Like, MoreThan, type EntityManager } from 'typeorm';
import { Clock } from '@sop/util';
import { localRuleSet, ORDER_60_V1, ruleSetFor, type CreditRuleSet, type LocalCreditRuleSetVersion } from '../../domain/credit-rules';
import { lastDayOf, lateAt } from '../../domain/credit-periods';
import { CreditErrors, violationOf } from '../../domain/credit.errors';
import { gradesAsOf } from '../../domain/grade-record';
import { jointMeasuresOf } from '../../domain/list-decisions';
import { applyListEvent, type ListEntry, type ListEvent, type ListState } from '../../domain/list-state';
import {
  CreditJointMeasuresOrmEntity,
  CreditRuleSetVersionOrmEntity,
  CreditListEntryOrmEntity,
  CreditListEventOrmEntity,
  CreditPenaltyOrmEntity,
} from '../credit-lists.orm-entities';
import {
  CreditGradeAdjustmentOrmEntity,
  CreditGradeOrmEntity,
  CreditPurchaseAcceptanceOrmEntity,
  CreditPurchaseAssessmentOrmEntity,
  CreditPurchaseContractOrmEntity,
  CreditPurchaseTerminationOrmEntity,
} from '../credit-facts.orm-entities';
import { CreditInformationOrmEntity, CreditOrganizationOrmEntity } from '../credit.orm-entities';

/** Public view of a list entry: reasons and dates, no evidence references, no personal data. */
function publicEntry(e: ListEntry) {
  return {
    entryId: e.entryId,
    reason: e.reason,
    listedAt: e.listedAt,
    clockRestartedAt: e.clockRestarts,
    status: e.status,
    exitedAt: e.exitedAt,
    exitReason: e.exitReason,
    /** Removal after verified rectification: due within 5 working days of the verification (§5.1), until 24:00 Beijing time of `removalDueOn`. */
    removalDeadline: e.removalDeadline,
    removalDueOn: e.removalDueOn ?? (e.removalDeadline ? lastDayOf(new Date(e.removalDeadline)) : null),
    removedLate: e.removalDeadline !== null && e.exitedAt !== null && lateAt(e.exitedAt, e.removalDeadline),
    decidingAuthority: e.decidingAuthority,
    ruleVersion: e.ruleVersion,
  };
}

/** Replays a log up to an effective instant; events about entries not yet entered at that instant are skipped. */
function replayAsOf(events: ListEvent[], asOf: Date): ListState {
  let state: ListState = {};
  for (const e of events) {
    if (Date.parse(e.at) > asOf.getTime()) continue;
    try {
      state = applyListEvent(state, e);
    } catch (err) {
      if (!(err instanceof CreditErrors.ENTRY_NOT_FOUND)) throw err;
    }
  }
  return state;
}

/**
 * The public credit profile (regulations §5.3 disclosure): registration facts, both lists with reasons and dates,
 * penalties, grades and the credit information on record. No personal data. `asOf` answers as of an effective
 * instant: the lists are replayed from the list-event log up to it.
 *
 * Bitemporal reads (`knownAt`, an instant): only what had been recorded by then — list events by their
 * `recordedAt`, penalties and credit information by theirs, grades, adjustments, contracts and assessments by the
 * `recordedAt` of the credit information their source event was recorded as (same transaction). So an auditor sees
 * what the public saw: an entry annulled later (§5.3 objection) is shown as it stood before the annulment was
 * recorded. Without `asOf`, the effective instant is `knownAt` itself. Name, domicile and registration status are
 * the current ones (the service keeps no history of them).
 */
@Injectable()
export class CreditProfileQuery {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
  ) {}

  async byUscc(uscc: string, asOf?: Date, knownAt?: Date) {
    if (knownAt && knownAt > this.clock.now())
      throw new CreditErrors.KNOWN_AT_IN_FUTURE('knownAt lies in the future', violationOf('knownAt', 'what had been recorded by an instant that has passed', 'must not be after now'));
    const effective = asOf ?? knownAt;
    const org = await this.ds.manager.findOneBy(CreditOrganizationOrmEntity, { uscc });
    if (!org) throw new CreditErrors.ORGANIZATION_NOT_FOUND(`no credit record for USCC ${uscc}`);
    if (effective && org.registeredAt > effective) throw new CreditErrors.ORGANIZATION_NOT_FOUND(`USCC ${uscc} was not registered as of ${effective.toISOString()}`);
    // The record starts with the registration fact, recorded as credit information.
    if (knownAt && !(await this.ds.manager.existsBy(CreditInformationOrmEntity, { uscc, recordedAt: LessThanOrEqual(knownAt) })))
      throw new CreditErrors.ORGANIZATION_NOT_FOUND(`no credit record for USCC ${uscc} had been recorded by ${knownAt.toISOString()}`);
    const [profile] = await this.profiles([org], asOf, this.ds.manager, knownAt);
    return profile;
  }

  /** Profiles of a batch of organizations (the export reads in batches). */
  /** `manager`: the export reads through its snapshot transaction. */
  /** `knownAt`: only what had been recorded by that instant (bitemporal; `asOf` defaults to it). */
  async profiles(orgs: CreditOrganizationOrmEntity[], effectiveAsOf?: Date, manager: EntityManager = this.ds.manager, knownAt?: Date) {
    const usccs = orgs.map((o) => o.uscc);
    if (usccs.length === 0) return [];
    const m = manager;
    const asOf = effectiveAsOf ?? knownAt;
    const [information, penalties, entries, events, measures, grades, adjustments, contracts, assessments, acceptances, terminations] = await Promise.all([
      m.find(CreditInformationOrmEntity, { where: { uscc: In(usccs) }, order: { occurredAt: 'ASC', id: 'ASC' } }),
      m.find(CreditPenaltyOrmEntity, { where: { uscc: In(usccs) }, order: { decidedAt: 'ASC', recordedAt: 'ASC', penaltyId: 'ASC' } }),
      asOf ? Promise.resolve([]) : m.find(CreditListEntryOrmEntity, { where: { uscc: In(usccs) } }),
      asOf ? m.find(CreditListEventOrmEntity, { where: { uscc: In(usccs) }, order: { id: 'ASC' } }) : Promise.resolve([]),
      asOf ? Promise.resolve([]) : m.find(CreditJointMeasuresOrmEntity, { where: { uscc: In(usccs) } }),
      m.find(CreditGradeOrmEntity, { where: { uscc: In(usccs) } }),
      m.find(CreditGradeAdjustmentOrmEntity, { where: { uscc: In(usccs) } }),
      m.find(CreditPurchaseContractOrmEntity, { where: { uscc: In(usccs) }, order: { signedAt: 'ASC', contractId: 'ASC' } }),
      m.find(CreditPurchaseAssessmentOrmEntity, { where: { uscc: In(usccs) }, order: { assessedAt: 'ASC', assessmentId: 'ASC' } }),
      m.find(CreditPurchaseAcceptanceOrmEntity, { where: { uscc: In(usccs) }, order: { acceptedAt: 'ASC', sequence: 'ASC', attempt: 'ASC' } }),
      m.find(CreditPurchaseTerminationOrmEntity, { where: { uscc: In(usccs) } }),
    ]);
    const at = asOf?.getTime() ?? Number.POSITIVE_INFINITY;
    const known = knownAt?.getTime() ?? Number.POSITIVE_INFINITY;
    // Issue §2 "local rules are local" (regulations §5.3): joint measures as of an instant follow the organization's
    // rule set (national or its jurisdiction's local version), of the versions published by knownAt.
    const ruleSets: CreditRuleSet[] = asOf
      ? [
          ORDER_60_V1,
          ...(await m.find(CreditRuleSetVersionOrmEntity))
            .filter((v) => v.publishedAt.getTime() <= known)
            .map((v) => localRuleSet({ ...v, effectiveFrom: v.effectiveFrom as LocalCreditRuleSetVersion['effectiveFrom'], jointMeasures: JSON.parse(v.jointMeasures) as LocalCreditRuleSetVersion['jointMeasures'] })),
        ]
      : [];
    const recorded = (r: { recordedAt: Date }) => r.recordedAt.getTime() <= known;
    // Facts consumed from other services were recorded with their credit information (same source event, same transaction).
    const knownSources = new Set(information.filter(recorded).map((i) => i.sourceEventId));
    const knownFact = (f: { sourceEventId: string }) => !knownAt || knownSources.has(f.sourceEventId);
    // Grade status (in force / expired) depends on the day: without asOf it is today's status.
    const gradeInstant = asOf ?? this.clock.now();
    return orgs.map((org) => {
      const stateAsOf = asOf
        ? replayAsOf(
            events.filter((e) => e.uscc === org.uscc && recorded(e)).map((e) => JSON.parse(e.payload) as ListEvent),
            asOf,
          )
        : null;
      const listEntries: ListEntry[] = stateAsOf ? Object.values(stateAsOf) : entries.filter((e) => e.uscc === org.uscc).map((e) => JSON.parse(e.document) as ListEntry);
      // Annulled entries were errors (an upheld objection): the public register no longer shows them.
      const shown = listEntries.filter((e) => e.status !== 'ANNULLED').sort((a, b) => (a.listedAt < b.listedAt ? -1 : a.listedAt > b.listedAt ? 1 : 0));
      const active = new Set(shown.filter((e) => e.status === 'ACTIVE').map((e) => e.list));
      const jm = measures.find((x) => x.uscc === org.uscc);
      return {
        uscc: org.uscc,
        name: org.name,
        form: org.form,
        category: org.category,
        registeringAuthority: org.registeringAuthority,
        domicile: org.domicile,
        /** Effective dates of the change registrations that set the name / domicile (null: as registered). */
        nameEffectiveFrom: org.nameEffectiveFrom?.toISOString() ?? null,
        domicileEffectiveFrom: org.domicileEffectiveFrom?.toISOString() ?? null,
        registrationStatus: org.registrationStatus,
        registeredAt: org.registeredAt.toISOString(),
        asOf: asOf?.toISOString() ?? null,
        ...(knownAt ? { knownAt: knownAt.toISOString() } : {}),
        lists: {
          abnormalActivity: shown.filter((e) => e.list === 'ABNORMAL').map(publicEntry),
          seriousIllegalDishonest: shown.filter((e) => e.list === 'SERIOUS').map(publicEntry),
        },
        onAbnormalList: active.has('ABNORMAL'),
        onSeriousList: active.has('SERIOUS'),
        jointMeasures: stateAsOf && asOf ? jointMeasuresOf(stateAsOf, org.uscc, ruleSetFor(asOf, org.registeringAuthority, ruleSets)).measures : jm?.measures ? jm.measures.split(',') : [],
        penalties: penalties
          .filter((p) => p.uscc === org.uscc && p.decidedAt.getTime() <= at && recorded(p))
          .map((p) => ({
            kind: p.kind,
            amountFen: p.amountFen === null ? null : Number(p.amountFen),
            suspendedUntil: p.suspendedUntil?.toISOString() ?? null,
            decidedAt: p.decidedAt.toISOString(),
            decidingBody: p.decidingBody,
            basis: p.basis,
          })),
        /** Evaluation grades with validity and status at the instant (Order 60 Art. 7; regulations §6). */
        grades: gradesAsOf(
          grades
            .filter((g) => g.uscc === org.uscc && knownFact(g))
            .map((g) => ({ ...g, announcedAt: g.announcedAt.toISOString() })),
          adjustments.filter((a) => a.uscc === org.uscc && knownFact(a)).map((a) => ({ ...a, effectiveAt: a.effectiveAt.toISOString() })),
          gradeInstant,
        ),
        /** Government purchases undertaken (publicly announced contracts, Order 102 Art. 23) and their assessments. */
        governmentPurchases: contracts
          .filter((c) => c.uscc === org.uscc && c.signedAt.getTime() <= at && knownFact(c))
          .map((c) => ({
            contractId: c.contractId,
            purchaser: c.purchaser,
            title: c.title,
            method: c.method,
            valueFen: Number(c.valueFen),
            termStart: c.termStart,
            termEnd: c.termEnd,
            signedAt: c.signedAt.toISOString(),
            assessments: assessments
              .filter((a) => a.contractId === c.contractId && a.assessedAt.getTime() <= at && knownFact(a))
              .map((a) => ({ outcome: a.outcome, score: a.score, breach: Boolean(a.breach), assessedAt: a.assessedAt.toISOString(), ruleVersion: a.ruleVersion })),
            /** Milestone acceptances (issue 11 item 5): passed or failed, score, band, rule version; no findings (free text). */
            acceptances: acceptances
              .filter((a) => a.contractId === c.contractId && a.acceptedAt.getTime() <= at && knownFact(a))
              .map((a) => ({ sequence: a.sequence, attempt: a.attempt, passed: Boolean(a.passed), score: a.score, band: a.band, acceptedAt: a.acceptedAt.toISOString(), ruleVersion: a.ruleVersion })),
            /** The purchaser's termination, if any: when, paid and unpaid value, how many reasons (their text stays out). */
            termination:
              terminations
                .filter((t) => t.contractId === c.contractId && t.terminatedAt.getTime() <= at && knownFact(t))
                .map((t) => ({ terminatedAt: t.terminatedAt.toISOString(), paidFen: Number(t.paidFen), unpaidFen: Number(t.unpaidFen), reasonCount: (JSON.parse(t.reasons) as string[]).length }))[0] ?? null,
          })),
        information: information
          .filter((i) => i.uscc === org.uscc && i.occurredAt.getTime() <= at && recorded(i))
          .map((i) => ({
            category: i.category,
            factType: i.factType,
            summary: i.summary,
            occurredAt: i.occurredAt.toISOString(),
            recordedAt: i.recordedAt.toISOString(),
            captureDeadline: i.captureDeadline.toISOString(),
            captureDueOn: lastDayOf(i.captureDeadline),
            capturedLate: lateAt(i.recordedAt, i.captureDeadline),
          })),
      };
    });
  }

  /** Search by USCC or by part of the name; cursor pagination on the USCC. */
  async search(q: string, limit: number, cursor?: string) {
    const m = this.ds.manager;
    const needle = q.trim();
    const escaped = needle.replace(/[\\%_]/g, (c) => `\\${c}`);
    const after = cursor ? { uscc: MoreThan(cursor) } : {};
    const rows = await m.find(CreditOrganizationOrmEntity, {
      where: [{ name: Like(`%${escaped}%`), ...after }, ...(cursor ? [] : [{ uscc: needle.toUpperCase() }])],
      order: { uscc: 'ASC' },
      take: limit + 1,
    });
    const page = rows.slice(0, limit);
    const active = page.length
      ? await m.find(CreditListEntryOrmEntity, { where: { uscc: In(page.map((r) => r.uscc)), status: 'ACTIVE' } })
      : [];
    return {
      items: page.map((o) => ({
        uscc: o.uscc,
        name: o.name,
        registeringAuthority: o.registeringAuthority,
        registrationStatus: o.registrationStatus,
        onAbnormalList: active.some((e) => e.uscc === o.uscc && e.list === 'ABNORMAL'),
        onSeriousList: active.some((e) => e.uscc === o.uscc && e.list === 'SERIOUS'),
      })),
      nextCursor: rows.length > limit ? page[page.length - 1].uscc : null,
    };
  }
}
