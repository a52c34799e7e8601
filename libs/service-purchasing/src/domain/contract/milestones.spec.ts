import { checkMilestones, implicitMilestone, type Milestone } from './milestones';

const m = (sequence: number, amountFen: number, dueOn = '2026-09-30', over: Partial<Milestone> = {}): Milestone => ({ sequence, title: `阶段${sequence}`, deliverables: ['报告'], dueOn, amountFen, ...over });
const term = ['2026-05-01', '2027-04-30'] as const;
const fieldOf = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return { code: (e as { code: string }).code, field: (e as { violations: { field: string }[] }).violations[0]?.field };
  }
  return null;
};

describe('contract milestones (Order 102 Art. 23 payment schedule)', () => {
  it('accepts milestones numbered 1..n within the term whose amounts sum to the value, in sequence order', () => {
    expect(checkMilestones([m(2, 150_000, '2027-04-30'), m(1, 100_000, '2026-05-01')], 250_000, ...term).map((x) => x.sequence)).toEqual([1, 2]);
  });

  it('refuses a sum other than the value, naming milestones', () => {
    expect(fieldOf(() => checkMilestones([m(1, 100_000), m(2, 100_000)], 250_000, ...term))).toEqual({ code: 'PURCHASING.MILESTONES_INVALID', field: 'milestones' });
  });

  it('refuses gaps, duplicates, an empty list, zero amounts and untitled milestones', () => {
    expect(fieldOf(() => checkMilestones([m(1, 100_000), m(3, 150_000)], 250_000, ...term))).toMatchObject({ field: 'milestones.1.sequence' });
    expect(fieldOf(() => checkMilestones([m(1, 100_000), m(1, 150_000)], 250_000, ...term))).toMatchObject({ field: 'milestones.1.sequence' });
    expect(fieldOf(() => checkMilestones([], 250_000, ...term))).toMatchObject({ field: 'milestones' });
    expect(fieldOf(() => checkMilestones([m(1, 0), m(2, 250_000)], 250_000, ...term))).toMatchObject({ field: 'milestones.0.amountFen' });
    expect(fieldOf(() => checkMilestones([m(1, 250_000, '2026-09-30', { title: ' ' })], 250_000, ...term))).toMatchObject({ field: 'milestones.0.title' });
  });

  it('refuses a due date outside the term (Beijing dates, both ends inclusive) or not a real day', () => {
    expect(fieldOf(() => checkMilestones([m(1, 250_000, '2026-04-30')], 250_000, ...term))).toMatchObject({ field: 'milestones.0.dueOn' });
    expect(fieldOf(() => checkMilestones([m(1, 250_000, '2027-05-01')], 250_000, ...term))).toMatchObject({ field: 'milestones.0.dueOn' });
    expect(fieldOf(() => checkMilestones([m(1, 250_000, '2026-02-30')], 250_000, ...term))).toMatchObject({ field: 'milestones.0.dueOn' });
  });

  it('a contract without milestones has one implicit milestone: the whole value due on the last day of the term', () => {
    expect(implicitMilestone({ title: '养老服务', termEnd: '2027-04-30', valueFen: 250_000 })).toEqual({ sequence: 1, title: '养老服务', deliverables: [], dueOn: '2027-04-30', amountFen: 250_000 });
  });
});
