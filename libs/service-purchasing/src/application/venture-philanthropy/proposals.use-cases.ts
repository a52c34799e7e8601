import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Principal } from '@sop/auth';
import { VentureProposalSubmitted } from '@sop/contracts';
import { UnitOfWork } from '@sop/messaging';
import { Clock } from '@sop/util';
import { PurchaseModeErrors } from '../../domain/purchase-modes/purchase-modes.errors';
import { PurchasingErrors } from '../../domain/purchasing.errors';
import { checkProposal, type ProjectContent, type ProposalStage, type VentureProposal, type VentureRound } from '../../domain/venture-philanthropy/round';
import { MODE_LIST_LIMIT, PurchaseModeStore } from '../purchase-modes/purchase-modes.ports';
import { SupplierStore } from '../suppliers/suppliers.ports';
import { roundNotFound } from './rounds.use-cases';

export interface ProposalInput {
  theme: string;
  title: string;
  summary: string;
  budgetFen: number;
  stages: ProposalStage[];
  content: ProjectContent;
}

export const proposalKeys = (p: VentureProposal) => ({ id: p.id, uscc: p.uscc, parentId: p.roundId, status: p.status, revision: p.revision });

/** The organization a representative speaks for (token claim org_uscc), else 403 PURCHASE_MODES.NOT_THE_PROPOSER. */
export function proposerOf(principal: Principal): string {
  const uscc = principal.organizationUscc?.trim();
  if (!uscc) throw new PurchaseModeErrors.NOT_THE_PROPOSER('your token names no organization (claim org_uscc)', { field: 'org_uscc', rule: 'proposals are submitted by the organization they design the project for' });
  return uscc;
}

/**
 * Proposals designed by organizations within a round's theme (regulations §7.3): submitted by the organization's
 * representative before the deadline, one per organization and round (round row locked), with budget and stages
 * (instalments). The representative reads its own proposals; the organ reads them at review.
 */
@Injectable()
export class VentureProposals {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly store: PurchaseModeStore,
    private readonly suppliers: SupplierStore,
    private readonly clock: Clock,
  ) {}

  async submit(roundId: string, input: ProposalInput, principal: Principal) {
    const uscc = proposerOf(principal);
    const now = this.clock.now();
    return this.uow.run(async (tx) => {
      const round = await this.store.locked<VentureRound>(tx, 'VP_ROUND', roundId);
      if (!round) throw roundNotFound(roundId);
      const stages = checkProposal(round, input, now);
      if (!(await this.suppliers.supplier(tx, uscc)))
        throw new PurchasingErrors.SUPPLIER_UNKNOWN(`purchasing knows no registered organization ${uscc}`, { violations: [{ field: 'org_uscc', rule: 'the proposer is known to purchasing (registration events)', message: uscc }] });
      if ((await this.store.find(tx, 'VP_PROPOSAL', { parentId: round.id, uscc }, 1)).length > 0) throw new PurchaseModeErrors.PROPOSAL_EXISTS(`${uscc} has a proposal in round ${round.id} already`);
      const proposal: VentureProposal = {
        id: randomUUID(),
        roundId: round.id,
        uscc,
        theme: input.theme,
        title: input.title,
        summary: input.summary,
        budgetFen: input.budgetFen,
        stages,
        content: input.content,
        status: 'SUBMITTED',
        contractId: null,
        submittedBy: principal.subject,
        submittedAt: now.toISOString(),
        revision: 1,
      };
      await tx.publish(VentureProposalSubmitted, {
        subject: round.id,
        data: { roundId: round.id, proposalId: proposal.id, uscc, theme: proposal.theme, title: proposal.title, budgetFen: proposal.budgetFen, stageCount: stages.length, submittedAt: proposal.submittedAt },
      });
      await this.store.insert(tx, 'VP_PROPOSAL', proposalKeys(proposal), proposal, now);
      return proposal;
    });
  }

  async mine(roundId: string, principal: Principal) {
    const uscc = proposerOf(principal);
    if (!(await this.store.get(null, 'VP_ROUND', roundId))) throw roundNotFound(roundId);
    return this.store.find<VentureProposal>(null, 'VP_PROPOSAL', { parentId: roundId, uscc }, MODE_LIST_LIMIT);
  }
}
