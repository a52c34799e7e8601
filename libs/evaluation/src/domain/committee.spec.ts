import { assertCommitteeDecision } from './committee';
import { ORDER_39_V1 } from './evaluation-rules';

const decide = (members: number, present: number, inFavour: number) => () => assertCommitteeDecision({ members, present, inFavour }, ORDER_39_V1);

describe('committee decision (Order 39: quorum ≥ 2/3 present, named vote with a majority of ALL members)', () => {
  it('accepts exactly 2/3 present and a bare majority of all members', () => {
    expect(decide(9, 6, 5)).not.toThrow();
    expect(decide(15, 10, 8)).not.toThrow();
    expect(decide(3, 2, 2)).not.toThrow();
  });

  it('refuses a meeting below 2/3', () => {
    expect(decide(9, 5, 5)).toThrow(expect.objectContaining({ code: 'EVALUATION.COMMITTEE_NO_QUORUM', field: 'committee.present', rule: 'COMMITTEE_QUORUM_TWO_THIRDS' }));
    expect(decide(10, 6, 6)).toThrow(expect.objectContaining({ code: 'EVALUATION.COMMITTEE_NO_QUORUM' })); // 6/10 < 2/3; 7 needed
    expect(decide(10, 7, 6)).not.toThrow();
  });

  it('a majority of those present is not enough: it must be a majority of all members', () => {
    expect(decide(15, 10, 7)).toThrow(expect.objectContaining({ code: 'EVALUATION.COMMITTEE_NO_MAJORITY', field: 'committee.inFavour', rule: 'COMMITTEE_MAJORITY_OF_ALL_MEMBERS' }));
    expect(decide(10, 10, 5)).toThrow(expect.objectContaining({ code: 'EVALUATION.COMMITTEE_NO_MAJORITY' })); // half is not a majority
  });

  it('refuses inconsistent counts as invalid input', () => {
    expect(decide(0, 0, 0)).toThrow(expect.objectContaining({ code: 'EVALUATION.COMMITTEE_INVALID', kind: 'INVALID' }));
    expect(decide(9, 10, 6)).toThrow(expect.objectContaining({ code: 'EVALUATION.COMMITTEE_INVALID', field: 'committee.present' }));
    expect(decide(9, 6, 7)).toThrow(expect.objectContaining({ code: 'EVALUATION.COMMITTEE_INVALID', field: 'committee.inFavour' }));
    expect(decide(9, 6.5, 5)).toThrow(expect.objectContaining({ code: 'EVALUATION.COMMITTEE_INVALID' }));
  });
});
