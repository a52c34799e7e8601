import type { EvaluationGrade, EvaluationRuleSet } from './evaluation-rules';
import { EvaluationErrors } from './evaluation.errors';

/**
 * The grade a total earns under the rule set's cut-offs (regulations §6 Scoring). The total is on the 1,000-point
 * scale plus any local bonus (at most `scale.maxBonus`). Below the lowest cut-off no grade is awarded.
 */
export function gradeForScore(score: number, rules: EvaluationRuleSet): EvaluationGrade {
  const max = rules.scale.base + rules.scale.maxBonus;
  if (!Number.isInteger(score) || score < 0 || score > max) {
    throw new EvaluationErrors.SCORE_OUT_OF_RANGE(`score must be an integer from 0 to ${max} (${rules.scale.base}-point scale + up to ${rules.scale.maxBonus} bonus, regulations §6)`, {
      field: 'score',
      rule: 'SCORE_SCALE',
    });
  }
  if (rules.cutOffs.length === 0)
    throw new EvaluationErrors.NO_CUT_OFFS('no grade cut-offs apply to this evaluating authority: they are set locally (regulations §6 Scoring) and no local evaluation rule set covering it is in force', {
      field: 'score',
      rule: 'GRADE_CUT_OFFS',
    });
  const cutOff = [...rules.cutOffs].sort((a, b) => b.minScore - a.minScore).find((c) => score >= c.minScore);
  if (!cutOff) {
    const lowest = Math.min(...rules.cutOffs.map((c) => c.minScore));
    throw new EvaluationErrors.SCORE_BELOW_LOWEST_GRADE(`a score of ${score} is below the lowest cut-off (${lowest}); no grade is awarded (regulations §6)`, { field: 'score', rule: 'GRADE_CUT_OFFS' });
  }
  return cutOff.grade;
}
