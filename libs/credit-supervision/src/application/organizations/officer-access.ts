import { Injectable } from '@nestjs/common';
import { AuthErrors, assertWithinReach, type Principal } from '@sop/auth';
import { CreditErrors } from '../../domain/credit.errors';
import type { ListEntry } from '../../domain/list-state';
import { ListStore } from '../lists/lists.ports';
import { OrganizationStore, type CreditOrganization } from './organizations.ports';

/**
 * Who may change a credit record: the credit-officer role (auditors read only), for an organization within the
 * officer's jurisdiction (its registering authority). Every officer's use case starts here.
 */
@Injectable()
export class OfficerAccess {
  constructor(
    private readonly organizations: OrganizationStore,
    private readonly lists: ListStore,
  ) {}

  /** The organization an officer changes the record of. */
  async organization(uscc: string, principal: Principal): Promise<CreditOrganization> {
    if (!principal.roles.includes('credit-officer')) throw new AuthErrors.ROLE_REQUIRED('only credit officers change credit records');
    const org = await this.organizations.organization(null, uscc);
    const notFound = () => new CreditErrors.ORGANIZATION_NOT_FOUND(`no credit record for USCC ${uscc}`);
    if (!org) throw notFound();
    assertWithinReach(principal, org.registeringAuthority, notFound); // outside the jurisdiction: as if missing (issue 10)
    return org;
  }

  /** The list entry an officer decides on, within the officer's jurisdiction. */
  async entry(entryId: string, principal: Principal): Promise<ListEntry> {
    const entry = await this.lists.entry(null, entryId);
    if (!entry) throw new CreditErrors.ENTRY_NOT_FOUND(`no list entry ${entryId}`);
    await this.organization(entry.uscc, principal);
    return entry;
  }
}
