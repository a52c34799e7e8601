import type { EvaluationRuleSet } from './evaluation-rules';
import { EvaluationRuleViolation } from './evaluation-rule-violation';

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
    throw new EvaluationRuleViolation('EVALUATION.COMMITTEE_INVALID', 'committee', 'COMMITTEE_COUNTS', 'committee counts must be whole numbers with at least one member', 'INVALID');
  }
  if (present > members) {
    throw new EvaluationRuleViolation('EVALUATION.COMMITTEE_INVALID', 'committee.present', 'COMMITTEE_COUNTS', `${present} present but the committee has ${members} members`, 'INVALID');
  }
  if (inFavour > present) {
    throw new EvaluationRuleViolation('EVALUATION.COMMITTEE_INVALID', 'committee.inFavour', 'COMMITTEE_COUNTS', `${inFavour} in favour but only ${present} present`, 'INVALID');
  }
  const { quorumNumerator: num, quorumDenominator: den } = rules.committee;
  // Integer arithmetic: present / members ≥ num / den.
  if (present * den < members * num) {
    throw new EvaluationRuleViolation(
      'EVALUATION.COMMITTEE_NO_QUORUM',
      'committee.present',
      'COMMITTEE_QUORUM_TWO_THIRDS',
      `${present} of ${members} members present; the final meeting needs at least ${num}/${den} (${Math.ceil((members * num) / den)}) (regulations §6, Order 39)`,
    );
  }
  // Majority of all members: more than half of `members`, however many attended.
  if (inFavour * 2 <= members) {
    throw new EvaluationRuleViolation(
      'EVALUATION.COMMITTEE_NO_MAJORITY',
      'committee.inFavour',
      'COMMITTEE_MAJORITY_OF_ALL_MEMBERS',
      `${inFavour} of ${members} members in favour; the named vote needs a majority of all members (${Math.floor(members / 2) + 1}) (regulations §6, Order 39)`,
    );
  }
}
