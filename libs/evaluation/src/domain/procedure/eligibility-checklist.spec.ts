import { MEASURES_2026_V1, ORDER_39_V1 } from '../evaluation-rules';
import { gradeRecord } from '../../test-support/grade-record.fixture';
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

  it('a grade in force: re-evaluation within the first 4 years passes under the 2026 measures (replacing it); under Order 39 the grade still valid fails', () => {
    const graded = { ...facts, grades: [gradeRecord({ announcedAt: '2024-05-01T00:00:00.000Z', validFrom: '2025-01-01', validUntil: '2029-12-31' })] };
    const measures = reviewEligibility(graded, at, MEASURES_2026_V1);
    expect(measures.eligibility).toMatchObject({ eligible: true, basis: 'RE_EVALUATION', replacesGradeId: 'g-1' });
    expect(measures.checks.find((c) => c.rule === 'RE_EVALUATION_WITHIN_FOUR_YEARS')).toMatchObject({ passed: true, evidence: expect.stringContaining('re-evaluation of grade 4A') });
    const lateInValidity = reviewEligibility(graded, new Date('2029-01-02T02:00:00Z'), MEASURES_2026_V1);
    expect(lateInValidity.checks.find((c) => c.rule === 'RE_EVALUATION_WITHIN_FOUR_YEARS')).toMatchObject({ passed: false, evidence: expect.stringContaining('first 4 years') });
    const order39 = reviewEligibility({ ...graded, grades: [gradeRecord({ ruleVersion: 'evaluation/order-39@v1', announcedAt: '2024-05-01T00:00:00.000Z', validFrom: '2024-05-01', validUntil: '2029-04-30' })] }, new Date('2026-02-01T02:00:00Z'), ORDER_39_V1);
    expect(order39.eligibility).toMatchObject({ eligible: false, rule: 'PREVIOUS_GRADE_STILL_VALID' });
    expect(order39.checks.filter((c) => !c.passed).map((c) => c.rule)).toEqual(['PREVIOUS_GRADE_STILL_VALID']);
  });
});
