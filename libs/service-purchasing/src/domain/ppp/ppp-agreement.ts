import { addCivilYears, compareCivilDates, parseCivilDate } from '@sop/util';
import type { Milestone } from '../contract/milestones';
import { latestTermEnd } from '../contract-terms';
import { PurchaseModeErrors } from '../purchase-modes/purchase-modes.errors';
import { PurchasingErrors } from '../purchasing.errors';

/**
 * Government–social capital cooperation (PPP) as a long-term agreement. Order 102 Art. 24 caps purchase-of-services
 * contracts at 1 (or 3) years; a PPP agreement is not a purchase-of-services contract in that sense — it is governed
 * by the PPP rules (财金〔2014〕113号 operating guidelines: cooperation terms generally 10–30 years; 财金〔2019〕10号:
 * availability payments linked to performance), which regulations.md does not give: the bounds below are
 * UNCONFIRMED rule data. That is why only this mode may run past Art. 24, and only within these bounds.
 */
export const PPP_RULES = {
  version: 'ppp/term@v1',
  minYears: 10,
  maxYears: 30,
  /** Partner selection methods (财金〔2014〕113号, UNCONFIRMED here): the procurement methods less quotations and framework agreements. */
  methods: ['OPEN_TENDERING', 'INVITATIONAL_TENDERING', 'COMPETITIVE_NEGOTIATION', 'COMPETITIVE_CONSULTATION', 'SINGLE_SOURCE'] as readonly string[],
  basis: 'UNCONFIRMED (not in regulations.md): 财金〔2014〕113号 — PPP cooperation terms generally 10–30 years; 财金〔2019〕10号 — availability payments linked to performance assessment',
};

/**
 * Availability payments linked to performance (财金〔2019〕10号, UNCONFIRMED in regulations.md): a year's payment is
 * accepted only when the year's performance score reaches the minimum; the score is also banded by the purchaser's
 * rule set like any acceptance. The minimum is rule data of the agreement.
 */
export const PPP_PERFORMANCE_LINK = {
  version: 'ppp/performance-link@v1',
  minimumScore: 60,
  basis: 'UNCONFIRMED (not in regulations.md): 财金〔2019〕10号 — government payments to PPP projects are linked to the performance assessment; a year below the minimum score is not accepted and its availability payment is not made',
};

/** Does the year's performance score earn its availability payment? With the finding that says why. */
export function yearPasses(score: number, minimumScore: number): { passed: boolean; finding: string } {
  const passed = score >= minimumScore;
  return { passed, finding: `performance score ${score} ${passed ? '≥' : '<'} minimum ${minimumScore} (${PPP_PERFORMANCE_LINK.version}): availability payment ${passed ? 'earned' : 'not earned'}` };
}

export interface AvailabilityPayment {
  year: number;
  dueOn: string;
  amountFen: number;
  deliverables: string[];
}

export interface PppAgreement {
  id: string;
  organUnitId: string;
  organJurisdiction: string;
  organName: string;
  partnerUscc: string;
  projectName: string;
  approval: string;
  budgetLineId: string;
  termStart: string;
  termEnd: string;
  years: number;
  payments: AvailabilityPayment[];
  /** The minimum performance score a year needs for its payment (PPP_PERFORMANCE_LINK). */
  minimumScore: number;
  contractId: string;
  ruleVersion: string;
  signedBy: string;
  signedAt: string;
  eventId: string;
  revision: number;
}

const refuse = (field: string, message: string, extensions: Record<string, unknown> = {}) =>
  new PurchaseModeErrors.PPP_TERM_INVALID(message, { violations: [{ field, rule: PPP_RULES.basis, message }], extensions: { ruleVersion: PPP_RULES.version, ...extensions } });

/**
 * The term in whole years (termEnd the day before an anniversary, Beijing dates) within the PPP bounds, and one
 * availability payment per year, due within that year of the term, numbered 1..n: they become milestones 1..n.
 */
export function checkPppAgreement(termStart: string, termEnd: string, payments: AvailabilityPayment[]): { years: number; milestones: Milestone[] } {
  const start = parseCivilDate(termStart);
  const end = parseCivilDate(termEnd);
  if (!start) throw refuse('termStart', `${termStart} is not a calendar date`);
  if (!end) throw refuse('termEnd', `${termEnd} is not a calendar date`);
  let years = 0;
  for (let y = 1; y <= PPP_RULES.maxYears; y++) if (latestTermEnd(start, y) === end) years = y;
  if (years === 0) throw refuse('termEnd', `a PPP term runs whole years from ${start}, at most ${PPP_RULES.maxYears} (ends the day before an anniversary)`);
  if (years < PPP_RULES.minYears) throw refuse('termEnd', `a PPP term runs at least ${PPP_RULES.minYears} years; shorter cooperation is a purchase of services (Order 102 Art. 24)`, { years });
  if (payments.length !== years) throw refuse('payments', `one availability payment per year: ${years} expected, ${payments.length} given`);
  const milestones = payments.map((p, i) => {
    if (p.year !== i + 1) throw refuse(`payments.${i}.year`, `payments numbered 1..${years} in order`);
    const from = addCivilYears(start, p.year - 1);
    const to = latestTermEnd(start, p.year);
    const due = parseCivilDate(p.dueOn);
    if (!due || compareCivilDates(due, from) < 0 || compareCivilDates(due, to) > 0) throw refuse(`payments.${i}.dueOn`, `year ${p.year} runs ${from}..${to}`);
    if (!Number.isSafeInteger(p.amountFen) || p.amountFen <= 0) throw refuse(`payments.${i}.amountFen`, 'a positive whole number of fen');
    return { sequence: p.year, title: `可用性付费 第${p.year}年`, deliverables: p.deliverables, dueOn: due, amountFen: p.amountFen };
  });
  return { years, milestones };
}

/** The partner is selected by one of the PPP methods (else 400 PURCHASING.METHOD_UNKNOWN naming `method`). */
export function assertPppMethod(method: string): void {
  if (!PPP_RULES.methods.includes(method))
    throw new PurchasingErrors.METHOD_UNKNOWN(`${method} is not a PPP partner-selection method`, { field: 'method', rule: `${PPP_RULES.methods.join(', ')} (财金〔2014〕113号, UNCONFIRMED in regulations.md)` });
}
