import { adverseOf, CURRENT_LOOK_BACK_RULE, evidenceInWindow, freezeEvidence, lookBackRuleByVersion, lookBackWindow, withinLookBack, type PerformanceEvidenceDetails } from './performance-evidence';

/** The look-back of performance evidence (regulations §6 Content, Art. 6; UNCONFIRMED 2 years) and what is adverse. */
describe('performance evidence', () => {
  const item = (evidenceId: string, occurredAt: string) => ({ evidenceId, occurredAt: new Date(occurredAt) });
  // Applied at 10:00 Beijing time on 1 June 2026.
  const appliedAt = new Date('2026-06-01T02:00:00.000Z');

  it('looks back 2 years from the Beijing date of the application, from 00:00 Beijing time, up to the instant read', () => {
    const w = lookBackWindow(appliedAt, new Date('2026-06-10T02:00:00.000Z'));
    expect(w).toEqual({ ruleVersion: 'evaluation/performance-evidence@v1', fromDate: '2024-06-01', from: new Date('2024-05-31T16:00:00.000Z'), until: new Date('2026-06-10T02:00:00.000Z') });
    expect(withinLookBack(item('a', '2024-05-31T15:59:59.999Z'), w)).toBe(false); // 23:59:59 Beijing time on 31 May 2024
    expect(withinLookBack(item('b', '2024-05-31T16:00:00.000Z'), w)).toBe(true);
    expect(withinLookBack(item('c', '2026-06-10T02:00:00.000Z'), w)).toBe(true);
    expect(withinLookBack(item('d', '2026-06-10T02:00:00.001Z'), w)).toBe(false);
  });

  it('an application at 01:00 Beijing time (17:00 UTC the day before) counts from that Beijing date', () => {
    expect(lookBackWindow(new Date('2026-05-31T17:00:00.000Z'), appliedAt).fromDate).toBe('2024-06-01');
    // 29 February 2028 less 2 years: 28 February 2026.
    expect(lookBackWindow(new Date('2028-02-29T02:00:00.000Z'), appliedAt).fromDate).toBe('2026-02-28');
  });

  it('the window keeps the items inside, oldest first; freezing records their ids with the rule version and instant', () => {
    const w = lookBackWindow(appliedAt, new Date('2026-06-10T02:00:00.000Z'));
    const items = [item('later', '2026-06-11T00:00:00.000Z'), item('z', '2025-01-01T00:00:00.000Z'), item('old', '2023-12-31T00:00:00.000Z'), item('y', '2025-01-01T00:00:00.000Z'), item('recent', '2026-06-09T00:00:00.000Z')];
    expect(evidenceInWindow(items, w).map((e) => e.evidenceId)).toEqual(['y', 'z', 'recent']);
    expect(freezeEvidence(items, w)).toEqual({ ruleVersion: 'evaluation/performance-evidence@v1', fromDate: '2024-06-01', asOf: '2026-06-10T02:00:00.000Z', evidenceIds: ['y', 'z', 'recent'] });
  });

  it('the section concerned per form, as rule data with its source and an UNCONFIRMED note', () => {
    expect(CURRENT_LOOK_BACK_RULE.sectionByForm).toEqual({ SOCIAL_GROUP: 'WORK_PERFORMANCE', FOUNDATION: 'WORK_PERFORMANCE', SOCIAL_SERVICE_ORGANIZATION: 'BUSINESS_ACTIVITIES_AND_INTEGRITY' });
    expect(CURRENT_LOOK_BACK_RULE.source).toContain('§6');
    expect(CURRENT_LOOK_BACK_RULE.note).toMatch(/^UNCONFIRMED/);
    expect(lookBackRuleByVersion('evaluation/performance-evidence@v1')).toBe(CURRENT_LOOK_BACK_RULE);
    expect(() => lookBackRuleByVersion('evaluation/performance-evidence@v9')).toThrow(RangeError);
  });

  it('adverse: a take-back for cause, a failed acceptance, a termination for breach or without a recorded cause', () => {
    const takeBack = (forCause: boolean): PerformanceEvidenceDetails => ({ kind: 'FUNCTION_TAKE_BACK', agreementId: 'a', itemId: null, departmentUnitId: 'u', action: 'REVOKED', forCause, reasonsCount: 1, legalBasis: 'b' });
    const acceptance = (passed: boolean): PerformanceEvidenceDetails => ({ kind: 'MILESTONE_ACCEPTANCE', contractId: 'c', procurementId: null, sequence: 1, attempt: 1, passed, band: 'FAIL', score: 40, ruleVersion: 'r' });
    const termination = (cause: string | null): PerformanceEvidenceDetails => ({ kind: 'CONTRACT_TERMINATION', contractId: 'c', procurementId: null, cause, paidFen: 0, unpaidFen: 1 });
    expect([takeBack(true), takeBack(false)].map(adverseOf)).toEqual([true, false]);
    expect([acceptance(false), acceptance(true)].map(adverseOf)).toEqual([true, false]);
    expect(['SUPPLIER_BREACH', null, 'PURCHASER_DECISION', 'MUTUAL_AGREEMENT', 'FORCE_MAJEURE'].map((c) => adverseOf(termination(c)))).toEqual([true, true, false, false, false]);
  });
});
