import { type OrganizationCategory } from '@sop/contracts';
import { PurchasingErrors } from '../purchasing.errors';
import { ruleVersionOf, type PurchasingRuleSet } from '../purchasing-rules';
import { type GradeInForce } from '../supplier-grade';
import { priorityReasons, type PriorityReason } from '../supplier-priority';
import type { ScoringMethod } from './procurement-notice';
import type { EligibilityEvaluation, RuleResult } from './bidder-eligibility';
import { scoreDeduction, type PerformanceFailure, type ScoreDeduction } from './performance-bar';

/** Scoring by the evaluation panel and the choice of the award (issue 11 item 3), on the eligibility records of bidder-eligibility.ts. */
// ---------------------------------------------------------------- scoring

/**
 * Price score: the common comprehensive-evaluation (综合评分法) formula, lowest eligible price ÷ bid price × price
 * weight (the benchmark-price method of MOF Order 87 Art. 55, not restated in regulations.md: UNCONFIRMED there).
 * Quality: points ÷ max points × criterion weight. Scores are kept to 2 decimals (hundredths), totals too.
 */
export const PRICE_FORMULA = 'lowest eligible price / bid price × price weight (comprehensive evaluation, benchmark-price method; MOF Order 87 Art. 55, UNCONFIRMED in regulations.md)';

export interface QualityMark {
  criterion: string;
  points: number;
}

export interface PanelScore {
  bidderUscc: string;
  quality: QualityMark[];
}

export interface ScoredBid {
  bidderUscc: string;
  bidId: string;
  priceFen: number;
  priceScore: number;
  quality: { criterion: string; points: number; maxPoints: number; weight: number; score: number }[];
  qualityScore: number;
  /** Points deducted for failed acceptances (the rule version's performanceBar.scoreDeductionPoints), with them; absent in scores recorded before deductions existed. */
  deduction?: ScoreDeduction | null;
  total: number;
  priority: PriorityReason[];
  rank: number;
}

export interface ScoringResult {
  priceFormula: string;
  lowestPriceFen: number;
  ruleVersion: string;
  bids: ScoredBid[];
}

const hundredths = (x: number) => Math.round(x * 100) / 100;

export interface EligibleBid {
  bidderUscc: string;
  bidId: string;
  priceFen: number;
  category: OrganizationCategory | null;
  grade: GradeInForce | null;
  /** What purchasing recorded of the bidder's performance (scoring deductions); absent: none counted. */
  performanceFailures?: PerformanceFailure[];
}

const scoreError = (field: string, message: string, rule = 'each bid eligible at the deadline scored once on every criterion of the notice, 0 ≤ points ≤ max points') =>
  new PurchasingErrors.SCORES_INVALID(message, { violations: [{ field, rule, message }] });

/**
 * The panel's marks for exactly the bids eligible at the deadline, priced and totalled; ranked by total, and "under
 * equal conditions" (equal totals) a bidder with priority (direct-registration category, 3A+ grade: supplier-priority)
 * ranks before one without. Still equal: the same rank (the award names one of them). Where the rule version deducts
 * points for failed acceptances (performanceBar.scoreDeductionPoints), they come off the total, counted as of the bid
 * deadline, and the scores record which acceptances they were.
 */
export function scoreBids(scoring: ScoringMethod, bids: EligibleBid[], marks: PanelScore[], rules: PurchasingRuleSet, deadline?: Date): ScoringResult {
  if (bids.length === 0) throw new PurchasingErrors.NO_ELIGIBLE_BID('no bid was eligible at the deadline: nothing to score');
  const byUscc = new Map(bids.map((b) => [b.bidderUscc, b]));
  const seen = new Set<string>();
  marks.forEach((m, i) => {
    if (!byUscc.has(m.bidderUscc)) throw scoreError(`scores.${i}.bidderUscc`, `${m.bidderUscc} has no bid eligible at the deadline`);
    if (seen.has(m.bidderUscc)) throw scoreError(`scores.${i}.bidderUscc`, `${m.bidderUscc} is scored twice`);
    seen.add(m.bidderUscc);
  });
  const missing = bids.filter((b) => !seen.has(b.bidderUscc)).map((b) => b.bidderUscc);
  if (missing.length) throw scoreError('scores', `bids eligible at the deadline are not scored: ${missing.join(', ')}`);
  const lowest = Math.min(...bids.map((b) => b.priceFen));
  const scored = marks.map((m, i) => {
    const bid = byUscc.get(m.bidderUscc) as EligibleBid;
    const named = new Map<string, number>();
    m.quality.forEach((q, j) => {
      const c = scoring.criteria.find((x) => x.name === q.criterion);
      if (!c) throw scoreError(`scores.${i}.quality.${j}.criterion`, `the notice has no criterion ${q.criterion}`);
      if (named.has(q.criterion)) throw scoreError(`scores.${i}.quality.${j}.criterion`, `criterion ${q.criterion} is marked twice`);
      if (!(Number.isFinite(q.points) && q.points >= 0 && q.points <= c.maxPoints))
        throw scoreError(`scores.${i}.quality.${j}.points`, `${q.points} is not within 0–${c.maxPoints} for ${q.criterion}`);
      named.set(q.criterion, q.points);
    });
    const quality = scoring.criteria.map((c) => {
      const points = named.get(c.name);
      if (points === undefined) throw scoreError(`scores.${i}.quality`, `criterion ${c.name} is not marked for ${m.bidderUscc}`);
      return { criterion: c.name, points, maxPoints: c.maxPoints, weight: c.weight, score: hundredths((points / c.maxPoints) * c.weight) };
    });
    const priceScore = hundredths((lowest / bid.priceFen) * scoring.priceWeight);
    const qualityScore = hundredths(quality.reduce((a, q) => a + q.score, 0));
    const deduction = deadline ? scoreDeduction(bid.performanceFailures ?? [], rules.performanceBar, deadline) : null;
    return {
      bidderUscc: bid.bidderUscc,
      bidId: bid.bidId,
      priceFen: bid.priceFen,
      priceScore,
      quality,
      qualityScore,
      deduction,
      total: hundredths(Math.max(0, priceScore + qualityScore - (deduction?.points ?? 0))),
      priority: bid.category ? priorityReasons(bid.category, bid.grade, rules) : [],
      rank: 0,
    };
  });
  const key = (s: ScoredBid) => [s.total, s.priority.length > 0 ? 1 : 0] as const;
  scored.sort((a, b) => key(b)[0] - key(a)[0] || key(b)[1] - key(a)[1] || (a.bidderUscc < b.bidderUscc ? -1 : 1));
  scored.forEach((s, i) => {
    const prev = scored[i - 1];
    s.rank = prev && key(prev)[0] === key(s)[0] && key(prev)[1] === key(s)[1] ? prev.rank : i + 1;
  });
  return { priceFormula: PRICE_FORMULA, lowestPriceFen: lowest, ruleVersion: ruleVersionOf(rules), bids: scored };
}

