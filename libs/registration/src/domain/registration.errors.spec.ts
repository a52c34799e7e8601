import { STATUS_OF_KIND } from '@sop/http';
import { definitionsOf } from '@sop/util';
import { RegistrationErrors } from './registration.errors';

/** The HTTP status each code answered with before the shared error model (and of codes added since); the kinds must keep it. */
const STATUS_BEFORE: Record<string, number> = {
  REGISTERING_AUTHORITY: 400, ID_NUMBER_INVALID: 400, KNOWN_AT_IN_FUTURE: 400, POLICY_JURISDICTION: 400, METRICS_JURISDICTION: 400, METRICS_PERIOD: 400,
  NOT_NAMED_SUPERVISING_UNIT: 403, UNIT_CLAIM_REQUIRED: 403, POLICY_PUBLISHER_LEVEL: 403, NOT_OWN_ORGANIZATION: 403,
  APPLICATION_NOT_FOUND: 404, ORGANIZATION_NOT_FOUND: 404, ORGANIZATION_NOT_REGISTERED_AT: 404, POLICY_VERSION_NOT_FOUND: 404, ANNUAL_REPORT_NOT_FOUND: 404,
  NAME_TAKEN: 409, CONSENT_ALREADY_DECIDED: 409, APPLICATION_ALREADY_DECIDED: 409, ORGANIZATION_NOT_ACTIVE: 409, POLICY_VERSION_CONFLICT: 409,
  ANNUAL_REPORT_EXISTS: 409, ANNUAL_REPORT_REVIEWED: 409,
  NAME_FORM_WORD: 422, NAME_FORBIDDEN_WORD: 422, FOUNDATION_AUTHORITY_LEVEL: 422, DOMICILE_REQUIRED: 422, PURPOSE_REQUIRED: 422,
  LEGAL_REPRESENTATIVE_REQUIRED: 422, MEMBERS_BELOW_MINIMUM: 422, FOUNDATION_TYPE_REQUIRED: 422, FUNDS_BELOW_MINIMUM: 422, NO_POLICY: 422,
  SUPERVISING_UNIT_REQUIRED: 422, LEGAL_REPRESENTATIVE_OF_ANOTHER_GROUP: 422, SUPERVISING_UNIT_CONSENT_REQUIRED: 422, REASONS_REQUIRED: 422,
  NO_CHANGE: 422, SUPERVISING_UNIT_APPROVAL_REQUIRED: 422, CHANGE_FILING_DEADLINE: 422, CHANGE_EFFECTIVE_DATE: 422, AUDIT_REQUIRED: 422,
  LIQUIDATION_NOT_COMPLETED: 422, REVOCATION_GROUNDS_REQUIRED: 422, POLICY_EFFECTIVE_DATE_NOT_FUTURE: 422, POLICY_RULES_EMPTY: 422,
  POLICY_RULE_SOURCE: 422, POLICY_RULE_DUPLICATE: 422, ANNUAL_REPORT_YEAR: 422, ANNUAL_REPORT_NOT_IN_SCOPE: 422, NO_ANNUAL_REPORT_CYCLE: 422,
  // Added with the official calendar API (issue 9).
  CALENDAR_PUBLISHER_LEVEL: 403, CALENDAR_YEAR_INVALID: 400, CALENDAR_YEAR_SHIPPED: 409,
  // Added with Party-organization coverage and the revocation of change registrations (issue 9, regulations §5.1 (2), §5.2 (2)).
  PARTY_ORGANIZATION_INVALID: 400, PARTY_ORGANIZATION_EFFECTIVE_DATE: 422, COVERAGE_JURISDICTION: 403,
  CHANGE_NOT_FOUND: 404, CHANGE_ALREADY_REVOKED: 409, CHANGE_SUPERSEDED: 409,
  // Added with the enumerated revocation grounds (regulations §1).
  REVOCATION_GROUND_NOT_LISTED: 422, REVOCATION_GROUND_NOT_MET: 422,
  // Added with the name rules of MCA Order 69 (regulations §1.1).
  NAME_DIVISION: 422, NAME_FIELD: 422, NAME_OUT_OF_TOWN_CHAMBER: 422,
};

describe('registration error codes', () => {
  it('declares every code the service answered with, each with the status it had and a meaning for clients', () => {
    const definitions = definitionsOf(RegistrationErrors);
    expect(definitions.map((d) => d.code).sort()).toEqual(Object.keys(STATUS_BEFORE).map((r) => `REGISTRATION.${r}`).sort());
    for (const d of definitions) {
      expect({ code: d.code, status: STATUS_OF_KIND[d.kind][0] }).toEqual({ code: d.code, status: STATUS_BEFORE[d.code.slice('REGISTRATION.'.length)] });
      expect(d.meaning.length).toBeGreaterThan(20);
    }
  });

  it('renders violations and extensions as the problem body did: the field violations as given, no rule member unless asked', () => {
    const violations = [{ field: 'reasons', rule: 'reasonsRequired', message: 'at least one reason' }];
    const err = new RegistrationErrors.REASONS_REQUIRED('a refusal states its reasons', { violations });
    expect(err).toMatchObject({ code: 'REGISTRATION.REASONS_REQUIRED', kind: 'REFUSED', message: 'a refusal states its reasons', violations, extensions: {} });
    expect(err).toBeInstanceOf(RegistrationErrors.REASONS_REQUIRED);
  });
});
