import { PurchasingErrors } from './purchasing.errors';
import { addYears, isCalendarDate, type PurchaseMethod, type PurchasingRuleSet } from './purchasing-rules';

export interface MultiYearDeclaration {
  /** The purchaser declares budget assurance for every year of the term. */
  budgetAssured: boolean;
  /** The service is stable and continuous, with steady funding and little price change. */
  stableService: boolean;
}

export interface ContractTerms {
  method: string;
  valueFen: number;
  /** First day of the term (UTC date, inclusive). */
  termStart: string;
  /** Last day of the term (UTC date, inclusive). */
  termEnd: string;
  multiYear?: MultiYearDeclaration;
}

export interface AcceptedTerms {
  method: PurchaseMethod;
  /** The term runs beyond the normal one-year limit (Order 102 Art. 24 exception). */
  multiYear: boolean;
}

/**
 * A term of N years starting on D ends at the latest on the day before D's N-th anniversary: 2026-01-01 to
 * 2026-12-31 is one year, to 2027-01-01 is one year and one day.
 */
export function termFitsYears(termStart: string, termEnd: string, years: number): boolean {
  return termEnd < addYears(termStart, years);
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
  for (const field of ['termStart', 'termEnd'] as const) {
    if (!isCalendarDate(terms[field]))
      throw new PurchasingErrors.TERM_INVALID(`${field} "${terms[field]}" is not a calendar date`, { field, rule: 'a calendar date YYYY-MM-DD' });
  }
  if (terms.termEnd < terms.termStart)
    throw new PurchasingErrors.TERM_INVALID(`the term ends (${terms.termEnd}) before it starts (${terms.termStart})`, { field: 'termEnd', rule: 'termEnd on or after termStart' });

  // Order 102 Art. 24: normally ≤ 1 year.
  if (termFitsYears(terms.termStart, terms.termEnd, rules.term.normalMaxYears)) return { method: terms.method as PurchaseMethod, multiYear: false };

  // ... up to 3 years only with budget assurance for a stable, continuous service; nothing longer.
  if (!termFitsYears(terms.termStart, terms.termEnd, rules.term.multiYearMaxYears))
    throw new PurchasingErrors.TERM_TOO_LONG(
      `a purchase-of-services contract runs at most ${rules.term.multiYearMaxYears} years (the term must end before ${addYears(terms.termStart, rules.term.multiYearMaxYears)})`,
      { field: 'termEnd', rule: rules.term.source },
    );
  const missing = (['budgetAssured', 'stableService'] as const).filter((k) => terms.multiYear?.[k] !== true);
  if (missing.length > 0)
    throw new PurchasingErrors.TERM_TOO_LONG(
      `a term over ${rules.term.normalMaxYears} year (it must end before ${addYears(terms.termStart, rules.term.normalMaxYears)}) needs budget assurance and a stable, continuous service; not declared: ${missing.join(', ')}`,
      { field: `multiYear.${missing[0]}`, rule: rules.term.source },
    );
  return { method: terms.method as PurchaseMethod, multiYear: true };
}
