import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { JointMeasuresChanged } from '@sop/contracts';
import type { Tx } from '@sop/messaging';
import { CREDIT_RULE_SETS, ruleSetByVersion, ruleSetFor, ruleVersionOf, type CreditRuleSet } from '../../domain/credit-rules';
import { jointMeasuresOf } from '../../domain/list-decisions';
import { applyListEvent, replay, type ListEntry, type ListEvent, type ListState } from '../../domain/list-state';
import { nextTimerAt, timersDueBy } from '../../domain/list-timers';
import { NATIONAL_DIVISION, type OfficialCalendar } from '@sop/util';
import { CreditCalendar } from '../calendar/credit-calendar';
import { decideTrigger } from '../../domain/list-decisions';
import { RectificationNoticeStore } from '../inspections/inspections.ports';
import { OrganizationStore } from '../organizations/organizations.ports';
import { CreditRuleSetStore, creditRuleSetsOf } from '../rule-sets/rule-sets.ports';
import { LIST_EVENT_CONTRACT, listEventPayload } from './list-event.mapping';
import { ListStore, type ListViewRow } from './lists.ports';

/** A pure list decision: the organization's current list state, the rule set in force and the official calendar → new list events. */
export type ListDecision = (state: ListState, rules: CreditRuleSet, calendar: OfficialCalendar) => ListEvent[];

/** The list-view row of an entry, with its timer index under the rule set the entry was listed by (national or local). */
export function listViewRow(entry: ListEntry, sets: readonly CreditRuleSet[] = CREDIT_RULE_SETS): ListViewRow {
  return { entry, nextDueAt: nextTimerAt(entry, ruleSetByVersion(entry.ruleVersion, sets)) };
}

/**
 * The list decision core every use case that lists, restarts, rectifies, removes or annuls goes through. In the
 * caller's transaction: the organization is locked, the decision runs on its current state, the list events are
 * appended to the log and published (credit.list.v1), the view is updated, and a change of the joint measures in
 * force (§5.3) is saved and published — all committed together through the outbox.
 */
@Injectable()
export class ListDecisions {
  constructor(
    private readonly organizations: OrganizationStore,
    private readonly lists: ListStore,
    private readonly credit: CreditCalendar = new CreditCalendar(),
    private readonly notices?: RectificationNoticeStore,
    private readonly ruleSets?: CreditRuleSetStore,
  ) {}

  /** Every rule set decisions choose from: Order 60 and the stored local versions (without a store: the shipped ones). */
  async ruleSetsIn(tx: Tx | null): Promise<readonly CreditRuleSet[]> {
    return this.ruleSets ? creditRuleSetsOf(await this.ruleSets.localVersions(tx)) : CREDIT_RULE_SETS;
  }

  /** The official calendar decisions count on. */
  get calendar(): OfficialCalendar {
    return this.credit.calendar;
  }

  /**
   * Decide, append to the log, update the view, publish list events and any change of joint measures. With
   * `effectiveAt` (when the fact behind the decision took effect), what the time alone decided by then is decided
   * first, at its own instants and in their order (catchUp): a fact recorded after the scheduler was down or late
   * meets the lists as they stood, and a platform restarted after days ends with the lists of one that ran throughout.
   */
  async decide(tx: Tx, uscc: string, now: Date, decide: ListDecision, causationId?: string, effectiveAt?: Date): Promise<ListEvent[]> {
    await this.organizations.lockOrganization(tx, uscc);
    // Issue §2 "local rules are local" (regulations §5.3): the most specific rule set covering the organization's
    // registering authority in force now decides, and every list event and joint-measures change records it.
    const sets = await this.ruleSetsIn(tx);
    const org = await this.organizations.organization(tx, uscc);
    const rules = ruleSetFor(now, org?.registeringAuthority ?? NATIONAL_DIVISION, sets);
    let state = await this.lists.listState(tx, uscc);
    const calendar = this.credit.calendar;
    const caughtUp = effectiveAt ? await this.catchUp(tx, uscc, state, effectiveAt, rules, calendar) : [];
    const events = [...caughtUp, ...decide(caughtUp.length ? replay(caughtUp, state) : state, rules, calendar)];
    if (events.length === 0) return events;
    const touched = new Set<string>();
    for (const e of events) {
      const published = await tx.publish(LIST_EVENT_CONTRACT[e.kind], { subject: uscc, data: listEventPayload(e), policyVersion: e.ruleVersion, causationId });
      await this.lists.appendListEvent(tx, { eventId: published.id, event: e, recordedAt: now });
      state = applyListEvent(state, e);
      touched.add(e.entryId);
      if (e.kind === 'ESCALATED') touched.add(e.toEntryId);
    }
    await this.lists.saveEntries(tx, [...touched].map((id) => listViewRow(state[id], sets)));
    await this.publishJointMeasures(tx, uscc, state, rules, events, causationId);
    return events;
  }

  /**
   * The time-driven facts of one organization due by `at`, in the order they took effect: rectification notices not
   * met by their deadline (§5.1 (3), listed at the deadline, the notice closed NOT_MET) and the list timers (6-month
   * removal, 2-year escalation), each timer due before a notice's deadline decided before that notice.
   */
  private async catchUp(tx: Tx, uscc: string, state: ListState, at: Date, rules: CreditRuleSet, calendar: OfficialCalendar): Promise<ListEvent[]> {
    const events: ListEvent[] = [];
    let s = state;
    const add = (more: ListEvent[]) => {
      events.push(...more);
      s = replay(more, s);
    };
    const org = this.notices ? await this.organizations.organization(tx, uscc) : null;
    for (const notice of org && this.notices ? await this.notices.openNoticesDueBy(tx, uscc, at) : []) {
      add(timersDueBy(s, notice.deadline, rules, randomUUID, calendar));
      await this.notices?.updateNotice(tx, { ...notice, status: 'NOT_MET', resolvedAt: notice.deadline });
      const trigger = { uscc, list: 'ABNORMAL' as const, reason: 'RECTIFICATION_NOT_MET' as const, evidence: [notice.id], at: notice.deadline, decidingAuthority: org?.registeringAuthority ?? '' };
      add(decideTrigger(s, trigger, rules, randomUUID));
    }
    add(timersDueBy(s, at, rules, randomUUID, calendar));
    return events;
  }

  /** §5.3: the joint measures follow the lists the organization is actively on; published only when they change. */
  private async publishJointMeasures(tx: Tx, uscc: string, state: ListState, rules: CreditRuleSet, events: ListEvent[], causationId?: string): Promise<void> {
    const previous = await this.lists.jointMeasures(tx, uscc);
    const current = jointMeasuresOf(state, uscc, rules);
    if (previous && previous.lists.join() === current.lists.join() && previous.measures.join() === current.measures.join()) return;
    if (!previous && current.lists.length === 0) return;
    const effectiveFrom = events.map((e) => e.at).sort()[events.length - 1];
    const ruleVersion = ruleVersionOf(rules);
    await tx.publish(JointMeasuresChanged, {
      subject: uscc,
      policyVersion: ruleVersion,
      causationId,
      data: { uscc, lists: current.lists, measures: current.measures, effectiveFrom, ruleVersion },
    });
    await this.lists.saveJointMeasures(tx, { uscc, lists: current.lists, measures: current.measures, effectiveFrom: new Date(effectiveFrom), ruleVersion });
  }
}
