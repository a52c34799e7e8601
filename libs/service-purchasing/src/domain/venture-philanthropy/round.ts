import { civilDateOf, compareCivilDates, parseCivilDate } from '@sop/util';
import { checkMilestones, type Milestone } from '../contract/milestones';
import { latestTermEnd } from '../contract-terms';
import { assertScoring, type QualityCriterion } from '../procurement/procurement-notice';
import { PurchaseModeErrors } from '../purchase-modes/purchase-modes.errors';
import type { PurchaseMethod } from '../purchasing-rules';
import type { RoundEligibilityRules } from './round-eligibility';

/**
 * A venture-philanthropy round (公益创投, regulations §7.3): government funds public-service projects that social
 * organizations design themselves within announced themes, selected after review, paid in instalments by project
 * stage over a cycle of about a year, closed by a completion evaluation.
 */
export interface VentureRound {
  id: string;
  organUnitId: string;
  organJurisdiction: string;
  organName: string;
  budgetLineId: string;
  title: string;
  description: string;
  themes: string[];
  fundFen: number;
  perProjectCapFen: number;
  /** The government-procurement method the round is run under (ContractSigned names it for each project). */
  method: PurchaseMethod;
  eligibility: RoundEligibilityRules;
  /** The panel's criteria (weights summing to 100; projects do not compete on price). */
  criteria: QualityCriterion[];
  proposalDeadline: string;
  cycleStart: string;
  cycleEnd: string;
  status: 'OPEN' | 'REVIEWED' | 'SELECTED';
  announcedBy: string;
  announcedAt: string;
  revision: number;
}

export type ProposalStage = Milestone;

/** Order 102 Art. 23 content the selected project's contract carries (the same fields as any contract's). */
export interface ProjectContent {
  serviceContent: string;
  quantity: string;
  qualityStandards: string;
  paymentSchedule: string;
  rightsAndObligations: string;
  assessmentMethod: string;
  breachLiability: string;
}

export interface VentureProposal {
  id: string;
  roundId: string;
  uscc: string;
  theme: string;
  title: string;
  summary: string;
  budgetFen: number;
  /** Instalments by project stage: the contract's milestones once selected. */
  stages: ProposalStage[];
  content: ProjectContent;
  status: 'SUBMITTED' | 'INELIGIBLE' | 'SCORED' | 'SELECTED' | 'NOT_SELECTED';
  contractId: string | null;
  submittedBy: string;
  submittedAt: string;
  revision: number;
}

export const ROUND_RULE = 'themes announced, fund and per-project cap in fen (cap ≤ fund), proposal deadline ahead, a cycle of about a year starting on or after the deadline (regulations §7.3)';
/** "≈ 1 year per round" (regulations §7.3, Hefei Baohe 2014): the cycle runs at most one year, which is also Order 102 Art. 24's normal term. */
export const CYCLE_MAX_YEARS = 1;

const invalid = (field: string, message: string, rule = ROUND_RULE) => new PurchaseModeErrors.ROUND_INVALID(message, { violations: [{ field, rule, message }] });

export interface RoundTerms {
  themes: string[];
  fundFen: number;
  perProjectCapFen: number;
  criteria: QualityCriterion[];
  proposalDeadline: Date;
  cycleStart: string;
  cycleEnd: string;
}

/** Checks a round before it is announced (else 400 PURCHASE_MODES.ROUND_INVALID naming the field). */
export function checkRound(r: RoundTerms, now: Date): void {
  if (r.themes.length === 0 || r.themes.some((t) => !t.trim())) throw invalid('themes', 'at least one named theme');
  if (new Set(r.themes).size !== r.themes.length) throw invalid('themes', 'each theme once');
  if (!Number.isSafeInteger(r.fundFen) || r.fundFen <= 0) throw invalid('fundFen', 'a positive whole number of fen');
  if (!Number.isSafeInteger(r.perProjectCapFen) || r.perProjectCapFen <= 0 || r.perProjectCapFen > r.fundFen) throw invalid('perProjectCapFen', `a positive whole number of fen, at most the fund ${r.fundFen}`);
  assertScoring({ priceWeight: 0, criteria: r.criteria });
  if (Number.isNaN(r.proposalDeadline.getTime()) || r.proposalDeadline <= now) throw invalid('proposalDeadline', 'the proposal deadline lies ahead');
  const start = parseCivilDate(r.cycleStart);
  const end = parseCivilDate(r.cycleEnd);
  if (!start) throw invalid('cycleStart', `${r.cycleStart} is not a calendar date`);
  if (!end) throw invalid('cycleEnd', `${r.cycleEnd} is not a calendar date`);
  if (compareCivilDates(start, civilDateOf(r.proposalDeadline)) < 0) throw invalid('cycleStart', 'the cycle starts on or after the proposal deadline (Beijing date)');
  if (compareCivilDates(end, start) < 0) throw invalid('cycleEnd', 'the cycle ends on or after its start');
  const latest = latestTermEnd(start, CYCLE_MAX_YEARS);
  if (compareCivilDates(end, latest) > 0) throw invalid('cycleEnd', `a round's cycle is about a year: it ends by ${latest}`);
}

export interface ProposalTerms {
  theme: string;
  budgetFen: number;
  stages: ProposalStage[];
}

/**
 * A proposal within the round (else 400 PURCHASE_MODES.PROPOSAL_INVALID naming the field; 409 PROPOSALS_CLOSED after
 * the deadline): a theme of the round, a budget within the cap, stages within the cycle summing to the budget (the
 * milestone rule of contract performance, so the stages become the contract's instalments unchanged).
 */
export function checkProposal(round: VentureRound, p: ProposalTerms, now: Date): ProposalStage[] {
  if (round.status !== 'OPEN' || now.getTime() >= Date.parse(round.proposalDeadline))
    throw new PurchaseModeErrors.PROPOSALS_CLOSED(`round ${round.id} took proposals until ${round.proposalDeadline}`, { extensions: { proposalDeadline: round.proposalDeadline } });
  const bad = (field: string, message: string) => new PurchaseModeErrors.PROPOSAL_INVALID(message, { violations: [{ field, rule: 'a theme of the round, a budget within the per-project cap (regulations §7.3)', message }] });
  if (!round.themes.includes(p.theme)) throw bad('theme', `the round's themes are ${round.themes.join(', ')}`);
  if (!Number.isSafeInteger(p.budgetFen) || p.budgetFen <= 0 || p.budgetFen > round.perProjectCapFen) throw bad('budgetFen', `at most the per-project cap ${round.perProjectCapFen} fen`);
  try {
    return checkMilestones(p.stages, p.budgetFen, round.cycleStart, round.cycleEnd);
  } catch (err) {
    const e = err as { violations?: { field: string; rule: string; message: string }[]; message: string };
    if (!e.violations) throw err;
    throw new PurchaseModeErrors.PROPOSAL_INVALID(e.message, { violations: e.violations.map((v) => ({ ...v, field: v.field.replace(/^milestones/, 'stages') })) });
  }
}
