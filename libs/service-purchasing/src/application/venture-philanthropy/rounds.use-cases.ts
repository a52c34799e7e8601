import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Principal } from '@sop/auth';
import { VentureRoundAnnounced } from '@sop/contracts';
import { UnitOfWork } from '@sop/messaging';
import { Clock } from '@sop/util';
import { commit } from '../../domain/procurement/budget-line';
import type { QualityCriterion } from '../../domain/procurement/procurement-notice';
import { PurchaseModeErrors } from '../../domain/purchase-modes/purchase-modes.errors';
import type { PurchaseMethod } from '../../domain/purchasing-rules';
import { checkRound, type VentureRound } from '../../domain/venture-philanthropy/round';
import { VENTURE_ELIGIBILITY_V1 } from '../../domain/venture-philanthropy/round-eligibility';
import { BudgetStore } from '../budgets/budgets.ports';
import { PerformanceStore } from '../contract-performance/contract-performance.ports';
import { OrganStore } from '../organs/organs.ports';
import { organOf } from '../purchase-modes/mode-support';
import { MODE_LIST_LIMIT, PurchaseModeStore } from '../purchase-modes/purchase-modes.ports';
import { budgetLineNotFound } from '../read-reach';
import type { RoundSelection } from './selection.use-cases';

export interface AnnounceRoundInput {
  title: string;
  description: string;
  themes: string[];
  budgetLineId: string;
  fundFen: number;
  perProjectCapFen: number;
  method: PurchaseMethod;
  criteria: QualityCriterion[];
  proposalDeadline: string;
  cycleStart: string;
  cycleEnd: string;
}

export const roundKeys = (r: VentureRound) => ({ id: r.id, unitId: r.organUnitId, jurisdiction: r.organJurisdiction, status: r.status, revision: r.revision });
export const roundNotFound = (id: string) => new PurchaseModeErrors.ROUND_NOT_FOUND(`no venture-philanthropy round ${id}`);

/**
 * Venture-philanthropy rounds (公益创投, regulations §7.3): announced by a registered purchasing organ, the fund
 * committed on its budget line (row locked) in the same transaction as VentureRoundAnnounced; public reads with the
 * selection and each project's contract status and completion evaluation.
 */
@Injectable()
export class VentureRounds {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly store: PurchaseModeStore,
    private readonly organs: OrganStore,
    private readonly budgets: BudgetStore,
    private readonly performance: PerformanceStore,
    private readonly clock: Clock,
  ) {}

  async announce(input: AnnounceRoundInput, principal: Principal) {
    const now = this.clock.now();
    const deadline = new Date(input.proposalDeadline);
    checkRound({ ...input, proposalDeadline: deadline }, now);
    return this.uow.run(async (tx) => {
      const organ = await organOf(this.organs, tx, principal);
      const line = await this.budgets.lockById(tx, input.budgetLineId);
      if (!line || line.organUnitId !== organ.unitId) throw budgetLineNotFound(input.budgetLineId);
      await this.budgets.saveAmounts(tx, commit(line, input.fundFen, 'fundFen'));
      const round: VentureRound = {
        id: randomUUID(),
        organUnitId: organ.unitId,
        organJurisdiction: organ.jurisdiction,
        organName: organ.name,
        budgetLineId: line.id,
        title: input.title,
        description: input.description,
        themes: input.themes,
        fundFen: input.fundFen,
        perProjectCapFen: input.perProjectCapFen,
        method: input.method,
        eligibility: VENTURE_ELIGIBILITY_V1,
        criteria: input.criteria,
        proposalDeadline: deadline.toISOString(),
        cycleStart: input.cycleStart,
        cycleEnd: input.cycleEnd,
        status: 'OPEN',
        announcedBy: principal.subject,
        announcedAt: now.toISOString(),
        revision: 1,
      };
      await tx.publish(VentureRoundAnnounced, {
        subject: round.id,
        data: {
          roundId: round.id,
          organUnitId: round.organUnitId,
          organJurisdiction: round.organJurisdiction,
          budgetLineId: round.budgetLineId,
          title: round.title,
          themes: round.themes,
          fundFen: round.fundFen,
          perProjectCapFen: round.perProjectCapFen,
          method: round.method,
          proposalDeadline: round.proposalDeadline,
          cycleStart: round.cycleStart,
          cycleEnd: round.cycleEnd,
          eligibilityVersion: round.eligibility.version,
          announcedAt: round.announcedAt,
        },
      });
      await this.store.insert(tx, 'VP_ROUND', roundKeys(round), round, now);
      return round;
    });
  }

  async list() {
    return this.store.find<VentureRound>(null, 'VP_ROUND', {}, MODE_LIST_LIMIT);
  }

  /** The round as announced, and once selected its projects: contract, status, paid amount and completion evaluation. */
  async get(id: string) {
    const round = await this.store.get<VentureRound>(null, 'VP_ROUND', id);
    if (!round) throw roundNotFound(id);
    const selection = await this.store.get<RoundSelection>(null, 'VP_SELECTION', id);
    const projects = selection
      ? await Promise.all(
          selection.projects.map(async (p) => {
            const [c, record] = await Promise.all([this.performance.contract(null, p.contractId), this.performance.record(null, p.contractId)]);
            const last = record.milestones[record.milestones.length - 1];
            const done = last ? record.acceptances.find((a) => a.sequence === last.sequence && a.passed) : undefined;
            return {
              ...p,
              contractStatus: c?.status ?? null,
              paidFen: record.milestones.reduce((a, m) => a + m.paidFen, 0),
              instalments: record.milestones.map((m) => ({ sequence: m.sequence, title: m.title, dueOn: m.dueOn, amountFen: m.amountFen, paidFen: m.paidFen, accepted: record.acceptances.some((a) => a.sequence === m.sequence && a.passed) })),
              completionEvaluation: done ? { sequence: done.sequence, score: done.score, band: done.band, findings: done.findings, ruleVersion: done.ruleVersion, acceptedAt: done.acceptedAt.toISOString() } : null,
            };
          }),
        )
      : null;
    return { ...round, selection: selection ? { ...selection, projects } : null };
  }
}
