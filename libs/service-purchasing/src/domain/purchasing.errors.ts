import { defineErrors } from '@sop/util';

/**
 * Every problem code service purchasing answers with (regulations §7: MOF Order 102; §5.3 credit joint measures;
 * §6 evaluation grades). The kind decides the HTTP status at the edge; `GET /purchasing/errors` lists them.
 */
export const PurchasingErrors = defineErrors('PURCHASING', {
  // ---------------------------------------------------------------- contract terms (Order 102 Art. 23–24)
  METHOD_UNKNOWN: {
    kind: 'INVALID',
    meaning: 'The purchase method is not a government-procurement method (Government Procurement Law Art. 26 and MOF-recognized methods, regulations §7.2); use one of the listed methods.',
  },
  VALUE_INVALID: { kind: 'INVALID', meaning: 'The contract value must be a positive whole number of fen (分).' },
  TERM_INVALID: { kind: 'INVALID', meaning: 'termStart and termEnd must be real calendar dates (YYYY-MM-DD), and the term must not end before it starts.' },
  TERM_TOO_LONG: {
    kind: 'REFUSED',
    meaning:
      'A purchase-of-services contract runs at most one year, or up to three years for a stable, continuous service with budget assurance for every year (Order 102 Art. 24); shorten the term or declare both multi-year conditions.',
  },
  SIGNED_IN_FUTURE: { kind: 'INVALID', meaning: 'A contract is recorded once it is signed: signedAt must not lie after the current time.' },
  NO_RULE_SET: {
    kind: 'REFUSED',
    meaning: 'No purchasing rule set was in force on that day (Order 102 applies from 2020-03-01, regulations §7.1); purchasing cannot decide on earlier dates.',
  },

  // ---------------------------------------------------------------- supplier eligibility (Order 102 Art. 6–7, §5.3)
  SUPPLIER_UNKNOWN: {
    kind: 'REFUSED',
    meaning: 'Purchasing knows no registered social organization with this USCC (Order 102 Art. 6: the undertaker is lawfully registered); check the code or wait until its registration has reached purchasing.',
  },
  SUPPLIER_NOT_ADMITTED: {
    kind: 'REFUSED',
    meaning: 'The USCC is that of a state organ (department 1, type 1): organs purchase services and are not undertakers (Order 102 Art. 5–6, regulations §7.2).',
  },
  SUPPLIER_NOT_ACTIVE: {
    kind: 'REFUSED',
    meaning: 'The organization has been revoked or deregistered and cannot undertake purchased services (Order 102 Art. 6–7); `supplierStatus` names its status.',
  },
  SUPPLIER_BARRED: {
    kind: 'REFUSED',
    meaning:
      'Credit joint measures in force bar the organization from purchase of services (regulations §5.3); `measures`, `lists` and `measureRuleVersion` say which. Signing is possible again once credit lifts them.',
  },
  SIGNED_BEFORE_REGISTRATION: {
    kind: 'REFUSED',
    meaning: 'The contract would be signed before the supplier was registered (Order 102 Art. 6); `registeredAt` gives the registration time.',
  },

  // ---------------------------------------------------------------- idempotent creation
  IDEMPOTENCY_KEY_INVALID: { kind: 'INVALID', meaning: 'Send at most one Idempotency-Key header of 1–100 visible ASCII characters.' },
  IDEMPOTENCY_KEY_REUSED: {
    kind: 'CONFLICT',
    meaning: 'This Idempotency-Key was already used by you with a different request body; a retry must send the same body, a new request a new key.',
  },

  // ---------------------------------------------------------------- performance assessment (regulations §7.2)
  SCORE_INVALID: { kind: 'INVALID', meaning: 'A performance score is a whole number from 0 to 100.' },
  CONTRACT_NOT_SIGNED: { kind: 'CONFLICT', meaning: 'Only a signed contract is assessed; the contract is in another state.' },
  ASSESSMENT_BEFORE_TERM: {
    kind: 'REFUSED',
    meaning: "Performance is assessed once the service term has started (performance management and acceptance, regulations §7.2); assess on or after the contract's termStart.",
  },
  NOT_THE_PURCHASER: {
    kind: 'FORBIDDEN',
    meaning:
      'Only the purchasing organ that signed the contract manages and assesses it (Order 102 Art. 5): the same unit, or for a contract recorded without a unit the same jurisdiction.',
  },

  // ---------------------------------------------------------------- purchasing organs (Order 102 Art. 5 and 8)
  ORGAN_NOT_A_PURCHASER: {
    kind: 'REFUSED',
    meaning:
      'Only state organs purchase services (Order 102 Art. 5); category-1 public-benefit institutions and mass organizations staffed as public institutions and funded by appropriation are excluded (Art. 8). `kind` names the rule.',
  },
  ORGAN_JURISDICTION_INVALID: { kind: 'INVALID', meaning: "An organ's jurisdiction is a 6-digit GB/T 2260 division code." },
  ORGAN_OUTSIDE_JURISDICTION: {
    kind: 'FORBIDDEN',
    meaning: "A finance officer registers (or moves) purchasing organs only into divisions its own jurisdiction covers.",
  },
  ORGAN_ALREADY_REGISTERED: { kind: 'CONFLICT', meaning: 'This unit id is already a registered purchasing organ; record a change as a new version instead.' },
  ORGAN_CHANGE_EMPTY: { kind: 'INVALID', meaning: 'A change names at least one of name, kind or jurisdiction with a value other than the current one.' },
  ORGAN_VERSION_CONFLICT: { kind: 'CONFLICT', meaning: 'Another change of this organ was recorded at the same time; read the organ and retry.' },
  ORGAN_NOT_FOUND: { kind: 'NOT_FOUND', meaning: 'No purchasing organ with this unit id within your reach.' },
  PURCHASER_NOT_REGISTERED: {
    kind: 'FORBIDDEN',
    meaning:
      "Contracts are signed by registered purchasing organs (Order 102 Art. 5): the token's unit_id must be a unit registered as a state organ, in a division the token's jurisdiction covers.",
  },
  PURCHASER_NAME_MISMATCH: {
    kind: 'REFUSED',
    meaning: "The purchaser of a contract is the registered name of the signing organ (unit_id); leave `purchaser` out or send exactly that name (`registeredName`).",
  },

  // ---------------------------------------------------------------- local rule sets (regulations §7.2 local practice)
  RULE_SET_JURISDICTION: {
    kind: 'INVALID',
    meaning:
      'A local purchasing rule set belongs to a 6-digit division code other than 100000: the national default (Order 102) is not published through the API.',
  },
  RULE_SET_PUBLISHER_LEVEL: {
    kind: 'FORBIDDEN',
    meaning: 'Purchasing rule sets are published by finance officers at national or provincial level (whose jurisdiction covers the rule set).',
  },
  RULE_SET_EFFECTIVE_DATE_NOT_FUTURE: {
    kind: 'INVALID',
    meaning: 'A new rule-set version takes effect on a later Beijing date than today; decisions already made keep the version they applied.',
  },
  RULE_SET_BANDS_INVALID: {
    kind: 'INVALID',
    meaning:
      'Performance bands: at least one, integer minScore 0–100 strictly descending, the last one from 0, each outcome one of EXCELLENT, GOOD, QUALIFIED, UNQUALIFIED; the version cites its source.',
  },
  RULE_SET_PERFORMANCE_BAR_INVALID: {
    kind: 'INVALID',
    meaning: 'Performance bar of a rule-set version: months an integer 1–60, at least one trigger (failed final acceptance, termination), its source cited.',
  },
  RULE_SET_VERSION_CONFLICT: { kind: 'CONFLICT', meaning: 'Another version of this rule set was published at the same time; read the versions and retry.' },

  // ---------------------------------------------------------------- budgets (Order 102 Art. 3: budget constraint)
  BUDGET_LINE_NOT_FOUND: {
    kind: 'NOT_FOUND',
    meaning: "No budget line has this id within your reach (auditors: all; finance officers: their jurisdiction; purchasers: their own organ's lines).",
  },
  BUDGET_LINE_EXISTS: { kind: 'CONFLICT', meaning: 'The organ already has a budget line with this code in this fiscal year; `budgetLineId` names it.' },
  BUDGET_EXCEEDED: {
    kind: 'REFUSED',
    meaning:
      'A purchase is made within its budget (Order 102 Art. 3): the committed and paid amounts of a budget line never exceed its amount. `remainingFen` gives what the line still allows.',
  },

  // ---------------------------------------------------------------- guiding catalogue and negative list (Order 102 Art. 10–11)
  CATALOGUE_INVALID: {
    kind: 'INVALID',
    meaning:
      'A catalogue version lists at least one item, codes are unique across its items and negative list, each negative-list item cites the article that excludes it, and the version cites its source.',
  },
  CATALOGUE_EFFECTIVE_DATE_PAST: { kind: 'INVALID', meaning: 'A catalogue version takes effect today or on a later Beijing date, never in the past.' },
  CATALOGUE_VERSION_CONFLICT: { kind: 'CONFLICT', meaning: 'Another version of this catalogue was published at the same time; read the versions and retry.' },
  CATALOGUE_ITEM_UNKNOWN: {
    kind: 'REFUSED',
    meaning:
      "Purchasing scope is managed by the guiding catalogue (Order 102 Art. 11): the item must be in the catalogue in force for the purchasing organ's jurisdiction; `catalogueVersion` names it.",
  },
  NEGATIVE_LIST_ITEM: {
    kind: 'REFUSED',
    meaning: 'The matter is on the negative list and may not be purchased as a service (Order 102 Art. 10); `item` and `article` name the entry.',
  },

  // ---------------------------------------------------------------- procurement notices
  PROCUREMENT_NOT_FOUND: { kind: 'NOT_FOUND', meaning: 'No procurement has this id.' },
  JUSTIFICATION_REQUIRED: { kind: 'INVALID', meaning: 'A single-source procurement states its justification (Government Procurement Law Art. 31 conditions).' },
  SCORING_INVALID: {
    kind: 'INVALID',
    meaning: 'The scoring method gives a price weight and quality criteria whose weights, with the price weight, sum to 100; each criterion has a unique name and positive max points.',
  },
  DEADLINE_TOO_EARLY: {
    kind: 'REFUSED',
    meaning:
      'The bid deadline leaves at least the minimum period of the method after the notice (Government Procurement Law Art. 35: open tender 20 days; the others as rule data); `earliestDeadline` gives the first acceptable instant.',
  },
  PROCUREMENT_CLOSED: { kind: 'CONFLICT', meaning: 'The bid deadline has passed: bids, replacements, withdrawals and amendments are no longer accepted; `bidDeadline` gives it.' },
  PROCUREMENT_CANCELLED: { kind: 'CONFLICT', meaning: 'The procurement was cancelled; nothing more is done under it.' },
  AMENDMENT_EMPTY: { kind: 'INVALID', meaning: 'An amendment changes at least one of bidDeadline, qualificationRequirements or scoring.' },
  PROCUREMENT_CHANGED_CONCURRENTLY: { kind: 'CONFLICT', meaning: 'The procurement or the bid changed at the same time as your request (another amendment, cancellation or submission); read it and retry.' },

  // ---------------------------------------------------------------- sealed bids
  BIDS_SEALED: {
    kind: 'CONFLICT',
    meaning: 'Bids stay sealed until the bid deadline: no one reads their content before it (only each bidder its own); `bidDeadline` says when they can be opened.',
  },
  BIDDER_NOT_AN_ORGANIZATION: {
    kind: 'FORBIDDEN',
    meaning: "A bid is made by an organization's representative for its own organization: the token names it (claim org_uscc).",
  },
  BID_NOT_FOUND: { kind: 'NOT_FOUND', meaning: 'Your organization has no bid (or no bid still standing) in this procurement.' },

  // ---------------------------------------------------------------- eligibility, scoring, award
  SCORES_INVALID: {
    kind: 'INVALID',
    meaning: "The panel's scores cover exactly the bids eligible at the deadline, each once, with points 0–max for every criterion of the notice; `violations` names the field.",
  },
  ALREADY_SCORED: { kind: 'CONFLICT', meaning: 'The bids of this procurement were scored already; the scores are frozen and never recomputed.' },
  NOT_SCORED: { kind: 'CONFLICT', meaning: 'The evaluation panel has not scored the bids yet: score them before the award.' },
  NO_ELIGIBLE_BID: { kind: 'REFUSED', meaning: 'No bid is eligible (at the deadline for scoring, at award for the award): nothing can be scored or awarded; cancel or re-tender.' },
  INELIGIBLE_AT_AWARD: {
    kind: 'REFUSED',
    meaning: 'The bidder named fails the eligibility re-run at award (for example listed under NO_PURCHASE_OF_SERVICES after the deadline); `failed` gives each rule with its evidence.',
  },
  AWARD_DEVIATION_REFUSED: { kind: 'REFUSED', meaning: 'The award goes to the highest eligible total; the rule version in force allows no deviation.' },
  AWARD_TIE: { kind: 'REFUSED', meaning: 'Several eligible bids are equal in total and in priority: the purchaser names one (bidderUscc) with reasons.' },
  ALREADY_AWARDED: { kind: 'CONFLICT', meaning: 'The procurement was awarded already; the award and its eligibility evaluation are frozen.' },
  AWARD_NOT_FOUND: { kind: 'NOT_FOUND', meaning: 'The procurement has not been awarded (yet).' },

  // ---------------------------------------------------------------- contract performance (Order 102 Art. 23–24, §7.2)
  STANDSTILL_NOT_ENDED: {
    kind: 'CONFLICT',
    meaning: "The contract is signed once the award's standstill period has ended (and signedAt lies after it); `standstillEndsAt` gives the instant.",
  },
  CONTRACT_EXISTS: { kind: 'CONFLICT', meaning: 'The procurement already has its contract; `contractId` names it.' },
  MILESTONES_INVALID: {
    kind: 'INVALID',
    meaning: 'Milestones are numbered 1, 2, 3… once each, with a title, a due date (a Beijing date within the term) and a positive amount in fen; their amounts sum to the contract value.',
  },
  MILESTONE_NOT_FOUND: { kind: 'NOT_FOUND', meaning: 'The contract has no milestone with this sequence number.' },
  CONTRACT_NOT_IN_PERFORMANCE: {
    kind: 'CONFLICT',
    meaning: 'The contract is no longer in performance (TERMINATED or COMPLETED): nothing more is accepted, decided or paid under it; `contractStatus` names its state.',
  },
  MILESTONE_ALREADY_ACCEPTED: {
    kind: 'CONFLICT',
    meaning: 'The milestone passed its acceptance already; a passed acceptance is final (only a failed one is followed by a re-acceptance).',
  },
  ACCEPTANCE_INCONSISTENT: {
    kind: 'REFUSED',
    meaning: "A milestone passes acceptance only with a score outside the rule set's UNQUALIFIED band; `band` and `ruleVersion` name the band applied.",
  },
  MILESTONE_NOT_ACCEPTED: { kind: 'CONFLICT', meaning: 'Payments are made only against a milestone that passed acceptance (regulations §7.2 performance acceptance); accept it first.' },
  MILESTONE_OVERPAID: {
    kind: 'REFUSED',
    meaning: "The payment would take the milestone's paid total over its amount; `outstandingFen` gives what may still be paid for it.",
  },
  PAID_AT_INVALID: { kind: 'INVALID', meaning: 'paidAt is the instant the money was paid: not after now and not before the contract was signed.' },
  PAYMENT_NEEDS_DECISION: {
    kind: 'CONFLICT',
    meaning:
      "The contract is flagged (its supplier entered the serious list, regulations §5.3): each further payment of a milestone needs a recorded PAY decision of the finance officer made after the flag (POST …/payment-decisions); `flagEvidenceEventId` names the listing.",
  },
  PAYMENT_WITHHELD: { kind: 'CONFLICT', meaning: "The latest decision for this milestone of the flagged contract is WITHHOLD; `decisionId` names it. A new PAY decision is needed." },
  CONTRACT_NOT_FLAGGED: { kind: 'CONFLICT', meaning: 'Payment decisions are recorded only for a contract flagged by a serious listing of its supplier; payments of other contracts need none.' },

  // ---------------------------------------------------------------- reads
  CONTRACT_NOT_FOUND: {
    kind: 'NOT_FOUND',
    meaning: 'No contract has this id within your reach (auditors: all; finance officers: their jurisdiction; purchasers: their own organ).',
  },
  SUPPLIER_NOT_FOUND: { kind: 'NOT_FOUND', meaning: 'Purchasing has not learnt of a registered organization with this USCC (from registration events).' },
  // OCDS 1.1 open data (issue 11 item 6): a package holds at least one release or record, so "nothing" is a 404.
  OCDS_RELEASE_NOT_FOUND: { kind: 'NOT_FOUND', meaning: 'No OCDS release has this id (release ids are the ids of the purchasing events that published them).' },
  OCDS_RECORD_NOT_FOUND: { kind: 'NOT_FOUND', meaning: 'No contracting process with this ocid has published an OCDS release.' },
  OCDS_NO_RELEASES: {
    kind: 'NOT_FOUND',
    meaning: 'No OCDS release (or record) matches the request: none published yet, none for this ocid, none since this instant or after this cursor. An OCDS package holds at least one release, so an empty page is not served.',
  },
});
