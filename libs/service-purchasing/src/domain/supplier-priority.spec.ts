import { ORDER_102_2020 } from './purchasing-rules';
import { gradeInForce, supersede, type GradeRecord } from './supplier-grade';
import { hasCategoryPriority, priorityReasons } from './supplier-priority';

const grade = (over: Partial<GradeRecord> = {}): GradeRecord => ({
  gradeId: '00000000-0000-4000-8000-000000000001',
  uscc: '52110108MJ0000018M',
  grade: '3A',
  validFrom: '2025-01-01',
  validUntil: '2029-12-31',
  announcedAt: '2024-12-20T00:00:00.000Z',
  replacesGradeId: null,
  supersededByGradeId: null,
  supersededFrom: null,
  adjustment: null,
  ruleVersion: 'evaluation/order-39@v1',
  ...over,
});
const at = (iso: string) => new Date(iso);
const codes = (category: Parameters<typeof priorityReasons>[0], records: GradeRecord[], now: Date) => priorityReasons(category, gradeInForce(records, now), ORDER_102_2020).map((r) => r.code);

describe('supplier category priority', () => {
  it('prioritises the four direct-registration categories only', () => {
    expect(hasCategoryPriority('PUBLIC_INTEREST_CHARITY')).toBe(true);
    expect(hasCategoryPriority('URBAN_RURAL_COMMUNITY_SERVICE')).toBe(true);
    expect(hasCategoryPriority('RELIGION')).toBe(false);
  });
});

describe('supplier priority reasons (regulations §7.1, §6)', () => {
  it('category and a 3A+ grade in force are both reasons; neither is none', () => {
    expect(codes('URBAN_RURAL_COMMUNITY_SERVICE', [grade()], at('2026-06-01T00:00:00Z'))).toEqual(['DIRECT_REGISTRATION_CATEGORY', 'GRADE_3A_OR_ABOVE']);
    expect(codes('RELIGION', [grade({ grade: '5A' })], at('2026-06-01T00:00:00Z'))).toEqual(['GRADE_3A_OR_ABOVE']);
    expect(codes('RELIGION', [grade({ grade: '2A' })], at('2026-06-01T00:00:00Z'))).toEqual([]);
    expect(codes('RELIGION', [], at('2026-06-01T00:00:00Z'))).toEqual([]);
  });

  it('validity is inclusive on both ends, in Beijing dates; an expired or not-yet-valid grade gives no priority', () => {
    expect(codes('RELIGION', [grade()], at('2025-01-01T00:00:00Z'))).toEqual(['GRADE_3A_OR_ABOVE']);
    expect(codes('RELIGION', [grade()], at('2029-12-31T15:59:59.999Z'))).toEqual(['GRADE_3A_OR_ABOVE']); // 23:59:59.999 Beijing, 31 Dec
    expect(codes('RELIGION', [grade()], at('2029-12-31T16:00:00.000Z'))).toEqual([]); // 00:00 Beijing, 1 Jan 2030
    expect(codes('RELIGION', [grade()], at('2029-12-31T23:59:59Z'))).toEqual([]); // was in force by its UTC date
    expect(codes('RELIGION', [grade()], at('2030-01-01T00:00:00Z'))).toEqual([]);
    expect(codes('RELIGION', [grade()], at('2024-12-31T15:59:59.999Z'))).toEqual([]); // 23:59:59.999 Beijing, 31 Dec 2024
    expect(codes('RELIGION', [grade()], at('2024-12-31T16:00:00.000Z'))).toEqual(['GRADE_3A_OR_ABOVE']); // 00:00 Beijing, 1 Jan 2025
    expect(codes('RELIGION', [grade()], at('2024-12-31T23:59:59Z'))).toEqual(['GRADE_3A_OR_ABOVE']); // was not yet by its UTC date
  });

  it('gives the validity as Beijing dates and, beside them, the instants it starts and ends', () => {
    expect(gradeInForce([grade()], at('2026-06-01T00:00:00Z'))).toMatchObject({
      validFrom: '2025-01-01',
      validUntil: '2029-12-31',
      validFromStartsAt: '2024-12-31T16:00:00.000Z',
      validUntilEndsAt: '2029-12-31T16:00:00.000Z',
    });
  });

  it('a grade lowered below 3A or cancelled gives no priority from the adjustment on; lowered to 3A still does', () => {
    const lowered = grade({ grade: '4A', adjustment: { newGrade: '2A', reason: 'ADMINISTRATIVE_PENALTY', effectiveAt: '2026-05-01T00:00:00.000Z' } });
    expect(codes('RELIGION', [lowered], at('2026-04-30T00:00:00Z'))).toEqual(['GRADE_3A_OR_ABOVE']);
    expect(codes('RELIGION', [lowered], at('2026-05-01T00:00:00Z'))).toEqual([]);
    expect(gradeInForce([lowered], at('2026-05-01T00:00:00Z'))).toMatchObject({ grade: '2A', awardedGrade: '4A', lowered: true });
    const cancelled = grade({ adjustment: { newGrade: null, reason: 'SERIOUS_LIST', effectiveAt: '2026-05-01T00:00:00.000Z' } });
    expect(gradeInForce([cancelled], at('2026-05-02T00:00:00Z'))).toBeNull();
    const to3A = grade({ grade: '5A', adjustment: { newGrade: '3A', reason: 'BASIC_PASS_TWO_YEARS', effectiveAt: '2026-05-01T00:00:00.000Z' } });
    expect(codes('RELIGION', [to3A], at('2026-06-01T00:00:00Z'))).toEqual(['GRADE_3A_OR_ABOVE']);
  });

  it('a replacement grade supersedes the one it names from its own validFrom', () => {
    const old = grade({ grade: '4A' });
    const replacement = grade({ gradeId: '00000000-0000-4000-8000-000000000002', grade: '2A', validFrom: '2027-01-01', validUntil: '2031-12-31', announcedAt: '2026-06-01T00:00:00.000Z', replacesGradeId: old.gradeId });
    const records = [supersede(old, replacement), replacement];
    expect(gradeInForce(records, at('2026-12-31T00:00:00Z'))).toMatchObject({ gradeId: old.gradeId, grade: '4A' });
    expect(gradeInForce(records, at('2026-12-31T15:59:59.999Z'))).toMatchObject({ gradeId: old.gradeId, grade: '4A' });
    expect(gradeInForce(records, at('2026-12-31T16:00:00.000Z'))).toMatchObject({ gradeId: replacement.gradeId, grade: '2A' }); // 1 January in Beijing
    expect(gradeInForce(records, at('2027-01-01T00:00:00Z'))).toMatchObject({ gradeId: replacement.gradeId, grade: '2A' });
    expect(codes('RELIGION', records, at('2027-01-01T00:00:00Z'))).toEqual([]);
  });
});
