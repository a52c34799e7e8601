import { STATUS_OF_KIND, toProblem } from '@sop/http';
import { definitionsOf } from '@sop/util';
import { CreditErrors } from './credit.errors';
import { decideSeriousRemoval, decideTrigger } from './list-decisions';
import { validatePenalty } from './penalty';
import { idSequence, overdueTrigger, R, run } from '../test-support/list-fixtures';

/** The HTTP status every code had before the error model; the kinds must keep them (clients depend on them). */
const STATUS_BEFORE: Record<string, number> = {
  ORGANIZATION_NOT_FOUND: 404,
  ENTRY_NOT_FOUND: 404,
  NOTICE_NOT_FOUND: 404,
  OBJECTION_NOT_FOUND: 404,
  EXPORT_NOT_FOUND: 404,
  EXPORT_FILE_MISSING: 404,
  // Local credit rule sets (issue §2, regulations §5.3).
  RULE_SET_JURISDICTION: 400,
  RULE_SET_PUBLISHER_LEVEL: 403,
  RULE_SET_EFFECTIVE_DATE_NOT_FUTURE: 400,
  RULE_SET_INVALID: 400,
  RULE_SET_VERSION_CONFLICT: 409,
  PENALTY_INVALID: 400,
  PENALTY_IN_FUTURE: 400,
  INSPECTION_IN_FUTURE: 400,
  NOTICE_DEADLINE: 400,
  UNKNOWN_REASON: 400,
  TRIGGER_IN_FUTURE: 400,
  APPLICATION_IN_FUTURE: 400,
  VERIFICATION_IN_FUTURE: 400, // new with civil time (the verification date of §5.1 removal)
  DEREGISTRATION_IN_FUTURE: 400,
  TRIGGER_DERIVED: 422,
  UNREACHABLE_LETTERS: 422,
  UNREACHABLE_LETTER_INTERVAL: 422,
  UNREACHABLE_EXEMPTED: 422,
  UNREACHABLE_LETTER_DATE: 400,
  KNOWN_AT_IN_FUTURE: 400,
  UNREACHABLE_LETTER_AFTER_TRIGGER: 400,
  UNREACHABLE_EXEMPTION_DATE: 400,
  NOT_SERIOUS_LIST: 422,
  REMOVAL_NOT_YET_ELIGIBLE: 422,
  RECTIFICATION_OUTSTANDING: 422,
  REMOVAL_ONLY_ON_DEREGISTRATION: 422,
  ENTRY_NOT_ACTIVE: 409,
  ENTRY_ALREADY_ANNULLED: 409,
  NOTICE_CLOSED: 409,
  NOTICE_DEADLINE_PASSED: 409,
  OBJECTION_PENDING: 409,
  OBJECTION_ALREADY_DECIDED: 409,
  EXPORT_NOT_READY: 409,
  EXPORT_EXPIRED: 410,
  NOT_OWN_ORGANIZATION: 403,
};

describe('CreditErrors', () => {
  it('declares every code the service answers with, each at the status it always had, with a meaning for clients', () => {
    const definitions = definitionsOf(CreditErrors);
    expect(Object.fromEntries(definitions.map((d) => [d.code.replace('CREDIT.', ''), STATUS_OF_KIND[d.kind][0]]))).toEqual(STATUS_BEFORE);
    for (const d of definitions) expect(d.meaning.length).toBeGreaterThan(20);
  });

  it('renders as before: a refused removal names its rule in `errors` only; no top-level `rule` member', () => {
    const s = run({}, decideTrigger({}, overdueTrigger('2026-01-01T00:00:00Z'), R, idSequence()));
    const [id] = Object.keys(s);
    let thrown: unknown;
    try {
      decideSeriousRemoval(s, id, new Date('2027-01-01T00:00:00Z'), R);
    } catch (err) {
      thrown = err;
    }
    expect(toProblem(thrown)).toMatchObject({
      status: 422,
      title: 'Unprocessable content',
      code: 'CREDIT.NOT_SERIOUS_LIST',
      detail: `entry ${id} is on the ABNORMAL list`,
      violations: [{ field: 'entryId', rule: 'entryId', message: `entry ${id} is on the ABNORMAL list` }],
      extensions: {},
    });
  });

  it('renders as before: an invalid penalty names the field and the rule (400)', () => {
    let thrown: unknown;
    try {
      validatePenalty({ penaltyId: 'p', uscc: 'x', kind: 'WARNING', amountFen: 100, suspendedUntil: null, decidedAt: '2026-01-01T00:00:00.000Z', decidingBody: 'b', basis: 'c' });
    } catch (err) {
      thrown = err;
    }
    expect(toProblem(thrown)).toMatchObject({
      status: 400,
      title: 'Bad request',
      code: 'CREDIT.PENALTY_INVALID',
      violations: [{ field: 'amountFen', rule: 'only a fine has an amount', message: 'a WARNING has no amount' }],
      extensions: {},
    });
    expect(toProblem(new CreditErrors.EXPORT_EXPIRED('gone'))).toMatchObject({ status: 410, title: 'Gone', violations: [], extensions: {} });
  });
});
