import { civilDate, DomainError } from '@sop/util';
import { checkContractTerms, latestTermEnd, termFitsYears, type ContractTerms } from './contract-terms';
import { ORDER_102_2020 } from './purchasing-rules';

const terms = (over: Partial<ContractTerms> = {}): ContractTerms => ({ method: 'OPEN_TENDERING', valueFen: 12_000_000, termStart: '2026-01-01', termEnd: '2026-12-31', ...over });
const both = { budgetAssured: true, stableService: true };

function violation(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (err) {
    if (err instanceof DomainError) return err;
    throw err;
  }
  throw new Error('expected a violation');
}

describe('contract terms (Order 102 Art. 24)', () => {
  it('accepts exactly one year (termEnd the day before the anniversary) without declarations', () => {
    expect(checkContractTerms(terms(), ORDER_102_2020)).toEqual({ method: 'OPEN_TENDERING', multiYear: false });
    expect(checkContractTerms(terms({ termEnd: '2026-01-01' }), ORDER_102_2020)).toEqual({ method: 'OPEN_TENDERING', multiYear: false });
  });

  it('one year and one day needs both multi-year declarations', () => {
    const v = violation(() => checkContractTerms(terms({ termEnd: '2027-01-01' }), ORDER_102_2020));
    expect(v).toMatchObject({ code: 'PURCHASING.TERM_TOO_LONG', kind: 'REFUSED', field: 'multiYear.budgetAssured', rule: 'Order 102 Art. 24 (regulations §7.2)' });
    expect(violation(() => checkContractTerms(terms({ termEnd: '2027-01-01', multiYear: { budgetAssured: true, stableService: false } }), ORDER_102_2020))).toMatchObject({
      code: 'PURCHASING.TERM_TOO_LONG',
      field: 'multiYear.stableService',
    });
    expect(checkContractTerms(terms({ termEnd: '2027-01-01', multiYear: both }), ORDER_102_2020)).toEqual({ method: 'OPEN_TENDERING', multiYear: true });
  });

  it('accepts exactly three years with both declarations, refuses a day more even with them', () => {
    expect(checkContractTerms(terms({ termEnd: '2028-12-31', multiYear: both }), ORDER_102_2020).multiYear).toBe(true);
    expect(violation(() => checkContractTerms(terms({ termEnd: '2029-01-01', multiYear: both }), ORDER_102_2020))).toMatchObject({ code: 'PURCHASING.TERM_TOO_LONG', field: 'termEnd' });
  });

  it('a term starting on 29 February ends at the latest on 28 February', () => {
    expect(termFitsYears(civilDate('2024-02-29'), civilDate('2025-02-28'), 1)).toBe(true);
    expect(termFitsYears(civilDate('2024-02-29'), civilDate('2025-03-01'), 1)).toBe(false);
  });

  it('counts the cap in Beijing civil dates with addCivilYears, the first day included (Art. 24; Civil Code Art. 202)', () => {
    const d = civilDate;
    expect(latestTermEnd(d('2027-01-01'), 1)).toBe('2027-12-31');
    expect(latestTermEnd(d('2027-01-01'), 3)).toBe('2029-12-31');
    expect(latestTermEnd(d('2023-03-01'), 1)).toBe('2024-02-29'); // the leap day belongs to the year from 1 March
    expect(latestTermEnd(d('2024-02-28'), 1)).toBe('2025-02-27');
    expect(latestTermEnd(d('2024-02-29'), 1)).toBe('2025-02-28'); // no 29 February 2025: the month's last day
    expect(latestTermEnd(d('2024-02-29'), 4)).toBe('2028-02-28'); // 29 February 2028 exists: the day before it
    // Not moved off rest days (a cap, not a deadline), and no holiday calendar needed: 2031 is not published.
    expect(latestTermEnd(d('2029-01-01'), 3)).toBe('2031-12-31');
  });

  it('a one-year term from 2027-01-01 ends 2027-12-31; a day more needs the declarations, naming the latest ends', () => {
    expect(checkContractTerms(terms({ termStart: '2027-01-01', termEnd: '2027-12-31' }), ORDER_102_2020).multiYear).toBe(false);
    expect(violation(() => checkContractTerms(terms({ termStart: '2027-01-01', termEnd: '2028-01-01' }), ORDER_102_2020))).toMatchObject({
      code: 'PURCHASING.TERM_TOO_LONG',
      field: 'multiYear.budgetAssured',
      extensions: expect.objectContaining({ latestTermEnd: '2027-12-31', latestMultiYearTermEnd: '2029-12-31' }),
    });
    expect(violation(() => checkContractTerms(terms({ termStart: '2027-01-01', termEnd: '2030-01-01', multiYear: both }), ORDER_102_2020))).toMatchObject({
      code: 'PURCHASING.TERM_TOO_LONG',
      field: 'termEnd',
      message: 'a purchase-of-services contract runs at most 3 years (the term must end by 2029-12-31)',
      extensions: expect.objectContaining({ latestTermEnd: '2029-12-31' }),
    });
  });

  it('validates term dates with parseCivilDate: not a real day or not YYYY-MM-DD is TERM_INVALID naming the field', () => {
    for (const bad of ['2027-02-29', '2027-13-01', '2027-1-01', '2027-01-01T00:00:00Z'])
      expect(violation(() => checkContractTerms(terms({ termEnd: bad }), ORDER_102_2020))).toMatchObject({ code: 'PURCHASING.TERM_INVALID', kind: 'INVALID', field: 'termEnd' });
  });

  it('refuses an end before the start, impossible dates, unknown methods and non-positive or fractional values', () => {
    expect(violation(() => checkContractTerms(terms({ termEnd: '2025-12-31' }), ORDER_102_2020))).toMatchObject({ code: 'PURCHASING.TERM_INVALID', kind: 'INVALID', field: 'termEnd' });
    expect(violation(() => checkContractTerms(terms({ termStart: '2026-02-30' }), ORDER_102_2020))).toMatchObject({ code: 'PURCHASING.TERM_INVALID', field: 'termStart' });
    expect(violation(() => checkContractTerms(terms({ method: 'DIRECT_AWARD' }), ORDER_102_2020))).toMatchObject({ code: 'PURCHASING.METHOD_UNKNOWN', field: 'method' });
    for (const valueFen of [0, -1, 10.5])
      expect(violation(() => checkContractTerms(terms({ valueFen }), ORDER_102_2020))).toMatchObject({ code: 'PURCHASING.VALUE_INVALID', field: 'valueFen' });
    expect(checkContractTerms(terms({ valueFen: 1 }), ORDER_102_2020).multiYear).toBe(false);
  });

  it('accepts every purchase method of the contract', () => {
    for (const method of ORDER_102_2020.methods) expect(checkContractTerms(terms({ method }), ORDER_102_2020).method).toBe(method);
  });
});
