import { jurisdictionCovers } from '@sop/util';
import { evaluateBidder, type BidderFacts, type RuleResult as BidderRuleResult } from '../procurement/bidder-eligibility';
import { ruleVersionOf, type PurchasingRuleSet } from '../purchasing-rules';

/**
 * The eligibility rules of a venture-philanthropy round as data (regulations §7.3, Enshi 2025 [S19]): registered
 * locally; on neither the abnormal nor the serious list; no administrative penalty in the two preceding years, as far
 * as purchasing knows (it receives the credit lists, not the penalty history). Sound governance, non-profit accounting
 * and charter scope are stated in words (`other`) and judged by the panel, not by purchasing's facts.
 */
export interface RoundEligibilityRules {
  version: string;
  registeredLocally: boolean;
  /** Credit lists that bar a proposer (ABNORMAL, SERIOUS). */
  barringLists: string[];
  noPenaltyYears: number | null;
  other: string[];
  basis: string;
}

export const VENTURE_ELIGIBILITY_V1: RoundEligibilityRules = {
  version: 'venture-philanthropy/eligibility@v1',
  registeredLocally: true,
  barringLists: ['ABNORMAL', 'SERIOUS'],
  noPenaltyYears: 2,
  other: ['健全的内部治理', '执行非营利组织会计制度并有独立银行账户', '项目在章程业务范围内'],
  basis: 'regulations §7.3: registered locally; not on abnormal/serious lists; no administrative penalty in the two preceding years; sound governance; non-profit accounting with own bank account; project within charter scope (Enshi 2025) [S19]',
};

export type RoundRule = BidderRuleResult['rule'] | 'REGISTERED_LOCALLY' | 'NOT_ON_CREDIT_LISTS';
export interface RoundRuleResult extends Omit<BidderRuleResult, 'rule'> {
  rule: RoundRule;
}

export interface ProposerEligibility {
  uscc: string;
  eligible: boolean;
  rules: RoundRuleResult[];
}

export interface RoundEligibilityEvaluation {
  stage: 'REVIEW' | 'SELECTION';
  asOf: string;
  recordedAt: string;
  ruleVersion: string;
  eligibilityVersion: string;
  proposers: ProposerEligibility[];
}

/**
 * One proposer against the round's rules, each with its outcome and evidence: the bidder evaluation of procurements
 * (registered and active, not barred from purchase, no major violation over `noPenaltyYears`, annual report) plus the
 * two rules the round adds — registered by an authority of the round's area (either division covers the other), and
 * on none of the barring lists. The later-fact caution of evaluateBidder applies to the lists too.
 */
export function evaluateProposer(facts: BidderFacts, registeringAuthority: string | null, organJurisdiction: string, round: RoundEligibilityRules, rules: PurchasingRuleSet, asOf: Date): ProposerEligibility {
  const base = evaluateBidder(facts, { registeredAndActive: true, notOnSeriousList: true, noMajorViolationYears: round.noPenaltyYears, minimumGrade: null, other: round.other }, rules, asOf);
  const out: RoundRuleResult[] = base.rules.filter((r) => r.rule !== 'MINIMUM_GRADE');
  if (round.registeredLocally) {
    const local = !!registeringAuthority && (jurisdictionCovers(organJurisdiction, registeringAuthority) || jurisdictionCovers(registeringAuthority, organJurisdiction));
    out.push({
      rule: 'REGISTERED_LOCALLY',
      outcome: registeringAuthority === null ? 'FAIL' : local ? 'PASS' : 'FAIL',
      basis: 'regulations §7.3: registered locally (Enshi 2025) [S19]',
      reason: registeringAuthority === null ? 'purchasing knows no registration of it' : `registered by authority ${registeringAuthority}; the round's area is ${organJurisdiction}`,
      evidence: { registeringAuthority, roundJurisdiction: organJurisdiction, registrationEventId: facts.supplier?.registrationEventId ?? null },
    });
  }
  if (round.barringLists.length > 0) {
    const m = facts.measures;
    const later = !!m && Date.parse(m.effectiveFrom) > asOf.getTime();
    const on = (m?.lists ?? []).filter((l) => round.barringLists.includes(l));
    out.push({
      rule: 'NOT_ON_CREDIT_LISTS',
      outcome: later ? 'NOT_EVALUATED' : on.length ? 'FAIL' : 'PASS',
      basis: `regulations §7.3: not on the ${round.barringLists.join('/')} lists [S19]`,
      reason: later ? `lists in force from ${m?.effectiveFrom}, after ${asOf.toISOString()}: the earlier ones are not kept` : on.length ? `on the ${on.join(', ')} list(s)` : m ? 'on none of the barring lists' : 'credit never published lists for it',
      evidence: m ? { measuresEventId: m.eventId, lists: m.lists, measuresEffectiveFrom: m.effectiveFrom, measureRuleVersion: m.ruleVersion } : { measuresEventId: null, lists: [] },
    });
  }
  return { uscc: facts.uscc, eligible: out.every((r) => r.outcome !== 'FAIL'), rules: out };
}

export function evaluateRound(stage: RoundEligibilityEvaluation['stage'], asOf: Date, recordedAt: Date, proposers: { facts: BidderFacts; registeringAuthority: string | null }[], organJurisdiction: string, round: RoundEligibilityRules, rules: PurchasingRuleSet): RoundEligibilityEvaluation {
  return {
    stage,
    asOf: asOf.toISOString(),
    recordedAt: recordedAt.toISOString(),
    ruleVersion: ruleVersionOf(rules),
    eligibilityVersion: round.version,
    proposers: proposers.map((p) => evaluateProposer(p.facts, p.registeringAuthority, organJurisdiction, round, rules, asOf)),
  };
}
