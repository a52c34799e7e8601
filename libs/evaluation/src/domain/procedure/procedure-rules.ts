/**
 * The procedure's rule data (regulations §6 Procedure, Objection/review, national-level variant, 2026 revision),
 * keyed by the national rule set in force (evaluation-rules.ts) so every step records the version it applied.
 */
import { gradeRank, ruleVersionOf, type EvaluationGrade, type EvaluationRuleSet } from '../evaluation-rules';

export type ReviewBody = 'REVIEW_COMMITTEE' | 'EVALUATION_COMMITTEE';
export type GradeBenefit = 'PURCHASING_PRIORITY' | 'TRANSFERRED_FUNCTIONS_PRIORITY' | 'GOVERNMENT_AWARDS_PRIORITY' | 'PRE_TAX_DEDUCTION_ELIGIBILITY' | 'SIMPLIFIED_ANNUAL_INSPECTION';

export interface ProcedureRules {
  ruleVersion: string;
  /** 民发〔2021〕96号 (national variant): eligibility review within 10 working days of the application. */
  eligibilityReviewWorkingDays: number;
  /** Idem: the expert group's field opinion within 7 working days (counted from the eligibility review). */
  fieldOpinionWorkingDays: number;
  /** Idem: the evaluation report and proposed grade within 30 days after the field work. */
  reportDays: number;
  /**
   * Public notice (公示) in days. regulations §6: "Length of the public-notice period: UNCONFIRMED (set locally)" —
   * 7 days is this platform's illustrative default (UNCONFIRMED).
   */
  publicNoticeDays: number;
  /** Order 39 Art. 23: the review decision is notified in writing within 15 days. */
  reviewDecisionDays: number;
  /** Order 39: the review committee; the 2026 measures abolish it and the evaluation committee reviews. */
  reviewBody: ReviewBody;
  /** §6 procedure step 7: certificate and plaque for 3A and above. */
  certificateFromGrade: EvaluationGrade;
  /** 2026 measures: civil affairs may sample 4A+ organizations for tracking evaluation; null: not provided for. */
  trackingFromGrade: EvaluationGrade | null;
  /** What a grade unlocks (Order 39 benefit articles as quoted by MCA-sector sources; §6). */
  benefits: readonly { benefit: GradeBenefit; fromGrade: EvaluationGrade; note: string }[];
  source: string;
}

const SOURCE = 'regulations.md §6 — Order 39 procedure and Art. 20–23; 全国性社会组织评估管理规定 (民发〔2021〕96号); 2026 measures [S15]';

const BENEFITS: ProcedureRules['benefits'] = [
  { benefit: 'TRANSFERRED_FUNCTIONS_PRIORITY', fromGrade: '3A', note: 'priority to take on transferred government functions' },
  { benefit: 'PURCHASING_PRIORITY', fromGrade: '3A', note: 'priority for purchased services' },
  { benefit: 'GOVERNMENT_AWARDS_PRIORITY', fromGrade: '3A', note: 'priority for government awards' },
  // MOF/SAT/MCA Announcement 2020 No. 27: latest grade 3A or above (not 4A), for foundations, charities and public-benefit social groups.
  { benefit: 'PRE_TAX_DEDUCTION_ELIGIBILITY', fromGrade: '3A', note: 'may apply for pre-tax deduction eligibility (foundations, charities, public-benefit social groups)' },
  { benefit: 'SIMPLIFIED_ANNUAL_INSPECTION', fromGrade: '4A', note: 'simplified annual-inspection procedure' },
];

const COMMON = { eligibilityReviewWorkingDays: 10, fieldOpinionWorkingDays: 7, reportDays: 30, publicNoticeDays: 7, reviewDecisionDays: 15, certificateFromGrade: '3A' as const, benefits: BENEFITS, source: SOURCE };

export const PROCEDURE_RULES: readonly ProcedureRules[] = [
  { ...COMMON, ruleVersion: 'evaluation/order-39@v1', reviewBody: 'REVIEW_COMMITTEE', trackingFromGrade: null },
  { ...COMMON, ruleVersion: 'evaluation/measures-2026@v1', reviewBody: 'EVALUATION_COMMITTEE', trackingFromGrade: '4A' },
];

export function procedureRulesFor(rules: EvaluationRuleSet): ProcedureRules {
  const version = ruleVersionOf(rules);
  const found = PROCEDURE_RULES.find((r) => r.ruleVersion === version);
  if (!found) throw new RangeError(`no procedure rules for ${version}`);
  return found;
}

export function procedureRulesByVersion(version: string): ProcedureRules {
  const found = PROCEDURE_RULES.find((r) => r.ruleVersion === version);
  if (!found) throw new RangeError(`no procedure rules for ${version}`);
  return found;
}

/** The benefits a grade unlocks under `rules` (rule data, shown to the public beside the grade). */
export function benefitsOf(grade: EvaluationGrade, rules: ProcedureRules): ProcedureRules['benefits'] {
  return rules.benefits.filter((b) => gradeRank(grade) >= gradeRank(b.fromGrade));
}

export function earnsCertificate(grade: EvaluationGrade, rules: ProcedureRules): boolean {
  return gradeRank(grade) >= gradeRank(rules.certificateFromGrade);
}
