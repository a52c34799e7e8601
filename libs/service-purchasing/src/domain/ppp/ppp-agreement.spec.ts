import { assertPppMethod, checkPppAgreement, yearPasses, type AvailabilityPayment } from './ppp-agreement';

const yearly = (n: number, start = 2026): AvailabilityPayment[] => Array.from({ length: n }, (_, i) => ({ year: i + 1, dueOn: `${start + i + 1}-03-31`, amountFen: 1_000_000, deliverables: ['年度绩效评价'] }));

describe('PPP agreement (long-term, UNCONFIRMED PPP bounds)', () => {
  it('takes a whole-year term of 10–30 years with one availability payment per year as milestones', () => {
    const { years, milestones } = checkPppAgreement('2026-05-01', '2036-04-30', yearly(10));
    expect(years).toBe(10);
    expect(milestones.map((m) => [m.sequence, m.dueOn])).toEqual(yearly(10).map((p) => [p.year, p.dueOn]));
  });

  it('refuses terms under 10 years (those are purchases of services under Art. 24), over 30, or not whole years', () => {
    expect(() => checkPppAgreement('2026-05-01', '2029-04-30', yearly(3))).toThrow(expect.objectContaining({ code: 'PURCHASE_MODES.PPP_TERM_INVALID', extensions: expect.objectContaining({ years: 3 }) }));
    expect(() => checkPppAgreement('2026-05-01', '2057-04-30', yearly(31))).toThrow(expect.objectContaining({ code: 'PURCHASE_MODES.PPP_TERM_INVALID' }));
    expect(() => checkPppAgreement('2026-05-01', '2036-05-30', yearly(10))).toThrow(expect.objectContaining({ code: 'PURCHASE_MODES.PPP_TERM_INVALID' }));
  });

  it('wants each payment due within its own year of the term', () => {
    const p = yearly(10);
    p[1] = { ...p[1], dueOn: '2029-03-31' };
    expect(() => checkPppAgreement('2026-05-01', '2036-04-30', p)).toThrow(expect.objectContaining({ violations: [expect.objectContaining({ field: 'payments.1.dueOn' })] }));
    expect(() => checkPppAgreement('2026-05-01', '2036-04-30', yearly(9))).toThrow(expect.objectContaining({ violations: [expect.objectContaining({ field: 'payments' })] }));
  });

  it('selects partners by the PPP methods only', () => {
    expect(() => assertPppMethod('OPEN_TENDERING')).not.toThrow();
    expect(() => assertPppMethod('REQUEST_FOR_QUOTATIONS')).toThrow(expect.objectContaining({ code: 'PURCHASING.METHOD_UNKNOWN' }));
  });

  it('links a year\'s payment to its performance score: earned at the minimum, not below', () => {
    expect(yearPasses(60, 60)).toEqual({ passed: true, finding: expect.stringContaining('60 ≥ minimum 60') });
    expect(yearPasses(59.5, 60)).toEqual({ passed: false, finding: expect.stringContaining('not earned') });
  });
});
