import { commit, release, remainingFen, type BudgetLine } from './budget-line';

const line = (over: Partial<BudgetLine> = {}): BudgetLine => ({
  id: 'b1',
  organUnitId: 'unit-a',
  organJurisdiction: '110108',
  fiscalYear: 2026,
  lineCode: 'L-01',
  description: 'x',
  amountFen: 1_000,
  committedFen: 300,
  paidFen: 200,
  createdBy: 'fin',
  createdAt: new Date(0),
  ...over,
});

describe('budget line (Order 102 Art. 3)', () => {
  it('remaining = amount − committed − paid; a commit up to it passes, one fen more is refused with the remaining amount', () => {
    expect(remainingFen(line())).toBe(500);
    expect(commit(line(), 500, 'estimatedFen')).toMatchObject({ committedFen: 800, paidFen: 200 });
    expect(() => commit(line(), 501, 'estimatedFen')).toThrow(expect.objectContaining({ code: 'PURCHASING.BUDGET_EXCEEDED', extensions: expect.objectContaining({ remainingFen: 500 }) }));
  });

  it('refuses non-positive and fractional amounts naming the field', () => {
    for (const bad of [0, -1, 1.5]) expect(() => commit(line(), bad, 'estimatedFen')).toThrow(expect.objectContaining({ code: 'PURCHASING.VALUE_INVALID', violations: [expect.objectContaining({ field: 'estimatedFen' })] }));
  });

  it('a release gives the commitment back, never below zero', () => {
    expect(release(line(), 300).committedFen).toBe(0);
    expect(release(line(), 400).committedFen).toBe(0);
  });
});
