import { defineErrors } from '@sop/util';

/**
 * Every problem code the evaluation service answers with (its own; AUTH.* and the platform's codes come from the
 * shared libraries). Served at `GET /evaluation/errors`. Rules cite regulations.md §6 (MCA Order 39, 2010, and the
 * 2026 measures); `rule` in the problem names the rule that failed.
 */
export const EvaluationErrors = defineErrors('EVALUATION', {
  // ------------------------------------------------------------ input
  NO_RULE_SET: {
    kind: 'INVALID',
    meaning: 'No evaluation rule set was in force at the date given: Order 39 applies from 2011-03-01 (regulations §6). Send a later date.',
  },
  DATE_IN_FUTURE: {
    kind: 'INVALID',
    meaning: 'An announcement or effective date lies in the future; grades are recorded once announced. Send the date it happened.',
  },
  SCORE_OUT_OF_RANGE: {
    kind: 'INVALID',
    meaning: 'The score is not a whole number on the 1,000-point scale plus the local bonus of at most 100 points (regulations §6 Scoring).',
  },
  COMMITTEE_INVALID: {
    kind: 'INVALID',
    meaning: 'The committee counts are inconsistent: whole numbers, at least one member, no more present than members and no more in favour than present.',
  },
  GRADE_UNKNOWN: {
    kind: 'INVALID',
    meaning: 'The new grade is not one of 1A-5A (Order 39 Art. 26).',
  },
  ADJUSTMENT_BEFORE_ANNOUNCEMENT: {
    kind: 'INVALID',
    meaning: 'An adjustment cannot take effect before the grade was announced; send an effectiveAt after the announcement.',
  },
  RULE_SET_JURISDICTION: {
    kind: 'INVALID',
    meaning: 'A local evaluation rule set belongs to a GB/T 2260 division code other than 100000 (the national default is Order 39 / the 2026 measures themselves; issue §2 "local rules are local").',
  },
  RULE_SET_EFFECTIVE_DATE_NOT_FUTURE: {
    kind: 'INVALID',
    meaning: 'A new local evaluation rule-set version takes effect on a Beijing date after today; grades already decided keep the version they applied.',
  },
  CUT_OFFS_INVALID: {
    kind: 'INVALID',
    meaning: 'Grade cut-offs (local practice, regulations §6 Scoring) name each of 5A, 4A, 3A, 2A, 1A once, highest grade first, with strictly descending whole-number minimum scores within the 1,000-point scale.',
  },
  // ------------------------------------------------------------ access
  RULE_SET_PUBLISHER_LEVEL: {
    kind: 'FORBIDDEN',
    meaning: 'Local evaluation rule sets are published by an evaluator at national or provincial level whose jurisdiction covers the rule set.',
  },
  NOT_OWN_ORGANIZATION: {
    kind: 'FORBIDDEN',
    meaning: "An organization's representative reads only its own organization's evaluation record.",
  },
  // ------------------------------------------------------------ not found
  ORGANIZATION_NOT_FOUND: {
    kind: 'NOT_FOUND',
    meaning: "Evaluation knows no organization with this USCC: it learns of organizations from registration's OrganizationRegistered events; retry once the registration has arrived.",
  },
  GRADE_NOT_FOUND: {
    kind: 'NOT_FOUND',
    meaning: 'No grade has this id.',
  },
  CASE_NOT_FOUND: {
    kind: 'NOT_FOUND',
    meaning: 'No verification case has this id.',
  },
  // ------------------------------------------------------------ state
  ANNOUNCEMENT_OUT_OF_ORDER: {
    kind: 'CONFLICT',
    meaning: 'The organization already has a grade announced at or after this announcement; grades are recorded in the order they were announced.',
  },
  GRADE_NOT_IN_FORCE: {
    kind: 'CONFLICT',
    meaning: 'Only a grade in force (ACTIVE and within its validity) is lowered or cancelled (regulations §6 Downgrade/cancellation).',
  },
  RULE_SET_VERSION_CONFLICT: {
    kind: 'CONFLICT',
    meaning: 'Another version of this local evaluation rule set was published concurrently with the same number; nothing was stored. Retry.',
  },
  CASE_NOT_OPEN: {
    kind: 'CONFLICT',
    meaning: 'The verification case is already closed (by an adjustment or a confirmation); nothing is left to confirm.',
  },
  // ------------------------------------------------------------ rules
  NOT_ELIGIBLE: {
    kind: 'REFUSED',
    meaning:
      'The organization may not be evaluated now; `rule` names the condition: registered and active, 2 full years of registration (Order 39 Art. 6), no NO_EVALUATION credit measure, none of the Order 39 Art. 7 bars the rule set keeps (the annual inspection of last year missed or failed, basic pass 2 years running, an administrative penalty last year, under investigation; the 2026 measures keep only the missed inspection and penalties other than a warning or a fine under RMB 50,000), no grade still valid (Order 39) or re-evaluation within the first 4 years of validity (2026 measures).',
  },
  COMMITTEE_NO_QUORUM: {
    kind: 'REFUSED',
    meaning: "The committee's final meeting needs at least 2/3 of its members present (regulations §6, Order 39).",
  },
  COMMITTEE_NO_MAJORITY: {
    kind: 'REFUSED',
    meaning: 'The named vote needs a majority of ALL committee members in favour, not only of those present (regulations §6, Order 39).',
  },
  NO_CUT_OFFS: {
    kind: 'REFUSED',
    meaning: "No grade cut-offs apply to the evaluating authority: they are set locally (regulations §6 Scoring; national cut-offs UNCONFIRMED) and no local evaluation rule set covering the authority's division is in force. An evaluator at national or provincial level publishes one (POST /evaluation/rule-sets).",
  },
  SCORE_BELOW_LOWEST_GRADE: {
    kind: 'REFUSED',
    meaning: 'The score is below the lowest cut-off of the rule set in force, so no grade is awarded (regulations §6 Scoring).',
  },
  ADJUSTMENT_REASON_NOT_ADMITTED: {
    kind: 'REFUSED',
    meaning: 'The rule set in force does not admit this reason for lowering or cancelling a grade; VERIFICATION_EVALUATION exists only from the 2026 measures (regulations §6).',
  },
  ADJUSTMENT_NOT_LOWER: {
    kind: 'REFUSED',
    meaning: 'An adjustment lowers (a strictly lower grade) or cancels (no new grade); a higher grade needs a (re-)evaluation.',
  },
  // ------------------------------------------------------------ procedure (issue 13; regulations §6 Procedure)
  FRAMEWORK_INVALID: {
    kind: 'INVALID',
    meaning: "An indicator framework names its form's four sections in order (regulations §6 Content), each with indicators of whole maximum ≥ 1 and unique codes, the maxima adding up to 1,000, and a local bonus of 0 to 100 points.",
  },
  SCORE_SHEET_INVALID: {
    kind: 'INVALID',
    meaning: "An expert's score sheet scores every indicator of the procedure's framework once, in whole points from 0 to the indicator's maximum, and a bonus within the framework's local bonus; `field` names the indicator.",
  },
  EXPERT_GROUP_INVALID: {
    kind: 'INVALID',
    meaning: 'An expert group names each expert once, and a score sheet comes from an expert of the assigned group.',
  },
  PROCEDURE_NOT_FOUND: {
    kind: 'NOT_FOUND',
    meaning: 'No evaluation procedure (or review request, or certificate) has this id, or it is outside your reach.',
  },
  PROCEDURE_STEP_OUT_OF_ORDER: {
    kind: 'CONFLICT',
    meaning: 'The step does not follow the procedure as it stands (regulations §6: application, eligibility, experts, field assessment, scores, preliminary opinion, committee, public notice, reviews, announcement); `rule` names the order rule.',
  },
  PROCEDURE_ALREADY_OPEN: {
    kind: 'CONFLICT',
    meaning: 'The organization already has an evaluation procedure in progress; one at a time.',
  },
  EXPERT_CONFLICT_OF_INTEREST: {
    kind: 'CONFLICT',
    meaning: 'An expert declared linked to the organization cannot be assigned to evaluate it (recusal; rule EXPERT_RECUSAL_LINKED_ORGANIZATION). Assign another expert.',
  },
  REVIEW_PERIOD_OVER: {
    kind: 'REFUSED',
    meaning: 'Review requests are received in writing during the public notice only (regulations §6, Order 39 Art. 20); the notice has ended.',
  },
  TRACKING_NOT_ADMITTED: {
    kind: 'REFUSED',
    meaning: 'Tracking evaluation (跟踪评估) samples organizations graded 4A or above under the 2026 measures; the organization has no such grade in force or the rule set in force has no tracking evaluation.',
  },
  NO_FRAMEWORK: {
    kind: 'REFUSED',
    meaning: "No indicator framework for the organization's form covers its evaluating authority (the national defaults cover every form; the form reported by registration is unknown).",
  },
  CERTIFICATE_NOT_DUE: {
    kind: 'CONFLICT',
    meaning: 'Certificate and plaque are returned (or voided) only once issued and after the grade was lowered or cancelled (regulations §6 Downgrade/cancellation); this one is not due back, or already returned or voided.',
  },
  CERTIFICATE_RETURN_PERIOD_RUNNING: {
    kind: 'CONFLICT',
    meaning: 'Certificate and plaque are voided by announcement only after the 15 days for returning them have run out (regulations §6).',
  },
});
