import { defineErrors } from '@sop/util';

/**
 * Every problem code the registration service answers with (besides the platform's AUTH, HTTP, VALIDATION and USCC
 * codes). Thrown as `new RegistrationErrors.NAME_TAKEN(detail, { violations })`; the HTTP edge maps the kind to the
 * status and `GET /errors` lists them for clients. `regulations §n` is the domain fact sheet's section.
 */
export const RegistrationErrors = defineErrors('REGISTRATION', {
  // Applications: input
  REGISTERING_AUTHORITY: { kind: 'INVALID', meaning: 'registeringAuthority is not a 6-digit administrative-division code (GB/T 2260). Send the division code of the civil-affairs authority.' },
  ID_NUMBER_INVALID: {
    kind: 'INVALID',
    meaning: 'A resident ID number fails the GB 11643-1999 format, birth-date or check-character test; `errors` names each field. The number itself is never echoed back.',
  },
  // Applications: founding conditions (regulations §1.1-1.3); `errors` lists every failed condition
  NAME_FORM_WORD: { kind: 'REFUSED', meaning: 'The name does not end with its organization-form word after the division and field (社会组织名称管理办法, MCA Order 69). Rename it.' },
  NAME_FORBIDDEN_WORD: {
    kind: 'REFUSED',
    meaning: '中国/全国/中华 may be used only by national social groups and foundations (registering authority 100000) with approval, its reference sent as nameApprovalReference (社团条例 Art. 10 para. 2; regulations §1.2).',
  },
  NAME_DIVISION: { kind: 'REFUSED', meaning: 'A local name starts with its administrative division: division + field + form word (社会组织名称管理办法, MCA Order 69; regulations §1.1).' },
  NAME_FIELD: {
    kind: 'REFUSED',
    meaning: 'Between the division and the form word the name states the field (industry or membership composition), or for foundations and social service organizations the trade name (字号) and field (MCA Order 69).',
  },
  NAME_OUT_OF_TOWN_CHAMBER: {
    kind: 'REFUSED',
    meaning: 'An out-of-town chamber (异地商会) is named division + home place + 商会, the home place another than where it registers, e.g. 北京市浙江商会 (MCA Order 69; regulations §1.1).',
  },
  FOUNDATION_AUTHORITY_LEVEL: { kind: 'REFUSED', meaning: 'Foundations register only with the MCA (100000) or a provincial authority (基金会条例 Art. 6). File with that authority.' },
  DOMICILE_REQUIRED: { kind: 'REFUSED', meaning: 'A fixed domicile is a founding condition (社团条例 Art. 10(3); 民非条例 Art. 8(4); 基金会条例 Art. 9(3)).' },
  PURPOSE_REQUIRED: { kind: 'REFUSED', meaning: 'The purpose is a registered item (社团条例 Art. 12, 14); state it.' },
  LEGAL_REPRESENTATIVE_REQUIRED: { kind: 'REFUSED', meaning: 'The legal representative is a registered item (社团条例 Art. 12; 民非条例 Art. 12); name them.' },
  MEMBERS_BELOW_MINIMUM: { kind: 'REFUSED', meaning: 'A social group needs ≥ 50 individual or ≥ 30 unit members, ≥ 50 in total if mixed (社团条例 Art. 10(1)).' },
  FOUNDATION_TYPE_REQUIRED: { kind: 'REFUSED', meaning: 'A foundation states whether it raises funds publicly: PUBLIC or NON_PUBLIC (基金会条例 Art. 3).' },
  FUNDS_BELOW_MINIMUM: {
    kind: 'REFUSED',
    meaning: 'The activity funds / original fund are below the statutory minimum for the form and level (社团条例 Art. 10(5); 基金会条例 Art. 8), or a social service organization states no positive start-up capital (民非条例 Art. 8(4)).',
  },
  // Applications: the registration path and the officers
  NO_POLICY: { kind: 'REFUSED', meaning: 'No registration policy in force covers this registering authority, form and category; the authority must publish one first.' },
  SUPERVISING_UNIT_REQUIRED: {
    kind: 'REFUSED',
    meaning: 'The policy in force registers this form and category under dual management: name the supervising unit whose consent is required (社团条例 Art. 9, 11(2); 民非条例 Art. 8(1); 基金会条例 Art. 9(5)).',
  },
  NAME_TAKEN: { kind: 'CONFLICT', meaning: 'Another organization or pending application under the same registering authority uses this name (社会组织名称管理办法: one name per organization). Choose another.' },
  LEGAL_REPRESENTATIVE_OF_ANOTHER_GROUP: {
    kind: 'REFUSED',
    meaning: 'The person already represents, or is proposed to represent, another social group; a social group’s legal representative may not represent another at the same time (社团条例 Art. 12).',
  },
  APPLICATION_NOT_FOUND: { kind: 'NOT_FOUND', meaning: 'No application with this id.' },
  // Applications: consent and decision
  NOT_NAMED_SUPERVISING_UNIT: { kind: 'FORBIDDEN', meaning: 'The application does not name the caller’s unit (unit_id claim); only the unit it names may read it or decide on consent.' },
  UNIT_CLAIM_REQUIRED: { kind: 'FORBIDDEN', meaning: 'The token carries no unit_id claim; a supervising-unit worklist needs one.' },
  CONSENT_ALREADY_DECIDED: { kind: 'CONFLICT', meaning: 'The supervising unit has already given or refused consent; the decision is final.' },
  SUPERVISING_UNIT_CONSENT_REQUIRED: {
    kind: 'REFUSED',
    meaning: 'Under dual management the supervising unit must consent before the registration authority approves (社团条例 Art. 9, 11(2); 民非条例 Art. 8(1); 基金会条例 Art. 9(5)).',
  },
  APPLICATION_ALREADY_DECIDED: { kind: 'CONFLICT', meaning: 'The application is no longer pending (approved, refused or consent refused); it cannot be decided again.' },
  REASONS_REQUIRED: { kind: 'REFUSED', meaning: 'A refusal, or a deregistration, states its reasons or ground (社团条例 Art. 9, 12, 19).' },
  // Organizations: register, changes, deregistration, revocation (regulations §1)
  ORGANIZATION_NOT_FOUND: { kind: 'NOT_FOUND', meaning: 'No organization registered here with this USCC.' },
  ORGANIZATION_NOT_REGISTERED_AT: { kind: 'NOT_FOUND', meaning: 'The organization was not yet registered at the asOf instant, or its registration had not yet been recorded by the knownAt instant; ask for a later one.' },
  KNOWN_AT_IN_FUTURE: {
    kind: 'INVALID',
    meaning: 'knownAt lies in the future: a bitemporal read of the register shows what had been recorded by an instant that has passed (the answer must not change later).',
  },
  ORGANIZATION_NOT_ACTIVE: { kind: 'CONFLICT', meaning: 'The organization is deregistered or revoked; its register entry no longer changes.' },
  NO_CHANGE: { kind: 'REFUSED', meaning: 'The change request changes no registered item.' },
  SUPERVISING_UNIT_APPROVAL_REQUIRED: {
    kind: 'REFUSED',
    meaning: 'Under a supervising unit a change is filed after the unit approved it; send supervisingUnitApprovedOn (社团条例 Art. 18; 民非条例 Art. 15).',
  },
  CHANGE_FILING_DEADLINE: { kind: 'REFUSED', meaning: 'A change is filed within 30 days after the supervising unit approved it (社团条例 Art. 18; 民非条例 Art. 15).' },
  CHANGE_EFFECTIVE_DATE: { kind: 'REFUSED', meaning: 'effectiveOn may be neither in the future nor before the latest register entry (history and asOf reads stay in order).' },
  AUDIT_REQUIRED: { kind: 'REFUSED', meaning: 'A social group changes its legal representative after a financial audit; send auditReportReference (社团条例 Art. 27).' },
  LIQUIDATION_NOT_COMPLETED: { kind: 'REFUSED', meaning: 'Deregistration follows the end of liquidation; liquidationCompletedOn may not be in the future (社团条例 Art. 20-21).' },
  REVOCATION_GROUNDS_REQUIRED: {
    kind: 'REFUSED',
    meaning: 'A revocation states the facts of its ground and whether the certificate is revoked (吊销) or the registration cancelled (撤销) (社团条例 Art. 29; 民非条例 Art. 24; 基金会条例 Art. 41).',
  },
  REVOCATION_GROUND_NOT_LISTED: {
    kind: 'REFUSED',
    meaning: 'The ground is not a revocation ground for the organization’s form, or the legal basis given is not the ground’s (社团条例 Art. 29; 民非条例 Art. 24; 基金会条例 Art. 41).',
  },
  REVOCATION_GROUND_NOT_MET: {
    kind: 'REFUSED',
    meaning: 'The ground cannot hold yet: no year since registration has passed (社团条例 Art. 29; 基金会条例 Art. 41), or there is no supervising unit whose approval could be withdrawn (民非条例 Art. 24).',
  },
  // Registration policy as data (regulations §2)
  POLICY_JURISDICTION: { kind: 'INVALID', meaning: 'The rule set’s jurisdiction is not a 6-digit administrative-division code (GB/T 2260).' },
  POLICY_PUBLISHER_LEVEL: { kind: 'FORBIDDEN', meaning: 'Registration policy is published by national or provincial registrars only.' },
  POLICY_EFFECTIVE_DATE_NOT_FUTURE: { kind: 'REFUSED', meaning: 'A new policy version takes effect in the future; decided cases keep the version they applied.' },
  POLICY_RULES_EMPTY: { kind: 'REFUSED', meaning: 'A policy version needs at least one rule.' },
  POLICY_RULE_SOURCE: { kind: 'REFUSED', meaning: 'Every rule cites its source (the notice or article that sets the regime).' },
  POLICY_RULE_DUPLICATE: { kind: 'REFUSED', meaning: 'A version has one rule per (form, category); merge the duplicates.' },
  POLICY_VERSION_CONFLICT: { kind: 'CONFLICT', meaning: 'Another version of the same rule set was published concurrently; retry the request.' },
  POLICY_VERSION_NOT_FOUND: { kind: 'NOT_FOUND', meaning: 'No such version of the jurisdiction’s rule set.' },
  // Annual reports (regulations §4)
  ANNUAL_REPORT_YEAR: { kind: 'REFUSED', meaning: 'A report covers a finished year: the report for year N can be submitted from N+1 (社团条例 Art. 28).' },
  ANNUAL_REPORT_NOT_IN_SCOPE: { kind: 'REFUSED', meaning: 'The organization was registered less than the cycle’s minimum months at the end of the report year (民非年度检查办法 Art. 3); no report is due.' },
  ANNUAL_REPORT_EXISTS: { kind: 'CONFLICT', meaning: 'The organization already submitted its report for this year.' },
  ANNUAL_REPORT_NOT_FOUND: { kind: 'NOT_FOUND', meaning: 'The organization has submitted no report for this year.' },
  ANNUAL_REPORT_REVIEWED: { kind: 'CONFLICT', meaning: 'The report is already concluded (PASS, BASIC_PASS or FAIL); the conclusion is final.' },
  NOT_OWN_ORGANIZATION: { kind: 'FORBIDDEN', meaning: 'Organization representatives act for their own organization only (organization_uscc claim).' },
  NO_ANNUAL_REPORT_CYCLE: { kind: 'REFUSED', meaning: 'No annual-report cycle is in force at this time; the rule data must be seeded first.' },
  // The official holiday calendar (published by national registrars from the State Council notices)
  CALENDAR_PUBLISHER_LEVEL: { kind: 'FORBIDDEN', meaning: 'A year of the official holiday calendar is published by a national registrar (jurisdiction 100000) only.' },
  CALENDAR_YEAR_INVALID: {
    kind: 'INVALID',
    meaning: 'The calendar year does not hold together: dates must be real YYYY-MM-DD days of that year, holidays weekdays, make-up working days weekends, none listed twice; the source names the notice.',
  },
  CALENDAR_YEAR_SHIPPED: { kind: 'CONFLICT', meaning: 'That year ships with the platform from its State Council notice; a correction needs a release, not the API.' },
  // Regime metrics
  METRICS_JURISDICTION: { kind: 'INVALID', meaning: 'jurisdiction is not a 6-digit administrative-division code (GB/T 2260).' },
  METRICS_PERIOD: { kind: 'INVALID', meaning: 'The period is empty: from must be before to, and splitAt must lie between them.' },
  // Party-organization coverage (regulations §5.1 trigger 2)
  PARTY_ORGANIZATION_INVALID: {
    kind: 'INVALID',
    meaning: 'The Party-organization record is inconsistent: OWN, JOINT and INSTRUCTOR name the organization or instructor, NONE carries no details, only JOINT names a host, and its own primary organization needs 3 full members (党章 Art. 30); `errors` names the field.',
  },
  PARTY_ORGANIZATION_EFFECTIVE_DATE: { kind: 'REFUSED', meaning: 'effectiveOn may be neither in the future nor before the latest Party-organization record of the organization.' },
  COVERAGE_JURISDICTION: { kind: 'FORBIDDEN', meaning: 'The coverage report covers your jurisdiction or a division inside it only.' },
  // Revocation of a change registration (撤销变更登记)
  CHANGE_NOT_FOUND: { kind: 'NOT_FOUND', meaning: 'The organization has no change registration with this sequence number in its history.' },
  CHANGE_ALREADY_REVOKED: { kind: 'CONFLICT', meaning: 'This change registration was already revoked.' },
  CHANGE_SUPERSEDED: {
    kind: 'CONFLICT',
    meaning: 'A later change registration changed the same field again; revoke the later change first, so the restored value is the one before the fraudulent change.',
  },
});
