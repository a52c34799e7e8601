import { checkOperationTerms, judgeIndicators, type ServiceIndicator } from './facility';

const indicators: ServiceIndicator[] = [
  { name: '入住率', unit: '%', comparison: 'AT_LEAST', threshold: 60 },
  { name: '满意度', unit: '%', comparison: 'AT_LEAST', threshold: 85 },
  { name: '安全事故', unit: '起', comparison: 'AT_MOST', threshold: 0 },
];

describe('entrusted facility indicators (公建民营)', () => {
  it('passes a period only when every indicator is met, with a finding per indicator', () => {
    const ok = judgeIndicators(indicators, [{ indicator: '入住率', value: 72 }, { indicator: '满意度', value: 90 }, { indicator: '安全事故', value: 0 }]);
    expect(ok.passed).toBe(true);
    expect(ok.findings).toEqual(['入住率: 72 (≥ 60) met', '满意度: 90 (≥ 85) met', '安全事故: 0 (≤ 0) met']);
    const bad = judgeIndicators(indicators, [{ indicator: '入住率', value: 72 }, { indicator: '满意度', value: 90 }, { indicator: '安全事故', value: 1 }]);
    expect(bad.passed).toBe(false);
    expect(bad.results.find((r) => !r.met)).toMatchObject({ indicator: '安全事故', value: 1, threshold: 0 });
  });

  it('wants one result per indicator and nothing else', () => {
    expect(() => judgeIndicators(indicators, [{ indicator: '入住率', value: 72 }])).toThrow(expect.objectContaining({ code: 'PURCHASE_MODES.INDICATOR_RESULTS_INVALID' }));
    expect(() => judgeIndicators(indicators, [{ indicator: '噪音', value: 1 }])).toThrow(expect.objectContaining({ code: 'PURCHASE_MODES.INDICATOR_RESULTS_INVALID', violations: [expect.objectContaining({ field: 'results.0.indicator' })] }));
  });

  it('checks fee caps and indicator names', () => {
    expect(() => checkOperationTerms([{ item: '床位费', unit: '元/月', capFen: 0 }], indicators)).toThrow(expect.objectContaining({ code: 'PURCHASE_MODES.FACILITY_INVALID' }));
    expect(() => checkOperationTerms([], [])).toThrow(expect.objectContaining({ code: 'PURCHASE_MODES.FACILITY_INVALID' }));
    expect(() => checkOperationTerms([{ item: '床位费', unit: '元/月', capFen: 250_000 }], indicators)).not.toThrow();
  });
});
