import { assessEligibility, eligibleForEvaluationFrom, eligibleForEvaluationOn } from './eligibility';
import { MEASURES_2026_V1, ORDER_39_V1 } from './evaluation-rules';
import type { GradeRecord } from './grade';
import { gradeRecord } from '../test-support/grade-record.fixture';

const grade = (over: Partial<GradeRecord>): GradeRecord =>
  gradeRecord({ grade: '3A', awardedGrade: '3A', score: 880, announcedAt: '2020-06-01T00:00:00.000Z', validFrom: '2020-06-01', validUntil: '2025-05-31', ruleVersion: 'evaluation/order-39@v1', ...over });
const registeredAt = new Date('2015-01-10T00:00:00Z');
const ACTIVE = 'ACTIVE' as const;
const at = (iso: string) => new Date(iso);

describe('evaluation eligibility', () => {
  it('opens two full years after registration, at 00:00 Beijing time on the anniversary of the Beijing registration date', () => {
    // Was: the registration instant two years on (2028-11-25T08:00Z).
    expect(eligibleForEvaluationOn(new Date('2026-11-25T08:00:00Z'))).toBe('2028-11-25');
    expect(eligibleForEvaluationFrom(new Date('2026-11-25T08:00:00Z')).toISOString()).toBe('2028-11-24T16:00:00.000Z');
  });
  it('takes the registration at its Beijing date: just before and at 16:00Z', () => {
    expect(eligibleForEvaluationOn(new Date('2026-11-25T15:59:59.999Z'))).toBe('2028-11-25');
    expect(eligibleForEvaluationOn(new Date('2026-11-25T16:00:00.000Z'))).toBe('2028-11-26');
    expect(eligibleForEvaluationFrom(new Date('2026-11-25T16:00:00.000Z')).toISOString()).toBe('2028-11-25T16:00:00.000Z');
  });
  it('handles 29 February by rolling to 1 March', () => {
    expect(eligibleForEvaluationOn(new Date('2028-02-29T00:00:00Z'))).toBe('2030-03-01');
    expect(eligibleForEvaluationFrom(new Date('2028-02-29T00:00:00Z')).toISOString()).toBe('2030-02-28T16:00:00.000Z');
  });

  describe.each([
    ['Order 39', ORDER_39_V1],
    ['2026 measures', MEASURES_2026_V1],
  ])('under %s', (_, rules) => {
    it('refuses before two full years of registration and admits on the day, comparing Beijing dates', () => {
      // Registered 2024-05-20 16:00 Beijing time. Was: admitted from 2026-05-20T08:00Z (the same instant two years on).
      const facts = { registrationStatus: ACTIVE, registeredAt: new Date('2024-05-20T08:00:00Z'), grades: [], measures: [] };
      expect(assessEligibility(facts, at('2026-05-19T15:59:59.999Z'), rules)).toMatchObject({ eligible: false, code: 'EVALUATION.NOT_ELIGIBLE', rule: 'REGISTERED_TWO_FULL_YEARS', field: 'announcedAt' });
      expect(assessEligibility(facts, at('2026-05-19T16:00:00Z'), rules)).toMatchObject({ eligible: true, basis: 'FIRST_EVALUATION', replacesGradeId: null });
      expect(assessEligibility(facts, at('2026-05-20T08:00:00Z'), rules)).toMatchObject({ eligible: true });
    });

    it('a registration at 00:30 Beijing time counts from that Beijing day, not the UTC day before', () => {
      const facts = { registrationStatus: ACTIVE, registeredAt: new Date('2024-05-19T16:30:00Z'), grades: [], measures: [] };
      const refused = assessEligibility(facts, at('2026-05-19T15:59:59.999Z'), rules);
      expect(refused).toMatchObject({ eligible: false, rule: 'REGISTERED_TWO_FULL_YEARS' });
      expect(refused.eligible === false && refused.message).toMatch(/registered on 2024-05-20 .*from 2026-05-20 \(00:00 Beijing time, 2026-05-19T16:00:00.000Z\)/);
      expect(assessEligibility(facts, at('2026-05-19T16:00:00Z'), rules)).toMatchObject({ eligible: true });
    });

    it('refuses an organization under NO_EVALUATION (abnormal or serious list), admits it once lifted', () => {
      const listed = { registrationStatus: ACTIVE, registeredAt, grades: [], measures: ['NO_PURCHASE_OF_SERVICES', 'NO_EVALUATION'] };
      expect(assessEligibility(listed, at('2026-06-01T00:00:00Z'), rules)).toMatchObject({ eligible: false, rule: 'CREDIT_MEASURE_NO_EVALUATION', field: 'uscc' });
      expect(assessEligibility({ ...listed, measures: ['NO_PURCHASE_OF_SERVICES'] }, at('2026-06-01T00:00:00Z'), rules)).toMatchObject({ eligible: true });
    });

    it.each([
      ['REVOKED', /registration was revoked on 2026-05-10T00:00:00.000Z/],
      ['DEREGISTERED', /was deregistered on 2026-05-10T00:00:00.000Z/],
    ] as const)('refuses a %s organization first, before every other rule (regulations §6, Order 39 Art. 6)', (status, why) => {
      // Too young, barred by a measure and holding a grade in force: the ended registration is what is reported.
      const facts = { registeredAt: new Date('2025-01-01T00:00:00Z'), registrationStatus: status, registrationStatusAt: new Date('2026-05-10T00:00:00Z'), grades: [grade({ validUntil: '2035-12-31' })], measures: ['NO_EVALUATION'] };
      const refused = assessEligibility(facts, at('2026-06-01T00:00:00Z'), rules);
      expect(refused).toMatchObject({ eligible: false, code: 'EVALUATION.NOT_ELIGIBLE', rule: 'ORGANIZATION_NOT_ACTIVE', field: 'uscc', ruleVersion: rules === ORDER_39_V1 ? 'evaluation/order-39@v1' : 'evaluation/measures-2026@v1' });
      expect(refused.eligible === false && refused.message).toMatch(why);
      expect(refused.eligible === false && refused.message).toMatch(/only registered organizations are evaluated \(regulations §6, Order 39 Art\. 6\)/);
      expect(assessEligibility({ registeredAt, registrationStatus: status, grades: [], measures: [] }, at('2026-06-01T00:00:00Z'), rules)).toMatchObject({ eligible: false, rule: 'ORGANIZATION_NOT_ACTIVE' });
      expect(assessEligibility({ registeredAt, registrationStatus: ACTIVE, grades: [], measures: [] }, at('2026-06-01T00:00:00Z'), rules)).toMatchObject({ eligible: true });
    });

    it('admits again once the previous grade expired or was cancelled', () => {
      const facts = { registrationStatus: ACTIVE, registeredAt, grades: [grade({})], measures: [] };
      expect(assessEligibility(facts, at('2030-06-01T00:00:00Z'), rules)).toMatchObject({ eligible: true, basis: 'NO_GRADE_IN_FORCE', replacesGradeId: null });
      const cancelled = { registrationStatus: ACTIVE, registeredAt, grades: [grade({ validUntil: '2035-12-31', status: 'CANCELLED' })], measures: [] };
      expect(assessEligibility(cancelled, at('2030-06-01T00:00:00Z'), rules)).toMatchObject({ eligible: true, basis: 'NO_GRADE_IN_FORCE' });
    });
  });

  it('Order 39: a grade still valid bars a new evaluation until 00:00 Beijing time the day after validUntil', () => {
    // Was: until 2025-06-01T00:00Z (the UTC day after).
    const facts = { registrationStatus: ACTIVE, registeredAt, grades: [grade({})], measures: [] };
    expect(assessEligibility(facts, at('2025-05-31T15:59:59.999Z'), ORDER_39_V1)).toMatchObject({ eligible: false, rule: 'PREVIOUS_GRADE_STILL_VALID', ruleVersion: 'evaluation/order-39@v1' });
    expect(assessEligibility(facts, at('2025-05-31T16:00:00Z'), ORDER_39_V1)).toMatchObject({ eligible: true, basis: 'NO_GRADE_IN_FORCE' });
  });

  it('2026 measures: re-evaluation replaces a grade within the first 4 years of its validity', () => {
    const g = grade({ gradeId: 'g-2026', announcedAt: '2026-05-01T00:00:00.000Z', validFrom: '2027-01-01', validUntil: '2031-12-31', ruleVersion: 'evaluation/measures-2026@v1' });
    const facts = { registrationStatus: ACTIVE, registeredAt, grades: [g], measures: [] };
    // announced but not yet valid: inside the window
    expect(assessEligibility(facts, at('2026-09-01T00:00:00Z'), MEASURES_2026_V1)).toMatchObject({ eligible: true, basis: 'RE_EVALUATION', replacesGradeId: 'g-2026' });
    // The window ends at 24:00 Beijing time on 2030-12-31 (was: 2031-01-01T00:00Z).
    expect(assessEligibility(facts, at('2030-12-31T15:59:59.999Z'), MEASURES_2026_V1)).toMatchObject({ eligible: true, basis: 'RE_EVALUATION' });
    expect(assessEligibility(facts, at('2030-12-31T16:00:00Z'), MEASURES_2026_V1)).toMatchObject({ eligible: false, rule: 'RE_EVALUATION_WITHIN_FOUR_YEARS', field: 'announcedAt' });
    expect(assessEligibility(facts, at('2031-01-01T00:00:00Z'), MEASURES_2026_V1)).toMatchObject({ eligible: false, rule: 'RE_EVALUATION_WITHIN_FOUR_YEARS', field: 'announcedAt' });
    expect(assessEligibility(facts, at('2032-01-01T00:00:00Z'), MEASURES_2026_V1)).toMatchObject({ eligible: true, basis: 'NO_GRADE_IN_FORCE' });
  });

  it('2026 measures: the window of an Order 39 grade counts from its own validFrom (leap day included)', () => {
    const g = grade({ announcedAt: '2024-02-29T00:00:00.000Z', validFrom: '2024-02-29', validUntil: '2029-02-28' });
    const facts = { registrationStatus: ACTIVE, registeredAt, grades: [g], measures: [] };
    expect(assessEligibility(facts, at('2028-02-28T15:59:59.999Z'), MEASURES_2026_V1)).toMatchObject({ eligible: true, basis: 'RE_EVALUATION' });
    expect(assessEligibility(facts, at('2028-02-28T16:00:00Z'), MEASURES_2026_V1)).toMatchObject({ eligible: false, rule: 'RE_EVALUATION_WITHIN_FOUR_YEARS' });
    expect(assessEligibility(facts, at('2028-02-29T00:00:00Z'), MEASURES_2026_V1)).toMatchObject({ eligible: false, rule: 'RE_EVALUATION_WITHIN_FOUR_YEARS' });
  });

  it('NO_EVALUATION wins over a re-evaluation window', () => {
    const g = grade({ validFrom: '2027-01-01', validUntil: '2031-12-31' });
    expect(assessEligibility({ registrationStatus: ACTIVE, registeredAt, grades: [g], measures: ['NO_EVALUATION'] }, at('2027-06-01T00:00:00Z'), MEASURES_2026_V1)).toMatchObject({ eligible: false, rule: 'CREDIT_MEASURE_NO_EVALUATION' });
  });
});

