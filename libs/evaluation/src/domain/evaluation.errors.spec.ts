import { definitionsOf, DomainError } from '@sop/util';
import { EvaluationErrors } from './evaluation.errors';

describe('EvaluationErrors', () => {
  it('declares each code the service answers with, with the kind that keeps its HTTP status', () => {
    expect(Object.fromEntries(definitionsOf(EvaluationErrors).map((d) => [d.code, d.kind]))).toEqual({
      'EVALUATION.NO_RULE_SET': 'INVALID', // 400
      'EVALUATION.DATE_IN_FUTURE': 'INVALID',
      'EVALUATION.SCORE_OUT_OF_RANGE': 'INVALID',
      'EVALUATION.COMMITTEE_INVALID': 'INVALID',
      'EVALUATION.GRADE_UNKNOWN': 'INVALID',
      'EVALUATION.ADJUSTMENT_BEFORE_ANNOUNCEMENT': 'INVALID',
      'EVALUATION.RULE_SET_JURISDICTION': 'INVALID',
      'EVALUATION.RULE_SET_EFFECTIVE_DATE_NOT_FUTURE': 'INVALID',
      'EVALUATION.CUT_OFFS_INVALID': 'INVALID',
      'EVALUATION.RULE_SET_PUBLISHER_LEVEL': 'FORBIDDEN', // 403
      'EVALUATION.NOT_OWN_ORGANIZATION': 'FORBIDDEN',
      'EVALUATION.ORGANIZATION_NOT_FOUND': 'NOT_FOUND', // 404
      'EVALUATION.GRADE_NOT_FOUND': 'NOT_FOUND',
      'EVALUATION.CASE_NOT_FOUND': 'NOT_FOUND',
      'EVALUATION.ANNOUNCEMENT_OUT_OF_ORDER': 'CONFLICT', // 409
      'EVALUATION.GRADE_NOT_IN_FORCE': 'CONFLICT',
      'EVALUATION.RULE_SET_VERSION_CONFLICT': 'CONFLICT',
      'EVALUATION.CASE_NOT_OPEN': 'CONFLICT',
      'EVALUATION.NOT_ELIGIBLE': 'REFUSED', // 422
      'EVALUATION.COMMITTEE_NO_QUORUM': 'REFUSED',
      'EVALUATION.COMMITTEE_NO_MAJORITY': 'REFUSED',
      'EVALUATION.NO_CUT_OFFS': 'REFUSED',
      'EVALUATION.SCORE_BELOW_LOWEST_GRADE': 'REFUSED',
      'EVALUATION.ADJUSTMENT_REASON_NOT_ADMITTED': 'REFUSED',
      'EVALUATION.ADJUSTMENT_NOT_LOWER': 'REFUSED',
      'EVALUATION.FRAMEWORK_INVALID': 'INVALID',
      'EVALUATION.SCORE_SHEET_INVALID': 'INVALID',
      'EVALUATION.EXPERT_GROUP_INVALID': 'INVALID',
      'EVALUATION.PROCEDURE_NOT_FOUND': 'NOT_FOUND',
      'EVALUATION.PROCEDURE_STEP_OUT_OF_ORDER': 'CONFLICT',
      'EVALUATION.PROCEDURE_ALREADY_OPEN': 'CONFLICT',
      'EVALUATION.EXPERT_CONFLICT_OF_INTEREST': 'CONFLICT',
      'EVALUATION.REVIEW_PERIOD_OVER': 'REFUSED',
      'EVALUATION.TRACKING_NOT_ADMITTED': 'REFUSED',
      'EVALUATION.NO_FRAMEWORK': 'REFUSED',
      'EVALUATION.CERTIFICATE_NOT_DUE': 'CONFLICT',
      'EVALUATION.CERTIFICATE_RETURN_PERIOD_RUNNING': 'CONFLICT',
    });
    for (const d of definitionsOf(EvaluationErrors)) expect(d.meaning.length).toBeGreaterThan(20);
  });

  it('a refusal names its field and rule as a violation and as `rule`', () => {
    const err = new EvaluationErrors.NOT_ELIGIBLE('registered 2025-01-01', { field: 'announcedAt', rule: 'REGISTERED_TWO_FULL_YEARS' });
    expect(err).toBeInstanceOf(DomainError);
    expect(err).toMatchObject({
      code: 'EVALUATION.NOT_ELIGIBLE',
      kind: 'REFUSED',
      message: 'registered 2025-01-01',
      violations: [{ field: 'announcedAt', rule: 'REGISTERED_TWO_FULL_YEARS', message: 'registered 2025-01-01' }],
      extensions: { rule: 'REGISTERED_TWO_FULL_YEARS' },
    });
  });
});
