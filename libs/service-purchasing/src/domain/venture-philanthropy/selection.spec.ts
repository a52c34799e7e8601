import { BANDED_RULES } from '../../test-support/local-rule-set.fixture';
import type { BidderFacts } from '../procurement/bidder-eligibility';
import { VENTURE_ELIGIBILITY_V1, evaluateProposer, evaluateRound } from './round-eligibility';
import type { VentureProposal, VentureRound } from './round';
import { chooseProjects, reviewProposals } from './selection';

const asOf = new Date('2026-03-20T09:00:00.000Z');
const facts = (uscc: string, over: Partial<BidderFacts> = {}): BidderFacts => ({
  uscc,
  supplier: { status: 'ACTIVE', statusChangedAt: null, category: 'OTHER', registrationEventId: `reg-${uscc}`, statusEventId: null },
  measures: null,
  grade: null,
  ...over,
});
const abnormal = { lists: ['ABNORMAL'], measures: [], effectiveFrom: '2026-01-05T00:00:00.000Z', ruleVersion: 'credit@v1', eventId: 'ev-abn' };
const round = { id: 'r', fundFen: 100, criteria: [{ name: '项目设计', weight: 100, maxPoints: 10 }], eligibility: VENTURE_ELIGIBILITY_V1 } as unknown as VentureRound;
const proposal = (id: string, uscc: string, budgetFen: number) => ({ id, uscc, budgetFen }) as VentureProposal;

describe('venture-philanthropy eligibility (regulations §7.3) and selection', () => {
  it('evaluates the round rules with the bidder evaluation, each with evidence', () => {
    const local = evaluateProposer(facts('A'), '110108', '110108', VENTURE_ELIGIBILITY_V1, BANDED_RULES, asOf);
    expect(local.eligible).toBe(true);
    expect(local.rules.map((r) => [r.rule, r.outcome])).toEqual(
      expect.arrayContaining([['REGISTERED_AND_ACTIVE', 'PASS'], ['NOT_BARRED_FROM_PURCHASE', 'PASS'], ['NO_MAJOR_VIOLATION', 'NOT_EVALUATED'], ['REGISTERED_LOCALLY', 'PASS'], ['NOT_ON_CREDIT_LISTS', 'PASS']]),
    );
    // A city-registered organization is local to a district round of that city.
    expect(evaluateProposer(facts('B'), '110000', '110108', VENTURE_ELIGIBILITY_V1, BANDED_RULES, asOf).eligible).toBe(true);
    const far = evaluateProposer(facts('C', { measures: abnormal }), '310104', '110108', VENTURE_ELIGIBILITY_V1, BANDED_RULES, asOf);
    expect(far.eligible).toBe(false);
    expect(far.rules.filter((r) => r.outcome === 'FAIL').map((r) => [r.rule, r.evidence])).toEqual([
      ['REGISTERED_LOCALLY', expect.objectContaining({ registeringAuthority: '310104', roundJurisdiction: '110108' })],
      ['NOT_ON_CREDIT_LISTS', expect.objectContaining({ measuresEventId: 'ev-abn', lists: ['ABNORMAL'] })],
    ]);
  });

  it('judges a listing that took effect after the as-of instant NOT_EVALUATED, not on the later fact', () => {
    const later = evaluateProposer(facts('D', { measures: { ...abnormal, effectiveFrom: '2026-03-25T00:00:00.000Z' } }), '110108', '110108', VENTURE_ELIGIBILITY_V1, BANDED_RULES, asOf);
    expect(later.rules.find((r) => r.rule === 'NOT_ON_CREDIT_LISTS')?.outcome).toBe('NOT_EVALUATED');
  });

  it('scores with the procurement scoring at price weight 0 and selects in rank order within the fund', () => {
    const ps = [proposal('p1', 'A', 60), proposal('p2', 'B', 50), proposal('p3', 'C', 30)];
    const scores = reviewProposals(round, ps.map((p) => ({ proposal: p, category: null, grade: null })), [
      { bidderUscc: 'A', quality: [{ criterion: '项目设计', points: 9 }] },
      { bidderUscc: 'B', quality: [{ criterion: '项目设计', points: 8 }] },
      { bidderUscc: 'C', quality: [{ criterion: '项目设计', points: 7 }] },
    ], BANDED_RULES);
    expect(scores.bids.map((b) => [b.bidId, b.total, b.priceScore, b.rank])).toEqual([['p1', 90, 0, 1], ['p2', 80, 0, 2], ['p3', 70, 0, 3]]);
    const all = evaluateRound('SELECTION', asOf, asOf, ps.map((p) => ({ facts: facts(p.uscc), registeringAuthority: '110108' })), '110108', VENTURE_ELIGIBILITY_V1, BANDED_RULES);
    // p2 does not fit after p1 (60 + 50 > 100): passing over it for p3 is allowed.
    expect(chooseProjects(round, scores, all, ['p3', 'p1'], ps).map((c) => [c.proposal.id, c.rank])).toEqual([['p1', 1], ['p3', 3]]);
    expect(() => chooseProjects(round, scores, all, ['p1', 'p2'], ps)).toThrow(expect.objectContaining({ code: 'PURCHASE_MODES.FUND_EXCEEDED' }));
    // p1 fits with p3 and ranks above it: leaving it out is refused.
    expect(() => chooseProjects(round, scores, all, ['p2', 'p3'], ps)).toThrow(expect.objectContaining({ code: 'PURCHASE_MODES.SELECTION_INVALID' }));
    expect(() => chooseProjects(round, scores, all, ['p1', 'p1'], ps)).toThrow(expect.objectContaining({ code: 'PURCHASE_MODES.SELECTION_INVALID' }));
  });

  it('refuses a proposer ineligible at selection rule by rule', () => {
    const ps = [proposal('p1', 'A', 60)];
    const scores = reviewProposals(round, [{ proposal: ps[0], category: null, grade: null }], [{ bidderUscc: 'A', quality: [{ criterion: '项目设计', points: 9 }] }], BANDED_RULES);
    const listed = evaluateRound('SELECTION', asOf, asOf, [{ facts: facts('A', { measures: abnormal }), registeringAuthority: '110108' }], '110108', VENTURE_ELIGIBILITY_V1, BANDED_RULES);
    expect(() => chooseProjects(round, scores, listed, ['p1'], ps)).toThrow(
      expect.objectContaining({ code: 'PURCHASE_MODES.PROPOSAL_INELIGIBLE', violations: [expect.objectContaining({ field: 'proposalIds.0', message: expect.stringContaining('NOT_ON_CREDIT_LISTS') })] }),
    );
  });
});
