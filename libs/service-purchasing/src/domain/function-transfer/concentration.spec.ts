import { concentrationOf, hhi } from './concentration';
import { NATIONAL_TRANSFER_RULES } from './transfer-rules';

describe('concentration watch (issue 12 item 7)', () => {
  it('computes the HHI on shares in % (monopoly 10 000, two equal 5 000, four equal 2 500)', () => {
    expect(hhi([7])).toBe(10000);
    expect(hhi([1, 1])).toBe(5000);
    expect(hhi([1, 1, 1, 1])).toBe(2500);
    expect(hhi([])).toBe(0);
  });

  it('alerts over the thresholds kept as data: HHI > 2500 and one organization > 50 %', () => {
    const r = concentrationOf(
      [
        { uscc: 'A', undertakenFunctions: 3, cases: 8, valueFen: 0 },
        { uscc: 'B', undertakenFunctions: 1, cases: 2, valueFen: 0 },
      ],
      NATIONAL_TRANSFER_RULES,
    );
    expect(r.hhi).toEqual({ functions: 6250, cases: 6800, value: 0 });
    expect(r.shares[0]).toMatchObject({ uscc: 'A', functionsPercent: 75, casesPercent: 80 });
    expect(r.alerts).toEqual([
      { measure: 'functions', rule: 'HHI_ABOVE', threshold: 2500, value: 6250, uscc: null },
      { measure: 'functions', rule: 'SHARE_ABOVE', threshold: 50, value: 75, uscc: 'A' },
      { measure: 'cases', rule: 'HHI_ABOVE', threshold: 2500, value: 6800, uscc: null },
      { measure: 'cases', rule: 'SHARE_ABOVE', threshold: 50, value: 80, uscc: 'A' },
    ]);
  });

  it('no alert for an unconcentrated area', () => {
    const per = ['A', 'B', 'C', 'D', 'E'].map((uscc) => ({ uscc, undertakenFunctions: 1, cases: 1, valueFen: 100 }));
    expect(concentrationOf(per, NATIONAL_TRANSFER_RULES).alerts).toEqual([]);
  });
});
