import { Injectable } from '@nestjs/common';
import type { Principal } from '@sop/auth';
import { VentureProjectsSelected, VentureProposalsReviewed } from '@sop/contracts';
import { UnitOfWork, type Tx } from '@sop/messaging';
import { Clock } from '@sop/util';
import type { PanelScore, ScoringResult } from '../../domain/procurement/bid-scoring';
import { release } from '../../domain/procurement/budget-line';
import { PurchaseModeErrors } from '../../domain/purchase-modes/purchase-modes.errors';
import { ruleSetInForce } from '../../domain/purchasing-rules';
import type { VentureProposal, VentureRound } from '../../domain/venture-philanthropy/round';
import { evaluateRound, type ProposerEligibility, type RoundEligibilityEvaluation } from '../../domain/venture-philanthropy/round-eligibility';
import { chooseProjects, reviewProposals } from '../../domain/venture-philanthropy/selection';
import { BudgetStore } from '../budgets/budgets.ports';
import { PerformanceStore } from '../contract-performance/contract-performance.ports';
import { OrganStore } from '../organs/organs.ports';
import { insertModeContract } from '../purchase-modes/mode-contract';
import { assertOwnOrgan, organOf, proposerFacts, saveChanged } from '../purchase-modes/mode-support';
import { MODE_LIST_LIMIT, PurchaseModeStore } from '../purchase-modes/purchase-modes.ports';
import { budgetLineNotFound } from '../read-reach';
import { PerformanceHistoryStore } from '../procurements/performance-history.port';
import { RuleSetStore } from '../rule-sets/rule-sets.ports';
import { SupplierGradeStore, SupplierStore } from '../suppliers/suppliers.ports';
import { proposalKeys } from './proposals.use-cases';
import { roundKeys, roundNotFound } from './rounds.use-cases';

/** The review as frozen: eligibility as of the proposal deadline (each rule with evidence) and the panel's scores. */
export interface RoundReview {
  roundId: string;
  eligibility: RoundEligibilityEvaluation;
  scores: ScoringResult;
  reviewedBy: string;
  reviewedAt: string;
  eventId: string;
}

export interface SelectedProject {
  proposalId: string;
  uscc: string;
  title: string;
  budgetFen: number;
  rank: number;
  contractId: string;
  /** The organization's eligibility at selection, frozen with its evidence. */
  eligibility: ProposerEligibility;
}

export interface RoundSelection {
  roundId: string;
  projects: SelectedProject[];
  selectedFen: number;
  releasedFen: number;
  reasons: string[];
  ruleVersion: string;
  eligibilityAsOf: string;
  selectedBy: string;
  selectedAt: string;
  eventId: string;
}

/**
 * Review and selection of a round (regulations §7.3 "selected after review"): the round's organ reviews after the
 * deadline (eligibility as of the deadline, then the panel's scores per criterion for the eligible proposals:
 * bid-scoring reused), then selects several projects within the fund, each organization's eligibility re-checked and
 * frozen, each project a contract with its stages as milestones (mode-contract: the contract-performance path), the
 * fund not selected released from the budget line — all in one transaction with the round row locked.
 */
