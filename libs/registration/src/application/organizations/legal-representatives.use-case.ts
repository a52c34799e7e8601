import { Injectable } from '@nestjs/common';
import type { Principal } from '@sop/auth';
import { assertWithinReach } from '@sop/auth';
import { PersonalDataStore } from '../personal-data/personal-data.ports';
import { PersonalDataService } from '../personal-data/personal-data.service';
import { OrganizationStore, organizationNotFound } from './organizations.ports';

export interface LegalRepresentativeView {
  name: string;
  effectiveFrom: Date;
  supersededAt: Date | null;
  current: boolean;
  /** 110***********1234 for registrars in jurisdiction only. */
  idNumberMasked?: string;
}

/**
 * The organization's legal representatives over time, for registrars and auditors in jurisdiction; the ID number
 * only masked and only for registrars (as for applications).
 */
@Injectable()
export class LegalRepresentatives {
  constructor(
    private readonly organizations: OrganizationStore,
    private readonly people: PersonalDataStore,
    private readonly personalData: PersonalDataService,
  ) {}

  async list(uscc: string, principal: Principal): Promise<LegalRepresentativeView[]> {
    const o = await this.organizations.requireOrganization(uscc);
    assertWithinReach(principal, o.registeringAuthority, () => organizationNotFound(uscc));
    const showMasked = principal.roles.includes('registrar');
    return (await this.people.legalRepresentativesOf(null, o.applicationId)).map((r) => ({
      name: r.name,
      effectiveFrom: r.effectiveFrom ?? o.registeredAt,
      supersededAt: r.supersededAt ?? null,
      current: !r.supersededAt,
      ...(showMasked ? { idNumberMasked: this.personalData.masked(r) } : {}),
    }));
  }
}
