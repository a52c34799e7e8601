import { addCivilDays, addCivilYears, compareCivilDates, parseCivilDate, type CivilDate } from '@sop/util';
import { PurchasingErrors } from './purchasing.errors';
import type { PurchaseMethod, PurchasingRuleSet } from './purchasing-rules';

export interface MultiYearDeclaration {
  /** The purchaser declares budget assurance for every year of the term. */
  budgetAssured: boolean;
  /** The service is stable and continuous, with steady funding and little price change. */
  stableService: boolean;
}

export interface ContractTerms {
  method: string;
  valueFen: number;
  /** First day of the term: a Beijing civil date YYYY-MM-DD, inclusive (the term starts at 00:00 Beijing time). */
  termStart: string;
  /** Last day of the term: a Beijing civil date YYYY-MM-DD, inclusive (the term ends at 24:00 Beijing time). */
  termEnd: string;
  multiYear?: MultiYearDeclaration;
}

export interface AcceptedTerms {
  method: PurchaseMethod;
  /** The term runs beyond the normal one-year limit (Order 102 Art. 24 exception). */
  multiYear: boolean;
}

/**
 * The last day a term of `years` years starting on `termStart` may run to (Order 102 Art. 24 caps), in Beijing civil
 * dates, the first day counted: the day before the N-th anniversary — 2027-01-01 + 1 year ends 2027-12-31, and
 * 2023-03-01 + 1 year ends 2024-02-29. A start without a corresponding day N years on (29 February) ends on the
 * last day of that month (Civil Code Art. 202): 2024-02-29 + 1 year ends 2025-02-28.
 * A cap on the length of an agreed term, not a deadline to act: it is not moved off rest days (Art. 203 does not
 * apply), so it needs no holiday calendar and works for years the official calendar has not published.
 */
export function latestTermEnd(termStart: CivilDate, years: number): CivilDate {
  const anniversary = addCivilYears(termStart, years);
  const clamped = addCivilYears(anniversary, -years) !== termStart; // 29 February → 28 February: no corresponding day
  return clamped ? anniversary : addCivilDays(anniversary, -1);
}

/** Does the term termStart..termEnd (Beijing dates, inclusive) fit in `years` years? */
export function termFitsYears(termStart: CivilDate, termEnd: CivilDate, years: number): boolean {
  return compareCivilDates(termEnd, latestTermEnd(termStart, years)) <= 0;
}

/**
 * Checks a contract's method, value and term (Order 102 Art. 23–24, regulations §7.2). Throws the first
 * violation; returns what the checks established.
 */
export function checkContractTerms(terms: ContractTerms, rules: PurchasingRuleSet): AcceptedTerms {
  if (!(rules.methods as readonly string[]).includes(terms.method))
    throw new PurchasingErrors.METHOD_UNKNOWN(`${terms.method} is not a government-procurement method`, {
      field: 'method',
      rule: 'Government Procurement Law Art. 26 methods + MOF-recognized (regulations §7.2)',
    });
  if (!Number.isSafeInteger(terms.valueFen) || terms.valueFen <= 0)
    throw new PurchasingErrors.VALUE_INVALID(`valueFen must be a positive integer (fen), got ${terms.valueFen}`, { field: 'valueFen', rule: 'a positive integer amount in fen' });
  const termDate = (field: 'termStart' | 'termEnd'): CivilDate => {
    const parsed = parseCivilDate(terms[field]);
    if (!parsed) throw new PurchasingErrors.TERM_INVALID(`${field} "${terms[field]}" is not a calendar date`, { field, rule: 'a calendar date YYYY-MM-DD (Beijing date)' });
    return parsed;
  };
  const termStart = termDate('termStart');
  const termEnd = termDate('termEnd');
  if (compareCivilDates(termEnd, termStart) < 0)
    throw new PurchasingErrors.TERM_INVALID(`the term ends (${termEnd}) before it starts (${termStart})`, { field: 'termEnd', rule: 'termEnd on or after termStart' });

  // Order 102 Art. 24: normally ≤ 1 year.
  const normalEnd = latestTermEnd(termStart, rules.term.normalMaxYears);
  if (compareCivilDates(termEnd, normalEnd) <= 0) return { method: terms.method as PurchaseMethod, multiYear: false };

  // ... up to 3 years only with budget assurance for a stable, continuous service; nothing longer.
  const multiYearEnd = latestTermEnd(termStart, rules.term.multiYearMaxYears);
  if (compareCivilDates(termEnd, multiYearEnd) > 0)
    throw new PurchasingErrors.TERM_TOO_LONG(`a purchase-of-services contract runs at most ${rules.term.multiYearMaxYears} years (the term must end by ${multiYearEnd})`, {
      field: 'termEnd',
      rule: rules.term.source,
      extensions: { latestTermEnd: multiYearEnd },
    });
  const missing = (['budgetAssured', 'stableService'] as const).filter((k) => terms.multiYear?.[k] !== true);
  if (missing.length > 0)
    throw new PurchasingErrors.TERM_TOO_LONG(
      `a term over ${rules.term.normalMaxYears} year (it must end by ${normalEnd}) needs budget assurance and a stable, continuous service; not declared: ${missing.join(', ')}`,
      { field: `multiYear.${missing[0]}`, rule: rules.term.source, extensions: { latestTermEnd: normalEnd, latestMultiYearTermEnd: multiYearEnd } },
    );
  return { method: terms.method as PurchaseMethod, multiYear: true };
}
