import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { PartyOrganizationOverdueV1, PartyOrganizationRecordedV1 } from '@sop/contracts';
import type { CloudEvent, Tx } from '@sop/messaging';
import { Clock, parseCivilDate, startOfCivilDay } from '@sop/util';
import { decideTrigger } from '../../domain/list-decisions';
import { decidePartyOrganizationCovered } from '../../domain/registration-facts';
import { ListDecisions } from '../lists/list-decisions';
import { CreditCalendar } from '../calendar/credit-calendar';
import { informationAt } from '../organizations/credit-information';
import { OrganizationStore } from '../organizations/organizations.ports';

/**
 * Registration's Party-organization records as credit information and list decisions (regulations §5.1 trigger 2):
 * a missed deadline lists the organization on the abnormal list from the day the default took effect (overdueOn, so
 * a late detection lists it on the same date); a later record that meets the requirement is its rectification.
 */
@Injectable()
export class PartyOrganizationFacts {
  constructor(
    private readonly organizations: OrganizationStore,
    private readonly lists: ListDecisions,
    private readonly clock: Clock,
    private readonly calendar: CreditCalendar,
  ) {}

  async onOverdue(event: CloudEvent<PartyOrganizationOverdueV1>, tx: Tx): Promise<void> {
    const d = event.data;
    const now = this.clock.now();
    const overdueOn = parseCivilDate(d.overdueOn);
    const at = overdueOn ? startOfCivilDay(overdueOn) : new Date(d.detectedAt);
    const effective = at > now ? now : at;
    await this.organizations.addInformation(
      tx,
      informationAt(this.calendar, now, {
        uscc: d.uscc,
        category: 'OTHER',
        factType: 'PARTY_ORGANIZATION_OVERDUE',
        sourceId: event.id,
        summary: `Party organization not set up as required (${d.requiredCoverage}, recorded ${d.form}) by ${d.dueOn} (${d.ruleVersion})`,
        occurredAt: effective,
      }),
    );
    await this.lists.decide(
      tx,
      d.uscc,
      now,
      (s, r) => decideTrigger(s, { uscc: d.uscc, list: 'ABNORMAL', reason: 'PARTY_ORGANIZATION_NOT_SET_UP', evidence: [event.id], at: effective, decidingAuthority: d.registeringAuthority }, r, randomUUID),
      event.id,
      effective,
    );
  }

  /**
   * A record that meets the requirement rectifies an active trigger-2 entry (and becomes credit information as its
   * evidence). Other records stay registration's business: the coverage of every organization is not public
   * credit information, only a listing and its rectification are.
   */
  async onRecorded(event: CloudEvent<PartyOrganizationRecordedV1>, tx: Tx): Promise<void> {
    const d = event.data;
    if (!d.covered) return;
    const now = this.clock.now();
    const effectiveAt = new Date(d.effectiveAt);
    const at = effectiveAt > now ? now : effectiveAt;
    await this.organizations.lockOrganization(tx, d.uscc);
    const decided = await this.lists.decide(tx, d.uscc, now, (s, r) => decidePartyOrganizationCovered(s, { uscc: d.uscc, evidence: [event.id], at }, r), event.id, at);
    if (!decided.some((e) => e.kind === 'RECTIFIED')) return;
    await this.organizations.addInformation(
      tx,
      informationAt(this.calendar, now, {
        uscc: d.uscc,
        category: d.source === 'ANNUAL_REPORT' ? 'ANNUAL_REPORT' : 'BASIC',
        factType: 'PARTY_ORGANIZATION_SET_UP',
        sourceId: event.id,
        summary: `Party organization set up as required (${d.form}, ${d.fullPartyMembers} full members; source ${d.source}; ${d.ruleVersion})`,
        occurredAt: at,
      }),
    );
  }
}
