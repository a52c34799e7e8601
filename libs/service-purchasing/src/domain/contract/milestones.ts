import { compareCivilDates, parseCivilDate } from '@sop/util';
import { PurchasingErrors } from '../purchasing.errors';

/**
 * A milestone of a purchase-of-services contract: what is delivered by when, and what is paid for it once accepted
 * (Order 102 Art. 23: the price and payment schedule, and the performance assessment method, are contract content).
 */
export interface Milestone {
  sequence: number;
  title: string;
  deliverables: string[];
  /** Last day for the deliverables: a Beijing civil date YYYY-MM-DD within the term. */
  dueOn: string;
  amountFen: number;
}

export const MILESTONE_RULE = 'milestones numbered 1..n once each, due within the term (Beijing dates), positive amounts in fen summing to the contract value (Order 102 Art. 23 price and payment schedule)';

const invalid = (field: string, message: string) => new PurchasingErrors.MILESTONES_INVALID(message, { violations: [{ field, rule: MILESTONE_RULE, message }] });

/** The milestones in sequence order, checked against the contract's value and term (else 400 MILESTONES_INVALID naming the field). */
export function checkMilestones(milestones: readonly Milestone[], valueFen: number, termStart: string, termEnd: string): Milestone[] {
  if (milestones.length === 0) throw invalid('milestones', 'at least one milestone');
  const start = parseCivilDate(termStart);
  const end = parseCivilDate(termEnd);
  if (!start || !end) throw new RangeError('the term is checked before the milestones'); // checkContractTerms ran first
  const seen = new Set<number>();
  milestones.forEach((m, i) => {
    if (!Number.isInteger(m.sequence) || m.sequence < 1 || m.sequence > milestones.length) throw invalid(`milestones.${i}.sequence`, `sequence ${m.sequence} is not one of 1..${milestones.length}`);
    if (seen.has(m.sequence)) throw invalid(`milestones.${i}.sequence`, `sequence ${m.sequence} appears twice`);
    seen.add(m.sequence);
    if (!m.title.trim()) throw invalid(`milestones.${i}.title`, 'each milestone has a title');
    const due = parseCivilDate(m.dueOn);
    if (!due) throw invalid(`milestones.${i}.dueOn`, `${m.dueOn} is not a calendar date`);
    if (compareCivilDates(due, start) < 0 || compareCivilDates(due, end) > 0) throw invalid(`milestones.${i}.dueOn`, `${due} lies outside the term ${start}..${end}`);
    if (!Number.isSafeInteger(m.amountFen) || m.amountFen <= 0) throw invalid(`milestones.${i}.amountFen`, 'a positive whole number of fen');
  });
  const sum = milestones.reduce((a, m) => a + m.amountFen, 0);
  if (sum !== valueFen) throw invalid('milestones', `the amounts sum to ${sum} fen, the contract value is ${valueFen} fen`);
  return [...milestones].sort((a, b) => a.sequence - b.sequence).map((m) => ({ ...m, deliverables: [...m.deliverables] }));
}

/**
 * A contract recorded without milestones (stand-alone, or before milestones existed) is performed, accepted and paid
 * as one implicit milestone: the whole value, due on the last day of the term.
 */
export function implicitMilestone(contract: { title: string; termEnd: string; valueFen: number }): Milestone {
  return { sequence: 1, title: contract.title, deliverables: [], dueOn: contract.termEnd, amountFen: contract.valueFen };
}
