import { defineErrors, type ErrorDetails } from '@sop/util';

/**
 * Every problem code the credit-supervision service answers with (besides the platform's AUTH / HTTP / USCC codes).
 * Served at GET /errors. Rules cited: shared/domain/regulations.md §5 (MCA Order 60, 2018).
 */
export const CreditErrors = defineErrors('CREDIT', {
  // ---- what the request names does not exist
  ORGANIZATION_NOT_FOUND: {
    kind: 'NOT_FOUND',
    meaning: 'There is no credit record for this USCC (with asOf: the organization was not registered yet at that instant). A record starts when registration reports the organization.',
  },
  ENTRY_NOT_FOUND: { kind: 'NOT_FOUND', meaning: 'No abnormal-list or serious-list entry has this id.' },
  NOTICE_NOT_FOUND: { kind: 'NOT_FOUND', meaning: 'No rectification notice has this id.' },
  OBJECTION_NOT_FOUND: { kind: 'NOT_FOUND', meaning: 'No objection has this id.' },
  EXPORT_NOT_FOUND: { kind: 'NOT_FOUND', meaning: 'No bulk export of the public register has this id.' },
  EXPORT_FILE_MISSING: {
    kind: 'NOT_FOUND',
    meaning: "The export finished, but its file is not on this instance's export storage (CREDIT_EXPORT_DIR must be shared between instances). Start a new export.",
  },

  // ---- officers' input that is malformed
  PENALTY_INVALID: {
    kind: 'INVALID',
    meaning: 'The penalty does not fit its kind: a fine has a positive amount in integer fen, only a fine has an amount, and only a time-limited suspension has an end, after it takes effect (社团条例 Art. 30). `errors` names the field.',
  },
  RULE_SET_JURISDICTION: {
    kind: 'INVALID',
    meaning: 'A local credit rule set belongs to a GB/T 2260 division code other than 100000 (the national default is Order 60 itself; issue §2, regulations §5.3).',
  },
  RULE_SET_PUBLISHER_LEVEL: { kind: 'FORBIDDEN', meaning: 'Credit rule sets are published by a credit officer at national or provincial level.' },
  RULE_SET_EFFECTIVE_DATE_NOT_FUTURE: { kind: 'INVALID', meaning: 'A new credit rule-set version takes effect on a Beijing date after today; decided list entries keep the version they applied.' },
  RULE_SET_INVALID: { kind: 'INVALID', meaning: 'The version cites its source and names joint measures (JOINT_MEASURES) for both lists (regulations §5.3). `violations` names the field.' },
  PENALTY_IN_FUTURE: { kind: 'INVALID', meaning: 'decidedAt lies in the future: only a penalty that has taken effect is recorded.' },
  INSPECTION_IN_FUTURE: { kind: 'INVALID', meaning: 'inspectedAt lies in the future: only an inspection that has happened is recorded.' },
  NOTICE_DEADLINE: { kind: 'INVALID', meaning: 'The rectification deadline must follow the inspection date.' },
  UNKNOWN_REASON: {
    kind: 'INVALID',
    meaning: 'The reason is not one of the entry triggers of the named list (regulations §5.1 for ABNORMAL, §5.2 for SERIOUS).',
  },
  TRIGGER_IN_FUTURE: { kind: 'INVALID', meaning: 'occurredAt lies in the future: a list trigger is recorded once it has happened.' },
  APPLICATION_IN_FUTURE: { kind: 'INVALID', meaning: 'removalAppliedAt lies in the future: the removal application must have been made.' },
  VERIFICATION_IN_FUTURE: { kind: 'INVALID', meaning: 'verifiedAt lies in the future: a rectification is recorded once it has been verified.' },
  DEREGISTRATION_IN_FUTURE: { kind: 'INVALID', meaning: 'deregisteredAt lies in the future: deregistration must have been completed.' },
  KNOWN_AT_IN_FUTURE: {
    kind: 'INVALID',
    meaning: 'knownAt lies in the future: a bitemporal read shows what had been recorded by an instant that has passed (the answer must not change later).',
  },
  UNREACHABLE_LETTER_DATE: {
    kind: 'INVALID',
    meaning: 'unsignedLetters[i].mailedOn is not a Beijing civil date YYYY-MM-DD (a real day); `errors` names the letter.',
  },
  UNREACHABLE_LETTER_AFTER_TRIGGER: {
    kind: 'INVALID',
    meaning: 'A letter of an UNREACHABLE_AT_DOMICILE trigger was mailed after the Beijing date of occurredAt: the organization is found unreachable once both letters came back unsigned (regulations §5.1 (6)). `errors` names the letter.',
  },
  UNREACHABLE_EXEMPTION_DATE: {
    kind: 'INVALID',
    meaning: 'exemption.certifiedOn is not a Beijing civil date YYYY-MM-DD, or lies after today: only a certification that has been issued counts (regulations §5.1 (6)).',
  },

  // ---- well-formed, but a rule of Order 60 refuses it
  TRIGGER_DERIVED: {
    kind: 'REFUSED',
    meaning: 'The service derives this trigger itself from events and records (annual reports, penalties, rectification notices, timers); officers enter only the others (regulations §5.1 / §5.2).',
  },
  UNREACHABLE_LETTERS: {
    kind: 'REFUSED',
    meaning: '"Cannot be contacted at the registered domicile" needs two special letters mailed there, both unsigned (regulations §5.1 (6)); send them as unsignedLetters, each with its reference and mailedOn (a Beijing date).',
  },
  UNREACHABLE_LETTER_INTERVAL: {
    kind: 'REFUSED',
    meaning: 'The two special letters of an UNREACHABLE_AT_DOMICILE trigger must be mailed 20–60 days apart, counted in whole days between their Beijing dates (regulations §5.1 (6), the 2017 draft; final interval UNCONFIRMED). `errors` names the later letter and the days between.',
  },
  UNREACHABLE_EXEMPTED: {
    kind: 'REFUSED',
    meaning: 'The supervising unit (or guidance unit) certified in writing that the organization is not directly responsible for being unreachable at its domicile, so it is left off the abnormal list (regulations §5.1 (6), 2017 draft Art. 12; final UNCONFIRMED). The certification is recorded as credit information.',
  },
  NOT_SERIOUS_LIST: {
    kind: 'REFUSED',
    meaning: 'Removal on application applies to the serious illegal and dishonest list (regulations §5.2); an abnormal-list entry leaves on verified rectification or after 6 months (§5.1).',
  },
  REMOVAL_NOT_YET_ELIGIBLE: {
    kind: 'REFUSED',
    meaning: 'Removal from the serious list needs 2 full years with no new event that would list the organization (regulations §5.2); the detail gives the date it becomes eligible.',
  },
  RECTIFICATION_OUTSTANDING: {
    kind: 'REFUSED',
    meaning: 'An entry escalated from the abnormal list leaves the serious list only once the obligation is fulfilled or the rectification verified (regulations §5.2); record the rectification first.',
  },
  REMOVAL_ONLY_ON_DEREGISTRATION: {
    kind: 'REFUSED',
    meaning: 'An entry for a revoked registration leaves the serious list once deregistration is completed, not on application (regulations §5.2).',
  },

  // ---- the object's current state does not allow it
  RULE_SET_VERSION_CONFLICT: { kind: 'CONFLICT', meaning: 'Another version of this credit rule set was published at the same time; read the versions and retry.' },
  ENTRY_NOT_ACTIVE: { kind: 'CONFLICT', meaning: 'The entry has already left its list or was annulled; no further decision applies to it.' },
  ENTRY_ALREADY_ANNULLED: { kind: 'CONFLICT', meaning: 'The entry was already annulled after an upheld objection (regulations §5.3).' },
  NOTICE_CLOSED: { kind: 'CONFLICT', meaning: 'The rectification notice is already closed: met, or not met and the organization listed.' },
  NOTICE_DEADLINE_PASSED: {
    kind: 'CONFLICT',
    meaning: 'The rectification deadline has passed: a notice not met by its deadline lists the organization (regulations §5.1 (3)), it can no longer be closed as met.',
  },
  OBJECTION_PENDING: { kind: 'CONFLICT', meaning: 'An objection to this entry is still pending; wait for its decision.' },
  OBJECTION_ALREADY_DECIDED: { kind: 'CONFLICT', meaning: 'The objection has already been decided (upheld or rejected).' },
  EXPORT_NOT_READY: { kind: 'CONFLICT', meaning: 'The export is still running, or failed; poll GET /register/exports/{id} until it is DONE, or start a new one.' },
  EXPORT_EXPIRED: {
    kind: 'GONE',
    meaning: 'Finished exports are kept for CREDIT_EXPORT_RETENTION_DAYS (default 7), then their files are deleted. Start a new export.',
  },

  // ---- who may see or change it
  NOT_OWN_ORGANIZATION: {
    kind: 'FORBIDDEN',
    meaning: 'An organization sees its own credit record and objects only to its own list entries (regulations §5.3).',
  },
});

/**
 * The details of a refusal that concerns one input: the body's `errors` names the field, the rule and the message,
 * and, as this service has always answered, carries no top-level `rule` member.
 */
export function violationOf(field: string, rule: string, message: string): ErrorDetails {
  return { violations: [{ field, rule, message }] };
}
