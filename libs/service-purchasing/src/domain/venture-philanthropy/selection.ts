import type { OrganizationCategory } from '@sop/contracts';
import { scoreBids, type PanelScore, type ScoringResult } from '../procurement/bid-scoring';
import type { PurchasingRuleSet } from '../purchasing-rules';
import type { GradeInForce } from '../supplier-grade';
import { PurchaseModeErrors } from '../purchase-modes/purchase-modes.errors';
import type { RoundEligibilityEvaluation } from './round-eligibility';
import type { VentureProposal, VentureRound } from './round';

export interface ScoredProposal {
  proposal: VentureProposal;
  category: OrganizationCategory | null;
  grade: GradeInForce | null;
}

/**
 * The panel's review of the eligible proposals with the procurement scoring (bid-scoring.ts scoreBids): the round's
 * criteria with a price weight of 0 — projects are designed within a fund, not priced against each other — so each
 * total is the weighted quality score, ranked with the "under equal conditions" priority of the rule set.
 */
export function reviewProposals(round: VentureRound, eligible: ScoredProposal[], marks: PanelScore[], rules: PurchasingRuleSet): ScoringResult {
  return scoreBids(
    { priceWeight: 0, criteria: round.criteria },
    eligible.map((e) => ({ bidderUscc: e.proposal.uscc, bidId: e.proposal.id, priceFen: e.proposal.budgetFen, category: e.category, grade: e.grade })),
    marks,
    rules,
  );
}

export const SELECTION_RULE = 'scored proposals in rank order; one is passed over only when its budget does not fit in the fund left at its turn (regulations §7.3 selection after review)';

/**
 * The projects selected within the fund: each scored at review and eligible again at selection (else 422
 * PURCHASE_MODES.PROPOSAL_INELIGIBLE with every failing rule), each once, their budgets within the fund (422
 * FUND_EXCEEDED), and in rank order: a better-ranked proposal left out must not have fitted in the fund left (400
 * SELECTION_INVALID). Returns the selected with their rank.
 */
export function chooseProjects(round: VentureRound, scores: ScoringResult, atSelection: RoundEligibilityEvaluation, proposalIds: string[], proposals: VentureProposal[]): { proposal: VentureProposal; rank: number }[] {
  const bad = (field: string, message: string) => new PurchaseModeErrors.SELECTION_INVALID(message, { violations: [{ field, rule: SELECTION_RULE, message }] });
  if (new Set(proposalIds).size !== proposalIds.length) throw bad('proposalIds', 'each proposal once');
  const byId = new Map(proposals.map((p) => [p.id, p]));
  const rankOf = new Map(scores.bids.map((b) => [b.bidId, b.rank]));
  const chosen = proposalIds.map((id, i) => {
    const p = byId.get(id);
    if (!p) throw bad(`proposalIds.${i}`, `${id} is not a proposal of round ${round.id}`);
    const verdict = atSelection.proposers.find((v) => v.uscc === p.uscc);
    if (verdict && !verdict.eligible) {
      const failed = verdict.rules.filter((r) => r.outcome === 'FAIL');
      throw new PurchaseModeErrors.PROPOSAL_INELIGIBLE(`${p.uscc} fails the round's eligibility: ${failed.map((f) => `${f.rule} (${f.reason})`).join('; ')}`, {
        violations: failed.map((f) => ({ field: `proposalIds.${i}`, rule: f.basis, message: `${f.rule}: ${f.reason}` })),
        extensions: { asOf: atSelection.asOf, ruleVersion: atSelection.ruleVersion, eligibilityVersion: atSelection.eligibilityVersion, failed },
      });
    }
    const rank = rankOf.get(id);
    if (rank === undefined) throw bad(`proposalIds.${i}`, `${id} was not scored at review (ineligible at the deadline)`);
    return { proposal: p, rank };
  });
  const total = chosen.reduce((a, c) => a + c.proposal.budgetFen, 0);
  if (total > round.fundFen)
    throw new PurchaseModeErrors.FUND_EXCEEDED(`the selected budgets sum to ${total} fen, the fund is ${round.fundFen} fen`, {
      violations: [{ field: 'proposalIds', rule: 'selected budgets within the round fund (regulations §7.3)', message: `at most ${round.fundFen} fen` }],
      extensions: { fundFen: round.fundFen, selectedFen: total },
    });
  // Greedy in rank order: with the fund left at each step, a proposal that fits is taken unless it ranks below every selected one.
  const selected = new Set(proposalIds);
  const worst = Math.max(...chosen.map((c) => c.rank));
  let left = round.fundFen;
  for (const b of [...scores.bids].sort((x, y) => x.rank - y.rank)) {
    if (selected.has(b.bidId)) {
      left -= b.priceFen;
      continue;
    }
    if (b.rank >= worst) continue;
    const eligibleNow = atSelection.proposers.find((v) => v.uscc === b.bidderUscc)?.eligible !== false;
    if (eligibleNow && b.priceFen <= left) throw bad('proposalIds', `${b.bidId} (rank ${b.rank}) ranks above a selected project and fits in the fund left at its turn (${left} fen)`);
  }
  return chosen.sort((a, b) => a.rank - b.rank);
}