// ---------------------------------------------------------------- award

/**
 * Standstill after the award notice, in calendar days from the award: UNCONFIRMED — regulations.md does not state it;
 * the figure is the commonly cited 7 working days for suppliers' challenges (质疑, Government Procurement Law Art. 52),
 * counted here as calendar days (shorter than the rule where it counts working days; confirm before use).
 */
export const STANDSTILL = { days: 7, basis: 'UNCONFIRMED: commonly cited 7 working days for challenges after the award notice (Government Procurement Law Art. 52), counted as calendar days', confirmed: false };

/** The rule version allows no deviation from the highest eligible total (Order 102 Art. 3: open competitive selection). */
export const DEVIATION_RULE = 'the award goes to the highest eligible total; rule version allows no deviation (Order 102 Art. 3 open competitive selection)';

export interface AwardChoice {
  winner: ScoredBid;
  /** Bidders scored but refused at award, with their failing rules. */
  refused: { bidderUscc: string; failed: RuleResult[] }[];
}

/**
 * The highest total among the bids still eligible at award. `requested` (optional): the purchaser's choice; a bidder
 * not eligible at award is refused with its failing rules; any other than the best is a deviation, refused; among
 * an unresolved tie at the top it names which.
 */
export function chooseWinner(scoring: ScoringResult, atAward: EligibilityEvaluation, requested: string | undefined): AwardChoice {
  const verdict = new Map(atAward.bidders.map((b) => [b.bidderUscc, b]));
  const refused = scoring.bids
    .filter((s) => !verdict.get(s.bidderUscc)?.eligible)
    .map((s) => ({ bidderUscc: s.bidderUscc, failed: (verdict.get(s.bidderUscc)?.rules ?? []).filter((r) => r.outcome === 'FAIL') }));
  const eligible = scoring.bids.filter((s) => verdict.get(s.bidderUscc)?.eligible);
  if (requested) {
    const r = refused.find((x) => x.bidderUscc === requested);
    if (r)
      throw new PurchasingErrors.INELIGIBLE_AT_AWARD(`${requested} is not eligible at award: ${r.failed.map((f) => `${f.rule} (${f.reason})`).join('; ')}`, {
        violations: r.failed.map((f) => ({ field: 'bidderUscc', rule: f.basis, message: `${f.rule}: ${f.reason}` })),
        extensions: { asOf: atAward.asOf, ruleVersion: atAward.ruleVersion, failed: r.failed },
      });
  }
  if (eligible.length === 0) throw new PurchasingErrors.NO_ELIGIBLE_BID('no scored bid is eligible at award', { extensions: { refused } });
  const top = eligible.filter((s) => s.total === eligible[0].total && s.priority.length > 0 === eligible[0].priority.length > 0);
  if (!requested) {
    if (top.length > 1)
      throw new PurchasingErrors.AWARD_TIE(`${top.map((t) => t.bidderUscc).join(', ')} are equal in total and priority: name one with reasons`, {
        violations: [{ field: 'bidderUscc', rule: 'an unresolved tie at the top is decided by the purchaser, with reasons', message: 'required' }],
      });
    return { winner: top[0], refused };
  }
  const chosen = top.find((t) => t.bidderUscc === requested);
  if (!chosen) {
    const known = scoring.bids.some((s) => s.bidderUscc === requested);
    throw new PurchasingErrors.AWARD_DEVIATION_REFUSED(
      known ? `${requested} does not have the highest eligible total (${eligible[0].bidderUscc}: ${eligible[0].total})` : `${requested} has no scored bid`,
      { violations: [{ field: 'bidderUscc', rule: DEVIATION_RULE, message: requested }] },
    );
  }
  return { winner: chosen, refused };
}
