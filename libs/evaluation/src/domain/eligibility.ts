/**
 * Evaluation eligibility starts after 2 full years of registration (社会组织评估管理办法, Order 39 Art. 6;
 * regulations §6). Other bars (inspection results, lists) arrive with the evaluation issue.
 */
export const YEARS_REGISTERED_BEFORE_EVALUATION = 2;

export function eligibleForEvaluationFrom(registeredAt: Date): Date {
  const d = new Date(registeredAt.getTime());
  d.setUTCFullYear(d.getUTCFullYear() + YEARS_REGISTERED_BEFORE_EVALUATION);
  return d;
}
