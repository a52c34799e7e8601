import { defineErrors } from '@sop/util';

/**
 * Problem codes of the purchase modes beyond tenders (issue 11 item 4; regulations §7.3): venture philanthropy,
 * entrusted operation of public facilities, PPP. Contract, milestone, acceptance and payment refusals keep their
 * PURCHASING codes (the modes reuse that machinery). `GET /purchasing/errors` lists them with the others.
 */
export const PurchaseModeErrors = defineErrors('PURCHASE_MODES', {
  // venture philanthropy (公益创投)
  ROUND_INVALID: { kind: 'INVALID', meaning: 'A round names at least one theme, a positive fund and a per-project cap not above it, a proposal deadline in the future and a cycle that starts on or after the deadline and lasts at most about a year (regulations §7.3); `errors` names the field.' },
  ROUND_NOT_FOUND: { kind: 'NOT_FOUND', meaning: 'No venture-philanthropy round has this id.' },
  NOT_THE_ORGAN: { kind: 'FORBIDDEN', meaning: 'Only the purchasing organ that announced the round, owns the facility or signed the agreement (token claim unit_id) acts on it.' },
  PROPOSALS_CLOSED: { kind: 'CONFLICT', meaning: 'Proposals are taken until the proposal deadline; the round is past it (or reviewed).' },
  PROPOSAL_INVALID: { kind: 'INVALID', meaning: "A proposal names one of the round's themes, a budget within the per-project cap and stages (instalments) within the cycle summing to the budget; `errors` names the field." },
  PROPOSAL_EXISTS: { kind: 'CONFLICT', meaning: 'An organization submits one proposal per round.' },
  NOT_THE_PROPOSER: { kind: 'FORBIDDEN', meaning: "Proposals are submitted and read by the organization's representative (token claim org_uscc) only." },
  REVIEW_TOO_EARLY: { kind: 'CONFLICT', meaning: 'The review starts after the proposal deadline.' },
  ALREADY_REVIEWED: { kind: 'CONFLICT', meaning: 'The round was reviewed already; its review is frozen.' },
  NOT_REVIEWED: { kind: 'CONFLICT', meaning: 'Review the proposals (eligibility and scores) before selecting.' },
  ALREADY_SELECTED: { kind: 'CONFLICT', meaning: 'The round has its selection already; it is frozen.' },
  PROPOSAL_INELIGIBLE: { kind: 'REFUSED', meaning: "The proposing organization fails the round's eligibility rules at selection; `errors` and `failed` give each failing rule with its reason and evidence." },
  SELECTION_INVALID: { kind: 'INVALID', meaning: 'Selected proposals are scored proposals of the round, each once, taken in rank order (one may be passed over only when it does not fit in the fund left), and their budgets fit in the fund.' },
  FUND_EXCEEDED: { kind: 'REFUSED', meaning: "The selected projects' budgets exceed the round's fund." },
  // entrusted facilities (公建民营)
  FACILITY_INVALID: { kind: 'INVALID', meaning: 'A facility has a name, kind, address and positive capacity; an entrustment positive fee caps, indicators with a comparison and threshold, and subsidy periods; `errors` names the field.' },
  FACILITY_NOT_FOUND: { kind: 'NOT_FOUND', meaning: 'No entrusted facility has this id.' },
  FACILITY_ALREADY_ENTRUSTED: { kind: 'CONFLICT', meaning: 'The facility has its operator for the term already.' },
  FACILITY_NOT_ENTRUSTED: { kind: 'CONFLICT', meaning: 'The facility has no operator yet: entrust it first.' },
  AWARD_NOT_TO_OPERATOR: { kind: 'REFUSED', meaning: "The procurement's award names another organization than the operator: an operator selected by procurement is the awarded bidder." },
  OPERATOR_BASIS_REQUIRED: { kind: 'INVALID', meaning: 'An operator is selected through a procurement award (procurementId) or recorded with its legal basis (legalBasis, budgetLineId, method); exactly one of the two.' },
  INDICATOR_RESULTS_INVALID: { kind: 'INVALID', meaning: "A periodic check gives one result for each of the facility's service indicators, and nothing else." },
  // PPP
  PPP_TERM_INVALID: { kind: 'REFUSED', meaning: 'A PPP agreement runs longer than the purchase-of-services limit (Order 102 Art. 24), within the PPP bounds of the rule data (10–30 years, UNCONFIRMED), with one availability payment per year of the term.' },
  PPP_NOT_FOUND: { kind: 'NOT_FOUND', meaning: 'No PPP agreement has this id.' },
  CONCURRENT_CHANGE: { kind: 'CONFLICT', meaning: 'Another change of the same record was committed first; read it again and retry.' },
});
