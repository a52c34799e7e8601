import { EVALUATION_GRADES, type EvaluationGrade, type OrganizationCategory } from '@sop/contracts';
import { PurchasingErrors } from '../purchasing.errors';
import { ruleVersionOf, type PurchasingRuleSet } from '../purchasing-rules';
import { barringMeasuresOf, type MeasureSet, type SupplierStatus } from '../supplier-eligibility';
import { gradeRank, type GradeInForce } from '../supplier-grade';
import { priorityReasons, type PriorityReason } from '../supplier-priority';
import type { QualificationRequirements, ScoringMethod } from './procurement-notice';

/**
 * Eligibility of bidders at the bid deadline and again at award (issue 11 item 3), scoring by the evaluation panel
 * and the choice of the award. Every evaluation is a record: each rule with its outcome and evidence, the rule set
 * version and the as-of instant; it is stored once and never recomputed.
 */

export const ELIGIBILITY_STAGES = ['DEADLINE', 'AWARD'] as const;
export type EligibilityStage = (typeof ELIGIBILITY_STAGES)[number];

export const ELIGIBILITY_RULES = ['REGISTERED_AND_ACTIVE', 'NOT_BARRED_FROM_PURCHASE', 'NO_MAJOR_VIOLATION', 'ANNUAL_REPORT', 'MINIMUM_GRADE'] as const;
export type EligibilityRule = (typeof ELIGIBILITY_RULES)[number];

/** NOT_REQUIRED: the notice does not ask for it. NOT_EVALUATED: asked, but purchasing holds no facts to judge it (never a bar). */
export type RuleOutcome = 'PASS' | 'FAIL' | 'NOT_EVALUATED' | 'NOT_REQUIRED';

export interface RuleResult {
  rule: EligibilityRule;
  outcome: RuleOutcome;
  basis: string;
  reason: string;
  evidence: Record<string, unknown>;
}

export interface BidderEligibility {
  bidderUscc: string;
  eligible: boolean;
  rules: RuleResult[];
}

export interface EligibilityEvaluation {
  stage: EligibilityStage;
  /** The instant the facts are judged at: the bid deadline, or the award. */
  asOf: string;
  /** When purchasing recorded it (the facts are those it knew then). */
  recordedAt: string;
  ruleVersion: string;
  bidders: BidderEligibility[];
}

/** What purchasing knows of a bidder when it evaluates (from registration, credit and evaluation events). */
export interface BidderFacts {
  uscc: string;
  supplier: {
    status: SupplierStatus;
    statusChangedAt: string | null;
    category: OrganizationCategory;
    registrationEventId: string | null;
    statusEventId: string | null;
  } | null;
  measures: (MeasureSet & { eventId: string }) | null;
  grade: GradeInForce | null;
}

const RULE_BASIS: Record<EligibilityRule, string> = {
  REGISTERED_AND_ACTIVE: 'Order 102 Art. 6–7: a lawfully established social organization, still registered (regulations §7.2)',
  NOT_BARRED_FROM_PURCHASE: 'credit joint measure NO_PURCHASE_OF_SERVICES (regulations §5.3)',
  NO_MAJOR_VIOLATION: 'Government Procurement Law Art. 22: no major illegal record in the 3 years before participating (regulations §7.2)',
  ANNUAL_REPORT: '财综〔2014〕96号 Art. 8 / local practice: annual inspection passed or annual report filed (regulations §7.1–7.2, UNCONFIRMED)',
  MINIMUM_GRADE: 'the notice’s minimum evaluation grade in force (regulations §6)',
};

function result(rule: EligibilityRule, outcome: RuleOutcome, reason: string, evidence: Record<string, unknown> = {}): RuleResult {
  return { rule, outcome, basis: RULE_BASIS[rule], reason, evidence };
}

function measureEvidence(m: BidderFacts['measures']) {
  return m ? { measuresEventId: m.eventId, lists: m.lists, measures: m.measures, measuresEffectiveFrom: m.effectiveFrom, measureRuleVersion: m.ruleVersion } : { measuresEventId: null, lists: [], measures: [] };
}

const LATER_FACT = 'purchasing keeps only the latest fact, which took effect after the as-of instant; the one in force then is not kept';

/**
 * One bidder against the notice's requirements and the rule set, each rule with its outcome and evidence, as of
 * `asOf` (default: the facts as they stand). Purchasing keeps only the latest status and measure set: when the one
 * that would refuse took effect after `asOf` (a deadline evaluation recorded later), the rule is NOT_EVALUATED with
 * that reason rather than judged on a later fact.
 */
