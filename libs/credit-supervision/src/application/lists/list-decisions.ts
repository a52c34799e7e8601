import { Injectable } from '@nestjs/common';
import { JointMeasuresChanged } from '@sop/contracts';
import type { Tx } from '@sop/messaging';
import { ruleSetAt, ruleSetByVersion, ruleVersionOf, type CreditRuleSet } from '../../domain/credit-rules';
import { jointMeasuresOf } from '../../domain/list-decisions';
import { applyListEvent, type ListEntry, type ListEvent, type ListState } from '../../domain/list-state';
import { nextTimerAt } from '../../domain/list-timers';
import type { OfficialCalendar } from '@sop/util';
import { CreditCalendar } from '../calendar/credit-calendar';
import { OrganizationStore } from '../organizations/organizations.ports';
import { LIST_EVENT_CONTRACT, listEventPayload } from './list-event.mapping';
import { ListStore, type ListViewRow } from './lists.ports';

/** A pure list decision: the organization's current list state, the rule set in force and the official calendar → new list events. */
export type ListDecision = (state: ListState, rules: CreditRuleSet, calendar: OfficialCalendar) => ListEvent[];

/** The list-view row of an entry, with its timer index under the rule set the entry was listed by. */
export function listViewRow(entry: ListEntry): ListViewRow {
  return { entry, nextDueAt: nextTimerAt(entry, ruleSetByVersion(entry.ruleVersion)) };
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
  ) {}

  /** The official calendar decisions count on. */
  get calendar(): OfficialCalendar {
    return this.credit.calendar;
  }

  /** Decide, append to the log, update the view, publish list events and any change of joint measures. */
  async decide(tx: Tx, uscc: string, now: Date, decide: ListDecision, causationId?: string): Promise<ListEvent[]> {
    const rules = ruleSetAt(now);
    await this.organizations.lockOrganization(tx, uscc);
    let state = await this.lists.listState(tx, uscc);
    const events = decide(state, rules, this.credit.calendar);
    if (events.length === 0) return events;
    const touched = new Set<string>();
    for (const e of events) {
      const published = await tx.publish(LIST_EVENT_CONTRACT[e.kind], { subject: uscc, data: listEventPayload(e), policyVersion: e.ruleVersion, causationId });
      await this.lists.appendListEvent(tx, { eventId: published.id, event: e, recordedAt: now });
      state = applyListEvent(state, e);
      touched.add(e.entryId);
      if (e.kind === 'ESCALATED') touched.add(e.toEntryId);
    }
    await this.lists.saveEntries(tx, [...touched].map((id) => listViewRow(state[id])));
    await this.publishJointMeasures(tx, uscc, state, rules, events, causationId);
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
