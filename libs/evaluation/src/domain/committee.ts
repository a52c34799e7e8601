import type { EvaluationRuleSet } from './evaluation-rules';
import { EvaluationErrors } from './evaluation.errors';

/** The evaluation committee's final meeting, as counted in its named vote (记名投票). */
export interface CommitteeVote {
  /** All members of the committee. */
  members: number;
  /** Members present at the final meeting. */
  present: number;
  /** Members present who voted for the grade. */
  inFavour: number;
}

/**
 * Order 39 (regulations §6 Bodies): the committee decides the grade at a meeting with at least 2/3 of its members
 * present, by a named vote carried by a majority of ALL members (not of those present). Refuses otherwise.
 */
export function assertCommitteeDecision(vote: CommitteeVote, rules: EvaluationRuleSet): void {
  const { members, present, inFavour } = vote;
  const counts = [members, present, inFavour];
  if (counts.some((n) => !Number.isInteger(n) || n < 0) || members < 1) {
    throw new EvaluationErrors.COMMITTEE_INVALID('committee counts must be whole numbers with at least one member', { field: 'committee', rule: 'COMMITTEE_COUNTS' });
  }
  if (present > members) {
    throw new EvaluationErrors.COMMITTEE_INVALID(`${present} present but the committee has ${members} members`, { field: 'committee.present', rule: 'COMMITTEE_COUNTS' });
  }
  if (inFavour > present) {
    throw new EvaluationErrors.COMMITTEE_INVALID(`${inFavour} in favour but only ${present} present`, { field: 'committee.inFavour', rule: 'COMMITTEE_COUNTS' });
  }
  const { quorumNumerator: num, quorumDenominator: den } = rules.committee;
  // Integer arithmetic: present / members ≥ num / den.
  if (present * den < members * num) {
    throw new EvaluationErrors.COMMITTEE_NO_QUORUM(
      `${present} of ${members} members present; the final meeting needs at least ${num}/${den} (${Math.ceil((members * num) / den)}) (regulations §6, Order 39)`,
      { field: 'committee.present', rule: 'COMMITTEE_QUORUM_TWO_THIRDS' },
    );
  }
  // Majority of all members: more than half of `members`, however many attended.
  if (inFavour * 2 <= members) {
    throw new EvaluationErrors.COMMITTEE_NO_MAJORITY(
      `${inFavour} of ${members} members in favour; the named vote needs a majority of all members (${Math.floor(members / 2) + 1}) (regulations §6, Order 39)`,
      { field: 'committee.inFavour', rule: 'COMMITTEE_MAJORITY_OF_ALL_MEMBERS' },
    );
  }
}