export function evaluateBidder(facts: BidderFacts, req: QualificationRequirements, rules: PurchasingRuleSet, asOf?: Date): BidderEligibility {
  const s = facts.supplier;
  const after = (iso: string | null | undefined) => !!asOf && !!iso && Date.parse(iso) > asOf.getTime();
  const out: RuleResult[] = [];
  if (!s) out.push(result('REGISTERED_AND_ACTIVE', 'FAIL', `purchasing knows no registered organization ${facts.uscc}`, { supplierKnown: false }));
  else
    out.push(
      result('REGISTERED_AND_ACTIVE', s.status === 'ACTIVE' ? 'PASS' : after(s.statusChangedAt) ? 'NOT_EVALUATED' : 'FAIL', s.status !== 'ACTIVE' && after(s.statusChangedAt) ? `registration status ${s.status} since ${s.statusChangedAt}: ${LATER_FACT}` : `registration status ${s.status}`, {
        status: s.status,
        statusChangedAt: s.statusChangedAt,
        registrationEventId: s.registrationEventId,
        statusEventId: s.statusEventId,
      }),
    );
  if (!req.notOnSeriousList) out.push(result('NOT_BARRED_FROM_PURCHASE', 'NOT_REQUIRED', 'the notice does not ask for it'));
  else {
    const barring = barringMeasuresOf(facts.measures, rules);
    const later = after(facts.measures?.effectiveFrom);
    out.push(
      result(
        'NOT_BARRED_FROM_PURCHASE',
        later ? 'NOT_EVALUATED' : barring.length ? 'FAIL' : 'PASS',
        later ? `measure set in force from ${facts.measures?.effectiveFrom}: ${LATER_FACT}` : barring.length ? `under ${barring.join(', ')} (lists: ${facts.measures?.lists.join(', ') || 'none'})` : facts.measures ? 'no barring measure in the set in force' : 'credit never published measures for it',
        measureEvidence(facts.measures),
      ),
    );
  }
  if (req.noMajorViolationYears === null) out.push(result('NO_MAJOR_VIOLATION', 'NOT_REQUIRED', 'the notice does not ask for it'));
  else if (facts.measures?.lists.includes('SERIOUS') && !after(facts.measures.effectiveFrom))
    out.push(result('NO_MAJOR_VIOLATION', 'FAIL', 'on the serious list of credit now (a serious violation in the period)', { years: req.noMajorViolationYears, ...measureEvidence(facts.measures) }));
  else
    out.push(
      result(
        'NO_MAJOR_VIOLATION',
        'NOT_EVALUATED',
        'purchasing receives no administrative-penalty history, only the credit lists in force, which show no serious listing',
        { years: req.noMajorViolationYears, ...measureEvidence(facts.measures) },
      ),
    );
  // The national rule version names the annual-report condition but purchasing receives no annual-report facts.
  out.push(result('ANNUAL_REPORT', 'NOT_EVALUATED', `purchasing holds no annual-report or annual-inspection facts (${ruleVersionOf(rules)})`));
  if (!req.minimumGrade) out.push(result('MINIMUM_GRADE', 'NOT_REQUIRED', 'the notice sets no minimum grade'));
  else {
    const g = facts.grade;
    const ok = g !== null && gradeRank(g.grade) >= gradeRank(req.minimumGrade as EvaluationGrade);
    out.push(
      result('MINIMUM_GRADE', ok ? 'PASS' : 'FAIL', g ? `grade ${g.grade} in force, ${req.minimumGrade} required` : `no grade in force, ${req.minimumGrade} required`, {
        minimumGrade: req.minimumGrade,
        grade: g ? { gradeId: g.gradeId, grade: g.grade, validFrom: g.validFrom, validUntil: g.validUntil, lowered: g.lowered, ruleVersion: g.ruleVersion } : null,
      }),
    );
  }
  return { bidderUscc: facts.uscc, eligible: out.every((r) => r.outcome !== 'FAIL'), rules: out };
}

export function evaluateEligibility(stage: EligibilityStage, asOf: Date, recordedAt: Date, bidders: BidderFacts[], req: QualificationRequirements, rules: PurchasingRuleSet): EligibilityEvaluation {
  return { stage, asOf: asOf.toISOString(), recordedAt: recordedAt.toISOString(), ruleVersion: ruleVersionOf(rules), bidders: bidders.map((b) => evaluateBidder(b, req, rules, asOf)) };
}

export const isValidGrade = (g: string): g is EvaluationGrade => (EVALUATION_GRADES as readonly string[]).includes(g);

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
}

const scoreError = (field: string, message: string, rule = 'each bid eligible at the deadline scored once on every criterion of the notice, 0 ≤ points ≤ max points') =>
  new PurchasingErrors.SCORES_INVALID(message, { violations: [{ field, rule, message }] });

/**
 * The panel's marks for exactly the bids eligible at the deadline, priced and totalled; ranked by total, and "under
 * equal conditions" (equal totals) a bidder with priority (direct-registration category, 3A+ grade: supplier-priority)
 * ranks before one without. Still equal: the same rank (the award names one of them).
 */
export function scoreBids(scoring: ScoringMethod, bids: EligibleBid[], marks: PanelScore[], rules: PurchasingRuleSet): ScoringResult {
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
    return {
      bidderUscc: bid.bidderUscc,
      bidId: bid.bidId,
      priceFen: bid.priceFen,
      priceScore,
      quality,
      qualityScore,
      total: hundredths(priceScore + qualityScore),
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
