import { EvaluationErrors } from '../../domain/evaluation.errors';
import { ruleSetAt, type EvaluationRuleSet } from '../../domain/evaluation-rules';

/** The rule set in force at the decision's date `at` (the input `field`); none before Order 39 (2011-03-01). */
export function rulesAt(at: Date, field: string): EvaluationRuleSet {
  try {
    return ruleSetAt(at);
  } catch {
    throw new EvaluationErrors.NO_RULE_SET(`no evaluation rule set was in force at ${at.toISOString()} (Order 39 applies from 2011-03-01)`, {
      violations: [{ field, rule: 'RULE_SET_IN_FORCE', message: 'must not be before 2011-03-01' }],
    });
  }
}

/** Grades are recorded once announced: a decision's date (the input `field`) must not lie after `now`. */
export function notInFuture(at: Date, now: Date, field: string): void {
  if (at > now) {
    throw new EvaluationErrors.DATE_IN_FUTURE(`${field} ${at.toISOString()} lies in the future`, { violations: [{ field, rule: 'HAS_HAPPENED', message: `${field} must not be after now` }] });
  }
}
