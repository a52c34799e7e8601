import { decideAdjustment, decideAward, verificationNeeded } from './grade-decisions';
import { MEASURES_2026_V1, ORDER_39_V1, ruleSetAt } from './evaluation-rules';
import { HUAINING_CUT_OFFS_V1 } from './local-rule-sets';
import { gradeRecord } from '../test-support/grade-record.fixture';

/** Cut-offs are local (regulations §6 Scoring): the rule sets as applied in Huaining (340822), whose table §6 names. */
const MEASURES_2026_HUAINING = { ...MEASURES_2026_V1, cutOffs: HUAINING_CUT_OFFS_V1.cutOffs };
const huainingAt = (at: Date) => ({ ...ruleSetAt(at), cutOffs: HUAINING_CUT_OFFS_V1.cutOffs });

const committee = { members: 9, present: 7, inFavour: 6 };
const registeredAt = new Date('2018-04-02T00:00:00Z');
const ACTIVE = 'ACTIVE' as const;
const g = gradeRecord;

describe('award decision', () => {
  it('Order 39: grade by cut-off, validity from the announcement, ruleVersion recorded', () => {
    const announcedAt = new Date('2025-11-20T02:00:00Z');
    expect(decideAward({ registrationStatus: ACTIVE, registeredAt, grades: [], measures: [] }, { score: 955, announcedAt, committee }, huainingAt(announcedAt))).toEqual({
      grade: '5A',
      validFrom: '2025-11-20',
      validUntil: '2030-11-19',
      basis: 'FIRST_EVALUATION',
      replacesGradeId: null,
      ruleVersion: 'evaluation/order-39@v1',
    });
  });

  it('a grade announced at 00:30 Beijing time on 1 January 2027 (2026-12-31T16:30Z) belongs to 2027 under the 2026 measures', () => {
    const facts = { registrationStatus: ACTIVE, registeredAt, grades: [], measures: [] };
    const before = new Date('2026-12-31T15:59:59.999Z');
    const after = new Date('2026-12-31T16:30:00Z');
    expect(decideAward(facts, { score: 955, announcedAt: before, committee }, huainingAt(before))).toMatchObject({ validFrom: '2027-01-01', validUntil: '2031-12-31', ruleVersion: 'evaluation/measures-2026@v1' });
    expect(decideAward(facts, { score: 955, announcedAt: after, committee }, huainingAt(after))).toMatchObject({ validFrom: '2028-01-01', validUntil: '2032-12-31', ruleVersion: 'evaluation/measures-2026@v1' });
  });

  it('the rule set of an announcement at 00:30 Beijing time on 1 March 2026 is the 2026 measures', () => {
    const facts = { registrationStatus: ACTIVE, registeredAt, grades: [], measures: [] };
    const announcedAt = new Date('2026-02-28T16:30:00Z');
    expect(decideAward(facts, { score: 955, announcedAt, committee }, huainingAt(announcedAt))).toMatchObject({ validFrom: '2027-01-01', ruleVersion: 'evaluation/measures-2026@v1' });
    const lastOrder39 = new Date('2026-02-28T15:59:59.999Z');
    expect(decideAward(facts, { score: 955, announcedAt: lastOrder39, committee }, huainingAt(lastOrder39))).toMatchObject({ validFrom: '2026-02-28', validUntil: '2031-02-27', ruleVersion: 'evaluation/order-39@v1' });
  });

  it('2026 measures: calendar-year validity; a re-evaluation names the grade it replaces', () => {
    const announcedAt = new Date('2027-09-01T00:00:00Z');
    expect(decideAward({ registrationStatus: ACTIVE, registeredAt, grades: [g()], measures: [] }, { score: 960, announcedAt, committee }, huainingAt(announcedAt))).toEqual({
      grade: '5A',
      validFrom: '2028-01-01',
      validUntil: '2032-12-31',
      basis: 'RE_EVALUATION',
      replacesGradeId: 'g-1',
      ruleVersion: 'evaluation/measures-2026@v1',
    });
  });

  it('checks eligibility first (the procedure checks it before field work and the vote), then the committee, then the score', () => {
    const announcedAt = new Date('2027-09-01T00:00:00Z');
    const barred = { registrationStatus: ACTIVE, registeredAt, grades: [], measures: ['NO_EVALUATION'] };
    expect(() => decideAward(barred, { score: 500, announcedAt, committee: { members: 9, present: 5, inFavour: 5 } }, MEASURES_2026_HUAINING)).toThrow(
      expect.objectContaining({ code: 'EVALUATION.NOT_ELIGIBLE', rule: 'CREDIT_MEASURE_NO_EVALUATION', field: 'uscc' }),
    );
    const eligible = { ...barred, measures: [] };
    expect(() => decideAward(eligible, { score: 500, announcedAt, committee: { members: 9, present: 5, inFavour: 5 } }, MEASURES_2026_HUAINING)).toThrow(
      expect.objectContaining({ code: 'EVALUATION.COMMITTEE_NO_QUORUM' }),
    );
    expect(() => decideAward(eligible, { score: 500, announcedAt, committee }, MEASURES_2026_HUAINING)).toThrow(expect.objectContaining({ code: 'EVALUATION.SCORE_BELOW_LOWEST_GRADE' }));
  });

  it('refuses a revoked organization with ORGANIZATION_NOT_ACTIVE (422, field uscc)', () => {
    expect(() => decideAward({ registrationStatus: 'REVOKED', registeredAt, grades: [g()], measures: [] }, { score: 900, announcedAt: new Date('2026-06-01T00:00:00Z'), committee }, MEASURES_2026_HUAINING)).toThrow(
      expect.objectContaining({ code: 'EVALUATION.NOT_ELIGIBLE', rule: 'ORGANIZATION_NOT_ACTIVE', field: 'uscc', kind: 'REFUSED' }),
    );
  });

  it('refuses an announcement not after the latest grade', () => {
    expect(() => decideAward({ registrationStatus: ACTIVE, registeredAt, grades: [g()], measures: [] }, { score: 900, announcedAt: new Date('2026-04-30T00:00:00Z'), committee }, MEASURES_2026_HUAINING)).toThrow(
      expect.objectContaining({ code: 'EVALUATION.ANNOUNCEMENT_OUT_OF_ORDER', kind: 'CONFLICT' }),
    );
  });
});

