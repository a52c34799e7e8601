import { checkProposal, checkRound, type VentureRound } from './round';
import { VENTURE_ELIGIBILITY_V1 } from './round-eligibility';

const now = new Date('2026-03-02T08:00:00.000Z');
const terms = {
  themes: ['为老服务', '青少年服务'],
  fundFen: 10_000_000,
  perProjectCapFen: 5_000_000,
  criteria: [{ name: '项目设计', weight: 60, maxPoints: 60 }, { name: '执行能力', weight: 40, maxPoints: 40 }],
  proposalDeadline: new Date('2026-03-20T09:00:00.000Z'),
  cycleStart: '2026-04-01',
  cycleEnd: '2027-03-31',
};
const round: VentureRound = {
  id: 'r1', organUnitId: 'u', organJurisdiction: '110108', organName: '区民政局', budgetLineId: 'b', title: 't', description: 'd', method: 'COMPETITIVE_CONSULTATION',
  eligibility: VENTURE_ELIGIBILITY_V1, status: 'OPEN', announcedBy: 's', announcedAt: now.toISOString(), revision: 1, ...terms, proposalDeadline: terms.proposalDeadline.toISOString(),
};
const stages = [
  { sequence: 1, title: '启动', deliverables: ['实施方案'], dueOn: '2026-06-30', amountFen: 2_000_000 },
  { sequence: 2, title: '结项', deliverables: ['结项报告'], dueOn: '2027-03-31', amountFen: 3_000_000 },
];
const code = (fn: () => unknown) => {
  try {
    fn();
    return 'none';
  } catch (e) {
    const err = e as { code: string; violations: { field: string }[] };
    return `${err.code} ${err.violations[0]?.field ?? ''}`.trim();
  }
};

describe('venture-philanthropy round (regulations §7.3)', () => {
  it('accepts themes, a fund with a cap and a cycle of about a year starting after the deadline', () => {
    expect(code(() => checkRound(terms, now))).toBe('none');
  });

  it('refuses each broken term naming its field', () => {
    expect(code(() => checkRound({ ...terms, themes: [] }, now))).toBe('PURCHASE_MODES.ROUND_INVALID themes');
    expect(code(() => checkRound({ ...terms, perProjectCapFen: 10_000_001 }, now))).toBe('PURCHASE_MODES.ROUND_INVALID perProjectCapFen');
    expect(code(() => checkRound({ ...terms, proposalDeadline: new Date('2026-03-01T00:00:00Z') }, now))).toBe('PURCHASE_MODES.ROUND_INVALID proposalDeadline');
    expect(code(() => checkRound({ ...terms, cycleStart: '2026-03-19' }, now))).toBe('PURCHASE_MODES.ROUND_INVALID cycleStart');
    // One year from 2026-04-01 ends 2027-03-31: a day more is refused.
    expect(code(() => checkRound({ ...terms, cycleEnd: '2027-04-01' }, now))).toBe('PURCHASE_MODES.ROUND_INVALID cycleEnd');
    expect(code(() => checkRound({ ...terms, criteria: [{ name: '项目设计', weight: 50, maxPoints: 60 }] }, now))).toBe('PURCHASING.SCORING_INVALID scoring');
  });

  it('takes a proposal within a theme, the cap and the cycle, stages summing to the budget', () => {
    expect(checkProposal(round, { theme: '为老服务', budgetFen: 5_000_000, stages: [stages[1], stages[0]] }, now).map((s) => s.sequence)).toEqual([1, 2]);
    expect(code(() => checkProposal(round, { theme: '环保', budgetFen: 5_000_000, stages }, now))).toBe('PURCHASE_MODES.PROPOSAL_INVALID theme');
    expect(code(() => checkProposal(round, { theme: '为老服务', budgetFen: 5_000_001, stages }, now))).toBe('PURCHASE_MODES.PROPOSAL_INVALID budgetFen');
    expect(code(() => checkProposal(round, { theme: '为老服务', budgetFen: 4_000_000, stages }, now))).toBe('PURCHASE_MODES.PROPOSAL_INVALID stages');
    expect(code(() => checkProposal(round, { theme: '为老服务', budgetFen: 5_000_000, stages: [stages[0], { ...stages[1], dueOn: '2027-04-01' }] }, now))).toBe('PURCHASE_MODES.PROPOSAL_INVALID stages.1.dueOn');
  });

  it('takes no proposal at or after the deadline', () => {
    expect(code(() => checkProposal(round, { theme: '为老服务', budgetFen: 5_000_000, stages }, new Date(round.proposalDeadline)))).toBe('PURCHASE_MODES.PROPOSALS_CLOSED');
  });
});
