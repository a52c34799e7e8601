import { Injectable } from '@nestjs/common';
import type { Principal } from '@sop/auth';
import { UnitOfWork } from '@sop/messaging';
import { Clock } from '@sop/util';
import { OrganizationAccess } from './organization-access';
import { OrganizationStore, type InvestigationRecord } from './organizations.ports';

export interface RecordInvestigationInput {
  uscc: string;
  underInvestigation: boolean;
  basis: string;
}

/**
 * An evaluator records that an organization is (or no longer is) under investigation by government or judicial
 * organs, with the basis (the organ and its reference). Order 39 Art. 7 bars its evaluation meanwhile (regulations
 * §6; the 2026 measures lift the bar). No service publishes this fact as an event, so it is set here; nothing is
 * published. Within the evaluator's jurisdiction, under the organization's lock.
 */
@Injectable()
export class RecordInvestigation {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly access: OrganizationAccess,
    private readonly organizations: OrganizationStore,
    private readonly clock: Clock,
  ) {}

  async execute(input: RecordInvestigationInput, principal: Principal): Promise<InvestigationRecord> {
    const org = await this.access.forEvaluator(input.uscc, principal);
    const record: InvestigationRecord = { underInvestigation: input.underInvestigation, basis: input.basis, recordedAt: this.clock.now(), recordedBy: principal.subject };
    await this.uow.run(async (tx) => {
      await this.organizations.lockOrganization(tx, org.uscc);
      await this.organizations.setInvestigation(tx, org.uscc, record);
    });
    return record;
  }
}
