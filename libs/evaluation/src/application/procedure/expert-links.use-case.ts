import { Injectable } from '@nestjs/common';
import type { Principal } from '@sop/auth';
import { UnitOfWork } from '@sop/messaging';
import { Clock } from '@sop/util';
import { OrganizationAccess } from '../organizations/organization-access';
import { ProcedureStore, type ExpertLink } from './procedure.ports';

/**
 * An expert's declared link to an organization (employment, membership, kinship, consultancy…): the recusal rule
 * keeps the expert off that organization's expert groups. Recorded by the evaluation office (evaluators within the
 * organization's jurisdiction); no event (the names of experts stay with the committee).
 */
@Injectable()
export class DeclareExpertLink {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly access: OrganizationAccess,
    private readonly procedures: ProcedureStore,
    private readonly clock: Clock,
  ) {}

  async declare(expertId: string, input: { uscc: string; basis: string }, principal: Principal): Promise<ExpertLink> {
    const org = await this.access.forEvaluator(input.uscc, principal);
    const link: ExpertLink = { expertId, uscc: org.uscc, basis: input.basis, declaredBy: principal.subject, declaredAt: this.clock.now() };
    await this.uow.run((tx) => this.procedures.saveExpertLink(tx, link));
    return link;
  }
}
