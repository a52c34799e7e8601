import { GradeAdjusted, GradeAwarded, type GradeAdjustedV1, type GradeAwardedV1 } from '@sop/contracts';
import { buildCloudEvent, dataschemaOf, type Tx } from '@sop/messaging';
import type { GradeRecord } from '../../domain/supplier-grade';
import { SupplierGrades } from './supplier-grades.use-cases';
import { SupplierGradeStore } from './suppliers.ports';

/** Grades in a map; records which update carried an adjustment event. */
class InMemoryGradeStore extends SupplierGradeStore {
  readonly rows = new Map<string, GradeRecord>();
  readonly adjustmentEvents = new Map<string, string>();
  async grades(_tx: Tx | null, uscc: string) {
    return [...this.rows.values()].filter((g) => g.uscc === uscc);
  }
  async grade(_tx: Tx, gradeId: string) {
    return this.rows.get(gradeId) ?? null;
  }
  async replacementsOf(_tx: Tx, gradeId: string) {
    return [...this.rows.values()].filter((g) => g.replacesGradeId === gradeId);
  }
  async insertGrade(_tx: Tx, grade: GradeRecord) {
    this.rows.set(grade.gradeId, grade);
  }
  async updateGrade(_tx: Tx, grade: GradeRecord, adjustmentEventId?: string) {
    this.rows.set(grade.gradeId, grade);
    if (adjustmentEventId) this.adjustmentEvents.set(grade.gradeId, adjustmentEventId);
  }
}

const tx = {} as Tx;
const uscc = '52110108MJ0000018M';
const now = new Date('2026-03-02T00:00:00.000Z');
const awarded = (over: Partial<GradeAwardedV1> = {}) =>
  buildCloudEvent<GradeAwardedV1>('evaluation', dataschemaOf(GradeAwarded), {
    type: GradeAwarded.type,
    subject: uscc,
    data: { gradeId: 'g-1', uscc, grade: '3A', score: 860, evaluatingAuthority: '110108', announcedAt: '2025-12-20T00:00:00.000Z', validFrom: '2026-01-01', validUntil: '2030-12-31', ruleVersion: 'evaluation/order-39@v1', ...over },
  }, now);
const adjusted = (over: Partial<GradeAdjustedV1> = {}) =>
  buildCloudEvent<GradeAdjustedV1>('evaluation', dataschemaOf(GradeAdjusted), {
    type: GradeAdjusted.type,
    subject: uscc,
    data: { gradeId: 'g-1', uscc, previousGrade: '3A', newGrade: '2A', reason: 'ADMINISTRATIVE_PENALTY', explanation: '受到行政处罚', effectiveAt: '2026-03-01T00:00:00.000Z', evidence: [], ruleVersion: 'evaluation/order-39@v1', ...over },
  }, now);

describe('SupplierGrades (evaluation.grade.awarded / .adjusted)', () => {
  let store: InMemoryGradeStore;
  let grades: SupplierGrades;
  beforeEach(() => {
    store = new InMemoryGradeStore();
    grades = new SupplierGrades(store);
  });

  it('records an award once; a re-published award changes nothing', async () => {
    await grades.onGradeAwarded(awarded(), tx);
    await grades.onGradeAwarded(awarded({ grade: '5A' }), tx);
    expect(store.rows.get('g-1')).toMatchObject({ grade: '3A', supersededByGradeId: null, adjustment: null, announcedAt: '2025-12-20T00:00:00.000Z' });
  });

  it('a replacement supersedes the grade it names from its own validFrom, in either order of arrival', async () => {
    await grades.onGradeAwarded(awarded(), tx);
    await grades.onGradeAwarded(awarded({ gradeId: 'g-2', grade: '4A', validFrom: '2026-03-01', replacesGradeId: 'g-1' }), tx);
    expect(store.rows.get('g-1')).toMatchObject({ supersededByGradeId: 'g-2', supersededFrom: '2026-03-01' });

    const other = new InMemoryGradeStore();
    const outOfOrder = new SupplierGrades(other);
    await outOfOrder.onGradeAwarded(awarded({ gradeId: 'g-2', grade: '4A', validFrom: '2026-03-01', replacesGradeId: 'g-1' }), tx);
    await outOfOrder.onGradeAwarded(awarded(), tx);
    expect(other.rows.get('g-1')).toMatchObject({ supersededByGradeId: 'g-2', supersededFrom: '2026-03-01' });
  });

  it('an adjustment lowers from effectiveAt; an older one never undoes a newer one; an unknown grade is ignored', async () => {
    await grades.onGradeAwarded(awarded(), tx);
    const newer = adjusted({ newGrade: undefined, reason: 'SERIOUS_LIST', effectiveAt: '2026-03-01T12:00:00.000Z' });
    await grades.onGradeAdjusted(newer, tx);
    await grades.onGradeAdjusted(adjusted({ effectiveAt: '2026-03-01T00:00:00.000Z' }), tx);
    expect(store.rows.get('g-1')?.adjustment).toEqual({ newGrade: null, reason: 'SERIOUS_LIST', effectiveAt: '2026-03-01T12:00:00.000Z' });
    expect(store.adjustmentEvents.get('g-1')).toBe(newer.id);

    await grades.onGradeAdjusted(adjusted({ gradeId: 'g-unknown' }), tx);
    expect(store.rows.has('g-unknown')).toBe(false);
  });
});