/**
 * Order 39 Art. 7 (regulations §6 "Not evaluated") and its 2026 relaxation. Decision on 2026-02-10 (Beijing) is under
 * Order 39, on 2026-06-10 under the 2026 measures; "last year" is 2025 in both (Beijing years).
 */
describe('not evaluated: last year\'s inspection, penalties, investigation (Order 39 Art. 7)', () => {
  const base = { registrationStatus: ACTIVE, registeredAt, grades: [], measures: [] };
  const ORDER_39_DAY = at('2026-02-10T02:00:00Z');
  const MEASURES_DAY = at('2026-06-10T02:00:00Z');
  const report = (reportYear: number, outcome: 'PASS' | 'BASIC_PASS' | 'FAIL' | null, overdue = false) => ({ reportYear, outcome, overdue });
  const penalty = (kind: string, decidedAt: string, amountFen: number | null = null) => ({ penaltyId: `p-${kind}-${decidedAt}`, kind, amountFen, decidedAt: new Date(decidedAt) });

  it('missed inspection last year (overdue, never concluded): refused under both rule sets', () => {
    const facts = { ...base, annualReports: [report(2025, null, true)] };
    expect(assessEligibility(facts, ORDER_39_DAY, ORDER_39_V1)).toMatchObject({ eligible: false, code: 'EVALUATION.NOT_ELIGIBLE', rule: 'ANNUAL_INSPECTION_MISSED_LAST_YEAR', field: 'uscc', ruleVersion: 'evaluation/order-39@v1' });
    const refused = assessEligibility(facts, MEASURES_DAY, MEASURES_2026_V1);
    expect(refused).toMatchObject({ eligible: false, rule: 'ANNUAL_INSPECTION_MISSED_LAST_YEAR', ruleVersion: 'evaluation/measures-2026@v1' });
    expect(refused.eligible === false && refused.message).toMatch(/annual report for 2025 .*Order 39 Art\. 7/);
  });

  it('an overdue report concluded later counts by its conclusion; a missed report of an earlier year does not bar', () => {
    expect(assessEligibility({ ...base, annualReports: [report(2025, 'PASS', true)] }, ORDER_39_DAY, ORDER_39_V1)).toMatchObject({ eligible: true });
    expect(assessEligibility({ ...base, annualReports: [report(2024, null, true)] }, ORDER_39_DAY, ORDER_39_V1)).toMatchObject({ eligible: true });
  });

  it('"last year" is the Beijing year: at 2026-12-31T16:00Z (1 January 2027 Beijing) the 2025 default no longer bars, the 2026 one does', () => {
    const facts = { ...base, annualReports: [report(2025, null, true)] };
    expect(assessEligibility(facts, at('2026-12-31T15:59:59.999Z'), MEASURES_2026_V1)).toMatchObject({ eligible: false, rule: 'ANNUAL_INSPECTION_MISSED_LAST_YEAR' });
    expect(assessEligibility(facts, at('2026-12-31T16:00:00Z'), MEASURES_2026_V1)).toMatchObject({ eligible: true });
    expect(assessEligibility({ ...base, annualReports: [report(2026, null, true)] }, at('2026-12-31T16:00:00Z'), MEASURES_2026_V1)).toMatchObject({ eligible: false, rule: 'ANNUAL_INSPECTION_MISSED_LAST_YEAR' });
  });

  it('failed inspection last year: refused under Order 39, no bar under the 2026 measures', () => {
    const facts = { ...base, annualReports: [report(2025, 'FAIL')] };
    expect(assessEligibility(facts, ORDER_39_DAY, ORDER_39_V1)).toMatchObject({ eligible: false, rule: 'ANNUAL_INSPECTION_FAILED_LAST_YEAR', ruleVersion: 'evaluation/order-39@v1' });
    expect(assessEligibility(facts, MEASURES_DAY, MEASURES_2026_V1)).toMatchObject({ eligible: true, ruleVersion: 'evaluation/measures-2026@v1' });
  });

  it('basic pass two years running (2024 and 2025): refused under Order 39; one basic pass or a gap does not bar; no bar under the 2026 measures', () => {
    const running = { ...base, annualReports: [report(2024, 'BASIC_PASS'), report(2025, 'BASIC_PASS')] };
    expect(assessEligibility(running, ORDER_39_DAY, ORDER_39_V1)).toMatchObject({ eligible: false, rule: 'ANNUAL_INSPECTION_BASIC_PASS_YEARS_RUNNING' });
    expect(assessEligibility({ ...base, annualReports: [report(2024, 'PASS'), report(2025, 'BASIC_PASS')] }, ORDER_39_DAY, ORDER_39_V1)).toMatchObject({ eligible: true });
    expect(assessEligibility({ ...base, annualReports: [report(2023, 'BASIC_PASS'), report(2024, 'BASIC_PASS'), report(2025, 'PASS')] }, ORDER_39_DAY, ORDER_39_V1)).toMatchObject({ eligible: true });
    expect(assessEligibility(running, MEASURES_DAY, MEASURES_2026_V1)).toMatchObject({ eligible: true });
  });

  it('administrative penalty last year (Beijing year of the decision): any kind under Order 39', () => {
    const warned = { ...base, penalties: [penalty('WARNING', '2025-07-01T00:00:00Z')] };
    const refused = assessEligibility(warned, ORDER_39_DAY, ORDER_39_V1);
    expect(refused).toMatchObject({ eligible: false, rule: 'ADMINISTRATIVE_PENALTY_LAST_YEAR', ruleVersion: 'evaluation/order-39@v1' });
    expect(refused.eligible === false && refused.message).toMatch(/WARNING decided 2025-07-01/);
    // Decided 2024-12-31T16:30Z = 1 January 2025 00:30 Beijing: last year; 2024-12-31T15:30Z = 2024 in Beijing: not.
    expect(assessEligibility({ ...base, penalties: [penalty('FINE', '2024-12-31T16:30:00Z', 100_000)] }, ORDER_39_DAY, ORDER_39_V1)).toMatchObject({ eligible: false, rule: 'ADMINISTRATIVE_PENALTY_LAST_YEAR' });
    expect(assessEligibility({ ...base, penalties: [penalty('FINE', '2024-12-31T15:30:00Z', 100_000)] }, ORDER_39_DAY, ORDER_39_V1)).toMatchObject({ eligible: true });
    // A penalty this year is not "last year's".
    expect(assessEligibility({ ...base, penalties: [penalty('WARNING', '2026-01-05T00:00:00Z')] }, ORDER_39_DAY, ORDER_39_V1)).toMatchObject({ eligible: true });
  });

  it('2026 measures: a warning or a fine under RMB 50,000 no longer bars; a fine of RMB 50,000, a suspension or a revocation does', () => {
    const rules = MEASURES_2026_V1;
    expect(assessEligibility({ ...base, penalties: [penalty('WARNING', '2025-07-01T00:00:00Z')] }, MEASURES_DAY, rules)).toMatchObject({ eligible: true });
    expect(assessEligibility({ ...base, penalties: [penalty('FINE', '2025-07-01T00:00:00Z', 4_999_999)] }, MEASURES_DAY, rules)).toMatchObject({ eligible: true });
    expect(assessEligibility({ ...base, penalties: [penalty('FINE', '2025-07-01T00:00:00Z', 5_000_000)] }, MEASURES_DAY, rules)).toMatchObject({ eligible: false, rule: 'ADMINISTRATIVE_PENALTY_LAST_YEAR', ruleVersion: 'evaluation/measures-2026@v1' });
    expect(assessEligibility({ ...base, penalties: [penalty('SUSPENSION', '2025-07-01T00:00:00Z')] }, MEASURES_DAY, rules)).toMatchObject({ eligible: false, rule: 'ADMINISTRATIVE_PENALTY_LAST_YEAR' });
  });

  it('under investigation: refused under Order 39, no bar under the 2026 measures', () => {
    const facts = { ...base, underInvestigation: true };
    expect(assessEligibility(facts, ORDER_39_DAY, ORDER_39_V1)).toMatchObject({ eligible: false, rule: 'UNDER_INVESTIGATION', ruleVersion: 'evaluation/order-39@v1' });
    expect(assessEligibility(facts, MEASURES_DAY, MEASURES_2026_V1)).toMatchObject({ eligible: true });
  });

  it('the Art. 7 bars come after the ended registration, the 2 years and NO_EVALUATION, and before a grade still valid', () => {
    const facts = { ...base, annualReports: [report(2025, 'FAIL')], measures: ['NO_EVALUATION'] };
    expect(assessEligibility(facts, ORDER_39_DAY, ORDER_39_V1)).toMatchObject({ rule: 'CREDIT_MEASURE_NO_EVALUATION' });
    expect(assessEligibility({ ...facts, registeredAt: new Date('2025-01-01T00:00:00Z') }, ORDER_39_DAY, ORDER_39_V1)).toMatchObject({ rule: 'REGISTERED_TWO_FULL_YEARS' });
    const graded = { ...base, annualReports: [report(2025, 'FAIL')], grades: [grade({ validUntil: '2028-05-31' })] };
    expect(assessEligibility(graded, ORDER_39_DAY, ORDER_39_V1)).toMatchObject({ rule: 'ANNUAL_INSPECTION_FAILED_LAST_YEAR' });
  });
});
