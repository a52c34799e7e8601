import { EVALUATION_GRADES, type EvaluationGrade, type OrganizationCategory } from '@sop/contracts';
import { ruleVersionOf, type PurchasingRuleSet } from '../purchasing-rules';
import { barringMeasuresOf, type MeasureSet, type SupplierStatus } from '../supplier-eligibility';
import { gradeRank, type GradeInForce } from '../supplier-grade';
import { barringFailures, type PerformanceFailure } from './performance-bar';
import type { QualificationRequirements } from './procurement-notice';

/**
 * Eligibility of bidders at the bid deadline and again at award (issue 11 item 3). Every evaluation is a record:
 * each rule with its outcome and evidence, the rule set version and the as-of instant; stored once, never recomputed.
 */
export const ELIGIBILITY_STAGES = ['DEADLINE', 'AWARD'] as const;
export type EligibilityStage = (typeof ELIGIBILITY_STAGES)[number];

export const ELIGIBILITY_RULES = ['REGISTERED_AND_ACTIVE', 'NOT_BARRED_FROM_PURCHASE', 'NO_MAJOR_VIOLATION', 'ANNUAL_REPORT', 'MINIMUM_GRADE', 'NO_RECENT_PERFORMANCE_FAILURE'] as const;
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
  /** Failed final acceptances and terminations of its contracts, from purchasing's own tables (absent: not read — the bar's rule is NOT_EVALUATED). */
  performanceFailures?: PerformanceFailure[];
}

const RULE_BASIS: Record<EligibilityRule, string> = {
  REGISTERED_AND_ACTIVE: 'Order 102 Art. 6–7: a lawfully established social organization, still registered (regulations §7.2)',
  NOT_BARRED_FROM_PURCHASE: 'credit joint measure NO_PURCHASE_OF_SERVICES (regulations §5.3)',
  NO_MAJOR_VIOLATION: 'Government Procurement Law Art. 22: no major illegal record in the 3 years before participating (regulations §7.2)',
  ANNUAL_REPORT: '财综〔2014〕96号 Art. 8 / local practice: annual inspection passed or annual report filed (regulations §7.1–7.2, UNCONFIRMED)',
  MINIMUM_GRADE: 'the notice’s minimum evaluation grade in force (regulations §6)',
  NO_RECENT_PERFORMANCE_FAILURE: 'the rule version’s performance bar after a failed final acceptance or a termination (issue 11 item 5; local practice, regulations §7.2)',
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
  // Only versions with a bar evaluate it: records under older versions stay exactly as they were.
  const bar = rules.performanceBar;
  if (bar && asOf && !facts.performanceFailures)
    out.push(result('NO_RECENT_PERFORMANCE_FAILURE', 'NOT_EVALUATED', `the performance history was not read for this evaluation (${ruleVersionOf(rules)})`, { months: bar.months, ruleVersion: ruleVersionOf(rules) }));
  else if (bar && asOf) {
    const barring = barringFailures(facts.performanceFailures ?? [], bar, asOf);
    out.push(
      result(
        'NO_RECENT_PERFORMANCE_FAILURE',
        barring.length ? 'FAIL' : 'PASS',
        barring.length
          ? barring.map((f) => `${f.kind} of contract ${f.contractId} on ${f.on}: barred until ${f.admittedFrom} (${bar.months} months, ${ruleVersionOf(rules)})`).join('; ')
          : `no failed final acceptance or termination within ${bar.months} months (${ruleVersionOf(rules)})`,
        { months: bar.months, unconfirmed: bar.unconfirmed, source: bar.source, ruleVersion: ruleVersionOf(rules), failures: barring },
      ),
    );
  }
  return { bidderUscc: facts.uscc, eligible: out.every((r) => r.outcome !== 'FAIL'), rules: out };
}

export function evaluateEligibility(stage: EligibilityStage, asOf: Date, recordedAt: Date, bidders: BidderFacts[], req: QualificationRequirements, rules: PurchasingRuleSet): EligibilityEvaluation {
  return { stage, asOf: asOf.toISOString(), recordedAt: recordedAt.toISOString(), ruleVersion: ruleVersionOf(rules), bidders: bidders.map((b) => evaluateBidder(b, req, rules, asOf)) };
}

export const isValidGrade = (g: string): g is EvaluationGrade => (EVALUATION_GRADES as readonly string[]).includes(g);