describe('grade adjustment (lowering or cancelling a grade in force)', () => {
  const effectiveAt = new Date('2028-03-01T00:00:00Z');

  it('lowers to a strictly lower grade', () => {
    expect(decideAdjustment(g(), { newGrade: '2A', reason: 'ADMINISTRATIVE_PENALTY', effectiveAt }, MEASURES_2026_V1)).toEqual({
      previousGrade: '4A',
      newGrade: '2A',
      reason: 'ADMINISTRATIVE_PENALTY',
      status: 'ACTIVE',
      ruleVersion: 'evaluation/measures-2026@v1',
    });
  });

  it('cancels without a new grade', () => {
    expect(decideAdjustment(g(), { reason: 'SERIOUS_LIST', effectiveAt }, MEASURES_2026_V1)).toMatchObject({ previousGrade: '4A', newGrade: null, status: 'CANCELLED' });
  });

  it('refuses the same or a higher grade', () => {
    for (const newGrade of ['4A', '5A']) {
      expect(() => decideAdjustment(g(), { newGrade, reason: 'ADMINISTRATIVE_PENALTY', effectiveAt }, MEASURES_2026_V1)).toThrow(expect.objectContaining({ code: 'EVALUATION.ADJUSTMENT_NOT_LOWER', field: 'newGrade', rule: 'LOWERING_ONLY' }));
    }
    expect(() => decideAdjustment(g(), { newGrade: '6A', reason: 'ADMINISTRATIVE_PENALTY', effectiveAt }, MEASURES_2026_V1)).toThrow(expect.objectContaining({ code: 'EVALUATION.GRADE_UNKNOWN' }));
  });

  it('refuses a grade no longer in force', () => {
    expect(() => decideAdjustment(g({ status: 'SUPERSEDED' }), { reason: 'SERIOUS_LIST', effectiveAt }, MEASURES_2026_V1)).toThrow(expect.objectContaining({ code: 'EVALUATION.GRADE_NOT_IN_FORCE', kind: 'CONFLICT' }));
    expect(() => decideAdjustment(g(), { reason: 'SERIOUS_LIST', effectiveAt: new Date('2032-01-01T00:00:00Z') }, MEASURES_2026_V1)).toThrow(expect.objectContaining({ code: 'EVALUATION.GRADE_NOT_IN_FORCE' }));
    // validUntil 2031-12-31 ends at 24:00 Beijing time (16:00Z); was: at 2032-01-01T00:00Z.
    expect(decideAdjustment(g(), { reason: 'SERIOUS_LIST', effectiveAt: new Date('2031-12-31T15:59:59.999Z') }, MEASURES_2026_V1)).toMatchObject({ status: 'CANCELLED' });
    expect(() => decideAdjustment(g(), { reason: 'SERIOUS_LIST', effectiveAt: new Date('2031-12-31T16:00:00Z') }, MEASURES_2026_V1)).toThrow(expect.objectContaining({ code: 'EVALUATION.GRADE_NOT_IN_FORCE' }));
    expect(() => decideAdjustment(g(), { reason: 'SERIOUS_LIST', effectiveAt: new Date('2026-01-01T00:00:00Z') }, MEASURES_2026_V1)).toThrow(expect.objectContaining({ code: 'EVALUATION.ADJUSTMENT_BEFORE_ANNOUNCEMENT' }));
  });

  it('admits only the reasons of the rule set: no verification evaluation under Order 39', () => {
    expect(() => decideAdjustment(g(), { reason: 'VERIFICATION_EVALUATION', effectiveAt }, ORDER_39_V1)).toThrow(expect.objectContaining({ code: 'EVALUATION.ADJUSTMENT_REASON_NOT_ADMITTED', field: 'reason' }));
    expect(decideAdjustment(g(), { reason: 'VERIFICATION_EVALUATION', effectiveAt }, MEASURES_2026_V1)).toMatchObject({ status: 'CANCELLED' });
    expect(() => decideAdjustment(g(), { reason: 'BECAUSE', effectiveAt }, MEASURES_2026_V1)).toThrow(expect.objectContaining({ code: 'EVALUATION.ADJUSTMENT_REASON_NOT_ADMITTED' }));
  });
});

describe('verification cases from credit measures', () => {
  it('only GRADE_DOWNGRADE_REFERENCE and only with a grade in force', () => {
    expect(verificationNeeded(['KEY_SUPERVISION', 'GRADE_DOWNGRADE_REFERENCE'], g(), MEASURES_2026_V1)).toEqual(['GRADE_DOWNGRADE_REFERENCE']);
    expect(verificationNeeded(['GRADE_DOWNGRADE_REFERENCE'], null, MEASURES_2026_V1)).toEqual([]);
    expect(verificationNeeded(['NO_EVALUATION', 'NO_PURCHASE_OF_SERVICES'], g(), MEASURES_2026_V1)).toEqual([]);
  });
});
