import { gradeInForce, gradesAsOf, type GradeAdjustmentRecord, type GradeRecord } from './grade-record';

const grade = (over: Partial<GradeRecord> = {}): GradeRecord => ({
  gradeId: 'g1',
  grade: '4A',
  score: 920,
  evaluatingAuthority: '110108',
  announcedAt: '2026-06-10T02:00:00.000Z',
  validFrom: '2027-01-01',
  validUntil: '2031-12-31',
  replacesGradeId: null,
  ruleVersion: 'evaluation/measures-2026@v1',
  ...over,
});
const lowered = (over: Partial<GradeAdjustmentRecord> = {}): GradeAdjustmentRecord => ({
  gradeId: 'g1',
  previousGrade: '4A',
  newGrade: '2A',
  reason: 'ADMINISTRATIVE_PENALTY',
  effectiveAt: '2028-03-01T00:00:00.000Z',
  ruleVersion: 'evaluation/measures-2026@v1',
  ...over,
});

describe('grades as credit information', () => {
  it('is not shown before its announcement, announced until validity starts, in force through its last valid day, then expired', () => {
    const g = [grade()];
    expect(gradesAsOf(g, [], new Date('2026-06-10T01:59:59.999Z'))).toEqual([]);
    // Validity in Beijing dates (updated for civil time: the boundaries were 00:00 UTC): it starts at 00:00 Beijing
    // on 1 January 2027 (16:00 UTC on 31 December) and ends at 24:00 Beijing on 31 December 2031.
    expect(gradesAsOf(g, [], new Date('2026-12-31T15:59:59.999Z'))[0].status).toBe('ANNOUNCED');
    expect(gradesAsOf(g, [], new Date('2026-12-31T16:00:00.000Z'))[0].status).toBe('IN_FORCE');
    expect(gradesAsOf(g, [], new Date('2031-12-31T15:59:59.999Z'))[0].status).toBe('IN_FORCE');
    expect(gradesAsOf(g, [], new Date('2031-12-31T16:00:00.000Z'))[0].status).toBe('EXPIRED');
    expect(gradeInForce(g, [], new Date('2031-12-31T16:00:00.000Z'))).toBeNull();
  });

  it('shows a lowering from its effective instant, keeping the awarded grade and the history', () => {
    const before = gradesAsOf([grade()], [lowered()], new Date('2028-02-29T00:00:00.000Z'))[0];
    expect(before).toMatchObject({ grade: '4A', awardedGrade: '4A', status: 'IN_FORCE', adjustments: [] });
    const after = gradesAsOf([grade()], [lowered()], new Date('2028-03-01T00:00:00.000Z'))[0];
    expect(after).toMatchObject({ grade: '2A', awardedGrade: '4A', status: 'IN_FORCE' });
    expect(after.adjustments).toHaveLength(1);
  });

  it('applies adjustments in effective order and cancels when the last one has no new grade', () => {
    const adj = [lowered({ newGrade: null, reason: 'SERIOUS_LIST', effectiveAt: '2029-01-01T00:00:00.000Z', previousGrade: '2A' }), lowered()];
    const g = gradesAsOf([grade()], adj, new Date('2029-06-01T00:00:00.000Z'))[0];
    expect(g).toMatchObject({ grade: null, status: 'CANCELLED' });
    expect(g.adjustments.map((a) => a.newGrade)).toEqual(['2A', null]);
  });

  it('marks a grade replaced by a re-evaluation as superseded once the new grade validity starts', () => {
    const g2 = grade({ gradeId: 'g2', grade: '5A', score: 960, announcedAt: '2028-05-01T00:00:00.000Z', validFrom: '2029-01-01', validUntil: '2033-12-31', replacesGradeId: 'g1' });
    const at2027 = gradesAsOf([grade(), g2], [], new Date('2027-06-01T00:00:00.000Z'));
    expect(at2027.map((g) => g.gradeId)).toEqual(['g1']);
    const at2028 = gradesAsOf([grade(), g2], [], new Date('2028-06-01T00:00:00.000Z'));
    expect(at2028.map((g) => [g.gradeId, g.status])).toEqual([
      ['g2', 'ANNOUNCED'],
      ['g1', 'IN_FORCE'],
    ]);
    expect(gradesAsOf([grade(), g2], [], new Date('2029-01-01T00:00:00.000Z')).map((g) => g.status)).toEqual(['IN_FORCE', 'SUPERSEDED']);
    expect(gradeInForce([grade(), g2], [], new Date('2029-01-01T00:00:00.000Z'))?.gradeId).toBe('g2');
  });
});