@Injectable()
export class VentureSelection {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly store: PurchaseModeStore,
    private readonly organs: OrganStore,
    private readonly budgets: BudgetStore,
    private readonly suppliers: SupplierStore,
    private readonly grades: SupplierGradeStore,
    private readonly history: PerformanceHistoryStore,
    private readonly ruleSets: RuleSetStore,
    private readonly performance: PerformanceStore,
    private readonly clock: Clock,
  ) {}

  async review(roundId: string, marks: PanelScore[], principal: Principal) {
    const now = this.clock.now();
    return this.uow.run(async (tx) => {
      const round = await this.ownRound(tx, roundId, principal);
      const deadline = new Date(round.proposalDeadline);
      if (now < deadline) throw new PurchaseModeErrors.REVIEW_TOO_EARLY(`proposals are reviewed after ${round.proposalDeadline}`, { extensions: { proposalDeadline: round.proposalDeadline } });
      if (round.status !== 'OPEN') throw new PurchaseModeErrors.ALREADY_REVIEWED(`round ${round.id} was reviewed already`);
      const proposals = await this.store.find<VentureProposal>(tx, 'VP_PROPOSAL', { parentId: round.id }, MODE_LIST_LIMIT);
      const facts = await Promise.all(proposals.map((p) => proposerFacts(this.factStores, tx, p.uscc, deadline)));
      const rules = ruleSetInForce(deadline, 'proposalDeadline', round.organJurisdiction, await this.ruleSets.versions(tx));
      const eligibility = evaluateRound('REVIEW', deadline, now, facts, round.organJurisdiction, round.eligibility, rules);
      const eligible = proposals.filter((p) => eligibility.proposers.find((v) => v.uscc === p.uscc)?.eligible);
      const candidates = eligible.map((p) => {
        const f = facts[proposals.indexOf(p)].facts;
        return { proposal: p, category: f.supplier?.category ?? null, grade: f.grade };
      });
      const scored = reviewProposals(round, candidates, marks, rules);
      const verdicts = proposals.map((p) => {
        const v = eligibility.proposers.find((x) => x.uscc === p.uscc) as ProposerEligibility;
        const s = scored.bids.find((b) => b.bidId === p.id);
        return { proposalId: p.id, uscc: p.uscc, eligible: v.eligible, failedRules: v.rules.filter((r) => r.outcome === 'FAIL').map((r) => r.rule), total: s?.total ?? null, rank: s?.rank ?? null };
      });
      const event = await tx.publish(VentureProposalsReviewed, {
        subject: round.id,
        data: { roundId: round.id, ruleVersion: eligibility.ruleVersion, eligibilityVersion: eligibility.eligibilityVersion, asOf: eligibility.asOf, proposals: verdicts, reviewedAt: now.toISOString() },
      });
      const review: RoundReview = { roundId: round.id, eligibility, scores: scored, reviewedBy: principal.subject, reviewedAt: now.toISOString(), eventId: event.id };
      await this.store.insert(tx, 'VP_REVIEW', { id: round.id, unitId: round.organUnitId, parentId: round.id, status: 'REVIEWED', revision: 1 }, review, now);
      for (const p of proposals) {
        const next = { ...p, status: (scored.bids.some((b) => b.bidId === p.id) ? 'SCORED' : 'INELIGIBLE') as VentureProposal['status'], revision: p.revision + 1 };
        await saveChanged(this.store, tx, 'VP_PROPOSAL', proposalKeys(next), next, now);
      }
      const reviewed = { ...round, status: 'REVIEWED' as const, revision: round.revision + 1 };
      await saveChanged(this.store, tx, 'VP_ROUND', roundKeys(reviewed), reviewed, now);
      return review;
    });
  }

  async select(roundId: string, input: { proposalIds: string[]; reasons: string[] }, principal: Principal) {
    const now = this.clock.now();
    return this.uow.run(async (tx) => {
      const round = await this.ownRound(tx, roundId, principal);
      if (round.status === 'SELECTED') throw new PurchaseModeErrors.ALREADY_SELECTED(`round ${round.id} has its selection already`);
      const review = await this.store.get<RoundReview>(tx, 'VP_REVIEW', round.id);
      if (!review) throw new PurchaseModeErrors.NOT_REVIEWED(`round ${round.id} has not been reviewed`);
      const organ = await organOf(this.organs, tx, principal);
      const proposals = await this.store.find<VentureProposal>(tx, 'VP_PROPOSAL', { parentId: round.id }, MODE_LIST_LIMIT);
      const scoredIds = new Set(review.scores.bids.map((b) => b.bidId));
      // Serialized with credit and status changes of the scored organizations: the selection reads committed facts.
      const candidates = proposals.filter((p) => scoredIds.has(p.id) || input.proposalIds.includes(p.id));
      for (const p of candidates) await this.suppliers.lockSupplierFacts(tx, p.uscc);
      const rules = ruleSetInForce(now, 'selectedAt', round.organJurisdiction, await this.ruleSets.versions(tx));
      const facts = await Promise.all(candidates.map((p) => proposerFacts(this.factStores, tx, p.uscc, now)));
      const atSelection = evaluateRound('SELECTION', now, now, facts, round.organJurisdiction, round.eligibility, rules);
      const chosen = chooseProjects(round, review.scores, atSelection, input.proposalIds, proposals);
      const projects: SelectedProject[] = [];
      for (const { proposal: p, rank } of chosen) {
        const { contractId } = await insertModeContract(
          tx,
          { performance: this.performance, suppliers: this.suppliers, budgets: this.budgets },
          { organ, supplierUscc: p.uscc, title: p.title, method: round.method, valueFen: p.budgetFen, termStart: round.cycleStart, termEnd: round.cycleEnd, multiYear: false, budgetAssured: false, stableService: false, signedAt: now, milestones: p.stages, content: p.content, budgetLineId: round.budgetLineId, commitFen: 0, rules },
          principal,
          now,
        );
        projects.push({ proposalId: p.id, uscc: p.uscc, title: p.title, budgetFen: p.budgetFen, rank, contractId, eligibility: atSelection.proposers.find((v) => v.uscc === p.uscc) as ProposerEligibility });
      }
      const selectedFen = projects.reduce((a, p) => a + p.budgetFen, 0);
      const releasedFen = round.fundFen - selectedFen;
      const line = await this.budgets.lockById(tx, round.budgetLineId);
      if (!line) throw budgetLineNotFound(round.budgetLineId);
      if (releasedFen > 0) await this.budgets.saveAmounts(tx, release(line, releasedFen));
      const event = await tx.publish(VentureProjectsSelected, {
        subject: round.id,
        data: { roundId: round.id, projects: projects.map(({ proposalId, uscc, contractId, budgetFen, rank }) => ({ proposalId, uscc, contractId, budgetFen, rank })), selectedFen, releasedFen, reasons: input.reasons, ruleVersion: atSelection.ruleVersion, selectedAt: now.toISOString() },
      });
      const selection: RoundSelection = { roundId: round.id, projects, selectedFen, releasedFen, reasons: input.reasons, ruleVersion: atSelection.ruleVersion, eligibilityAsOf: atSelection.asOf, selectedBy: principal.subject, selectedAt: now.toISOString(), eventId: event.id };
      await this.store.insert(tx, 'VP_SELECTION', { id: round.id, unitId: round.organUnitId, parentId: round.id, status: 'SELECTED', revision: 1 }, selection, now);
      for (const p of proposals) {
        const picked = projects.find((x) => x.proposalId === p.id);
        const next = { ...p, status: (picked ? 'SELECTED' : p.status === 'SCORED' ? 'NOT_SELECTED' : p.status) as VentureProposal['status'], contractId: picked?.contractId ?? null, revision: p.revision + 1 };
        await saveChanged(this.store, tx, 'VP_PROPOSAL', proposalKeys(next), next, now);
      }
      const selected = { ...round, status: 'SELECTED' as const, revision: round.revision + 1 };
      await saveChanged(this.store, tx, 'VP_ROUND', roundKeys(selected), selected, now);
      return selection;
    });
  }

  /** The review (organ and auditors): every proposal's eligibility rule by rule, and the scores. */
  async reviewOf(roundId: string, principal: Principal) {
    const round = await this.store.get<VentureRound>(null, 'VP_ROUND', roundId);
    if (!round) throw roundNotFound(roundId);
    if (!principal.roles.includes('auditor')) assertOwnOrgan(round.organUnitId, principal, `round ${roundId}`);
    const review = await this.store.get<RoundReview>(null, 'VP_REVIEW', roundId);
    if (!review) throw new PurchaseModeErrors.NOT_REVIEWED(`round ${roundId} has not been reviewed`);
    return review;
  }

  private get factStores() {
    return { suppliers: this.suppliers, grades: this.grades, history: this.history };
  }

  private async ownRound(tx: Tx, id: string, principal: Principal): Promise<VentureRound> {
    const round = await this.store.locked<VentureRound>(tx, 'VP_ROUND', id);
    if (!round) throw roundNotFound(id);
    assertOwnOrgan(round.organUnitId, principal, `round ${id}`);
    return round;
  }
}
