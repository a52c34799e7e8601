import { defineErrors } from '@sop/util';

/**
 * Problem codes of the transfer of government functions (regulations §8, issue 12). Each refusal names the field
 * and the rule; `GET /purchasing/errors` lists them with the others of the service.
 */
export const FunctionTransferErrors = defineErrors('FUNCTION_TRANSFER', {
  // catalogue of transferable functions
  NO_LEGAL_BASIS: {
    kind: 'REFUSED',
    meaning:
      'A function that has no legal basis recorded cannot pass IDENTIFIED: functions that need legal authorization are not transferred ahead of it (regulations §8; issue 12 item 1). Record the legal basis with the move.',
  },
  STAGE_SKIPPED: { kind: 'REFUSED', meaning: 'A catalogue item moves one stage at a time: IDENTIFIED → PILOT → TRANSFERRED → UNDERTAKEN (or REVOKED from any stage); `allowed` names the next stages.' },
  ITEM_REVOKED: { kind: 'CONFLICT', meaning: 'The catalogue item was revoked (taken back); it moves no further.' },
  ITEM_NOT_FOUND: { kind: 'NOT_FOUND', meaning: 'No catalogue item of transferable functions has this id.' },
  NOT_THE_DEPARTMENT: {
    kind: 'FORBIDDEN',
    meaning: 'Only the transferring department (the purchasing organ whose unit the token claim unit_id names) acts on its own catalogue items, agreements and cases.',
  },
  DEPARTMENT_NOT_REGISTERED: {
    kind: 'REFUSED',
    meaning: "The caller's unit is not a registered state organ (purchasing's organ registry): only a registered department keeps a catalogue of transferable functions and concludes agreements.",
  },
  // undertaker qualification
  QUALIFICATION_REFUSED: {
    kind: 'REFUSED',
    meaning: 'The organization fails the qualification rules in force (registered and active, on neither list, grade threshold, annual report); `rules` gives each rule with its outcome and evidence.',
  },
  ALREADY_QUALIFIED: { kind: 'CONFLICT', meaning: 'The organization holds a qualification in force; it may re-apply once it has expired or was suspended.' },
  QUALIFICATION_NOT_FOUND: { kind: 'NOT_FOUND', meaning: 'No undertaker qualification has this id.' },
  // agreements
  NOT_QUALIFIED: { kind: 'REFUSED', meaning: 'The organization holds no undertaker qualification in force (valid on the agreement date and not suspended) (regulations §8 item 2).' },
  ITEM_NOT_TRANSFERABLE: { kind: 'REFUSED', meaning: 'An agreement is concluded for a catalogue item at PILOT, TRANSFERRED or UNDERTAKEN; the item is at another stage.' },
  PROCUREMENT_NOT_AWARDED_TO_ORGANIZATION: {
    kind: 'REFUSED',
    meaning: 'A PURCHASED transfer names a procurement of this service awarded to the same organization by the same department (Order 102; regulations §8 item 3).',
  },
  PROCUREMENT_REQUIRED: { kind: 'INVALID', meaning: 'mode PURCHASED needs procurementId; DIRECT and COMMISSIONED take none.' },
  TERM_INVALID: { kind: 'INVALID', meaning: 'termStart and termEnd are real Beijing dates and the term does not end before it starts.' },
  AGREEMENT_NOT_FOUND: { kind: 'NOT_FOUND', meaning: 'No transfer agreement has this id.' },
  AGREEMENT_NOT_IN_FORCE: { kind: 'CONFLICT', meaning: 'The agreement is suspended or revoked, or its term has not started or has ended: no case is taken under it.' },
  // cases
  CASE_NOT_FOUND: { kind: 'NOT_FOUND', meaning: 'No case within your reach has this id (applicants: their own; associations: under their agreements; departments: their own).' },
  NOT_THE_UNDERTAKER: { kind: 'FORBIDDEN', meaning: "Only the undertaking organization's representative (token claim org_uscc) records the first review of a case under its agreement." },
  CASE_NOT_IN_FIRST_REVIEW: { kind: 'CONFLICT', meaning: 'The first review is recorded once, while the case is in first review; `status` gives where the case is.' },
  CASE_NOT_DECIDABLE: { kind: 'CONFLICT', meaning: 'The department decides a case after the first review or once it returned to the department; `status` gives where the case is.' },
  CONDITIONS_REQUIRED: { kind: 'INVALID', meaning: 'APPROVE_WITH_CONDITIONS (and APPROVED_WITH_CONDITIONS) name the conditions.' },
  OVERRIDE_REASONS_REQUIRED: { kind: 'INVALID', meaning: "A decision that overrides the association's first review gives its reasons (at least one besides the first review's)." },
  // take-back
  ALREADY_TAKEN_BACK: { kind: 'CONFLICT', meaning: 'The agreement is revoked already (or suspended already, for a suspension).' },
  CONCURRENT_CHANGE: { kind: 'CONFLICT', meaning: 'Another change of the same record was committed first; read it again and retry.' },
  // rule sets
  RULE_SET_INVALID: { kind: 'INVALID', meaning: 'A transfer rule set names a validity of 1–10 years, a grade of 1A–5A or none, barring lists among ABNORMAL and SERIOUS, an HHI threshold of 0–10 000 and percentages of 0–100.' },
  RULE_SET_EFFECTIVE_DATE_PAST: { kind: 'INVALID', meaning: 'A rule set version takes effect on a Beijing date not before today: decisions already taken keep the version they applied.' },
  RULE_SET_VERSION_CONFLICT: { kind: 'CONFLICT', meaning: 'Another version of the same rule set was published concurrently; read the versions and retry.' },
  // self-regulation
  PERSONAL_DATA: {
    kind: 'INVALID',
    meaning: 'Self-regulation records are public: they name businesses (by name and USCC), never individuals; identity-card or mobile numbers are refused.',
  },
  RECORD_INCOMPLETE: { kind: 'INVALID', meaning: 'A self-regulation record carries the part its kind names (pledge, signature, patrol or rectification).' },
  PLEDGE_NOT_FOUND: { kind: 'REFUSED', meaning: 'A signature names a pledge version the association recorded.' },
});
