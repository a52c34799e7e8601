import { Injectable } from '@nestjs/common';
import { assertWithinReach, type Principal } from '@sop/auth';
import { CreditErrors } from '../../domain/credit.errors';
import { ListStore } from '../lists/lists.ports';
import { ObjectionStore } from '../objections/objections.ports';
import { OrganizationStore } from '../organizations/organizations.ports';
import { PenaltyStore } from '../penalties/penalties.ports';

/**
 * The full credit record of one organization, for credit officers of its jurisdiction, auditors (everything,
 * read only) and the organization itself: list entries with evidence and rule versions, the list-event history,
 * objections, penalties and the joint measures in force.
 */
@Injectable()
export class CreditRecordQuery {
  constructor(
    private readonly organizations: OrganizationStore,
    private readonly lists: ListStore,
    private readonly objections: ObjectionStore,
    private readonly penalties: PenaltyStore,
  ) {}

  async recordOf(uscc: string, principal: Principal) {
    const org = await this.organizations.organization(null, uscc);
    const notFound = () => new CreditErrors.ORGANIZATION_NOT_FOUND(`no credit record for USCC ${uscc}`);
    if (!org) throw notFound();
    const isAuditor = principal.roles.includes('auditor');
    const isOwn = principal.roles.includes('org-representative') && principal.organizationUscc === uscc;
    if (!isAuditor && !isOwn) {
      if (!principal.roles.includes('credit-officer')) throw new CreditErrors.NOT_OWN_ORGANIZATION('organizations see only their own record');
      assertWithinReach(principal, org.registeringAuthority, notFound);
    }
    const [state, history, objections, penalties, measures] = await Promise.all([
      this.lists.listState(null, uscc),
      this.lists.listEvents(null, uscc),
      this.objections.objectionsOf(null, uscc),
      this.penalties.penalties(null, uscc),
      this.lists.jointMeasures(null, uscc),
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
}
