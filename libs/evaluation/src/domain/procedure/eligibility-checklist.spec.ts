import { MEASURES_2026_V1, ORDER_39_V1 } from '../evaluation-rules';
import { reviewEligibility } from './eligibility-checklist';

const at = new Date('2026-06-01T02:00:00Z');
const facts = { registeredAt: new Date('2022-03-01T00:00:00Z'), registrationStatus: 'ACTIVE' as const, grades: [], measures: [] };

describe('the eligibility review, rule by rule (regulations §6; eligibility.ts)', () => {
  it('every rule of the 2026 measures passes with its evidence for an organization registered 4 years, never graded', () => {
    const review = reviewEligibility(facts, at, MEASURES_2026_V1);
    expect(review.eligibility.eligible).toBe(true);
    expect(review.checks.every((c) => c.passed)).toBe(true);
    expect(review.checks.map((c) => c.rule)).toEqual(['ORGANIZATION_NOT_ACTIVE', 'REGISTERED_TWO_FULL_YEARS', 'CREDIT_MEASURE_NO_EVALUATION', 'ANNUAL_INSPECTION_MISSED_LAST_YEAR', 'ADMINISTRATIVE_PENALTY_LAST_YEAR', 'RE_EVALUATION_WITHIN_FOUR_YEARS']);
    expect(review.checks[1].evidence).toContain('2022-03-01');
  });

  it('shows every failing rule, not only the first, and agrees with assessEligibility', () => {
    const review = reviewEligibility(
      { ...facts, registeredAt: new Date('2025-01-01T00:00:00Z'), measures: ['NO_EVALUATION'], annualReports: [{ reportYear: 2025, outcome: 'FAIL', overdue: false }], underInvestigation: true },
      at,
      ORDER_39_V1,
    );
    expect(review.eligibility).toMatchObject({ eligible: false, rule: 'REGISTERED_TWO_FULL_YEARS' });
    expect(review.checks.filter((c) => !c.passed).map((c) => c.rule)).toEqual(['REGISTERED_TWO_FULL_YEARS', 'CREDIT_MEASURE_NO_EVALUATION', 'ANNUAL_INSPECTION_FAILED_LAST_YEAR', 'UNDER_INVESTIGATION']);
    expect(review.checks.find((c) => c.rule === 'ANNUAL_INSPECTION_FAILED_LAST_YEAR')?.evidence).toContain('2025');
  });
});
