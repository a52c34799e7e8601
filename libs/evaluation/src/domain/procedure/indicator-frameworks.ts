/**
 * Indicator frameworks (评估指标体系) as versioned data (regulations §6 Content and Scoring): per organization form,
 * four first-level sections on the 1,000-point scale, each indicator with its maximum, plus an optional local bonus
 * (some localities add up to 100 points). Published per jurisdiction like the local rule sets (local-rule-sets.ts):
 * the most specific version covering the evaluating authority, in force on the Beijing date of the application,
 * decides; the national defaults (jurisdiction 100000) apply where no local version does.
 */
import { civilDate, civilDateOf, compareCivilDates, divisionLevel, isDivisionCode, jurisdictionCovers, mostSpecificVersionInForce, startOfCivilDay, type CivilDate } from '@sop/util';
import { EvaluationErrors } from '../evaluation.errors';

export const ORGANIZATION_FORMS = ['SOCIAL_GROUP', 'FOUNDATION', 'SOCIAL_SERVICE_ORGANIZATION'] as const;
export type OrganizationForm = (typeof ORGANIZATION_FORMS)[number];

/**
 * §6 Content: social groups and foundations — basic conditions, internal governance, work performance, social
 * evaluation; social service organizations (民非) — basic conditions, internal governance, business activities and
 * integrity, social evaluation.
 */
export const SECTIONS_BY_FORM: Record<OrganizationForm, readonly string[]> = {
  SOCIAL_GROUP: ['BASIC_CONDITIONS', 'INTERNAL_GOVERNANCE', 'WORK_PERFORMANCE', 'SOCIAL_EVALUATION'],
  FOUNDATION: ['BASIC_CONDITIONS', 'INTERNAL_GOVERNANCE', 'WORK_PERFORMANCE', 'SOCIAL_EVALUATION'],
  SOCIAL_SERVICE_ORGANIZATION: ['BASIC_CONDITIONS', 'INTERNAL_GOVERNANCE', 'BUSINESS_ACTIVITIES_AND_INTEGRITY', 'SOCIAL_EVALUATION'],
};

export const SCALE_BASE = 1000;
export const MAX_LOCAL_BONUS = 100;

export interface Indicator {
  /** Unique within the framework, e.g. `IG.2`. */
  code: string;
  name: string;
  max: number;
}
export interface IndicatorSection {
  section: string;
  name: string;
  indicators: readonly Indicator[];
}

export interface IndicatorFrameworkVersion {
  /** `evaluation-indicators/<jurisdiction>/<form>`. */
  ruleSetId: string;
  jurisdiction: string;
  form: OrganizationForm;
  version: number;
  effectiveFrom: CivilDate;
  sections: readonly IndicatorSection[];
  /** The local bonus experts may add (0 = none), at most 100 (§6 Scoring). */
  maxBonus: number;
  source: string;
  publishedBy: string;
  publishedAt: Date;
  note: string | null;
}

export const frameworkIdFor = (jurisdiction: string, form: OrganizationForm) => `evaluation-indicators/${jurisdiction}/${form}`;
export const frameworkVersionOf = (f: Pick<IndicatorFrameworkVersion, 'ruleSetId' | 'version'>) => `${f.ruleSetId}@v${f.version}`;
export const indicatorsOf = (f: Pick<IndicatorFrameworkVersion, 'sections'>): Indicator[] => f.sections.flatMap((s) => s.indicators);

const ind = (code: string, name: string, max: number): Indicator => ({ code, name, max });
const UNCONFIRMED = 'UNCONFIRMED illustrative data: regulations.md §6 gives the four sections and the 1,000-point scale, not the indicator splits';

/** Sections 1, 2 and 4, shared by the three forms (the splits are illustrative, see UNCONFIRMED). */
const BASIC: IndicatorSection = { section: 'BASIC_CONDITIONS', name: '基础条件', indicators: [ind('BC.1', '法人资格', 40), ind('BC.2', '章程', 30), ind('BC.3', '登记备案', 30), ind('BC.4', '年度检查', 50)] };
const GOVERNANCE: IndicatorSection = { section: 'INTERNAL_GOVERNANCE', name: '内部治理', indicators: [ind('IG.1', '发展规划', 40), ind('IG.2', '组织机构', 80), ind('IG.3', '人力资源', 70), ind('IG.4', '领导班子建设', 60), ind('IG.5', '财务资产管理', 90)] };
const SOCIAL: IndicatorSection = { section: 'SOCIAL_EVALUATION', name: '社会评价', indicators: [ind('SE.1', '内部评价', 60), ind('SE.2', '外部评价', 60), ind('SE.3', '管理部门评价', 30)] };

function nationalDefault(form: OrganizationForm, third: IndicatorSection): IndicatorFrameworkVersion {
  return {
    ruleSetId: frameworkIdFor('100000', form),
    jurisdiction: '100000',
    form,
    version: 1,
    effectiveFrom: civilDate('2011-03-01'),
    sections: [BASIC, GOVERNANCE, third, SOCIAL],
    maxBonus: 0,
    source: 'regulations.md §6 Content and Scoring (MCA Order 39; 2026 measures) [S15]',
    publishedBy: 'seed',
    publishedAt: startOfCivilDay(civilDate('2011-03-01')),
    note: UNCONFIRMED,
  };
}

/** Seeded national defaults, one per form: 150 + 340 + 360 + 150 = 1,000 (splits UNCONFIRMED). */
export const NATIONAL_FRAMEWORKS: readonly IndicatorFrameworkVersion[] = [
  nationalDefault('SOCIAL_GROUP', { section: 'WORK_PERFORMANCE', name: '工作绩效', indicators: [ind('WP.1', '提供服务', 120), ind('WP.2', '反映诉求', 80), ind('WP.3', '规范行为', 80), ind('WP.4', '信息公开与宣传', 80)] }),
  nationalDefault('FOUNDATION', { section: 'WORK_PERFORMANCE', name: '工作绩效', indicators: [ind('WP.1', '公益活动', 140), ind('WP.2', '募捐与资助', 100), ind('WP.3', '项目管理', 60), ind('WP.4', '信息公开', 60)] }),
  nationalDefault('SOCIAL_SERVICE_ORGANIZATION', { section: 'BUSINESS_ACTIVITIES_AND_INTEGRITY', name: '业务活动和诚信建设', indicators: [ind('BA.1', '业务活动', 160), ind('BA.2', '诚信建设', 100), ind('BA.3', '信息公开', 60), ind('BA.4', '社会影响', 40)] }),
];

/** The framework deciding for an evaluating authority of `jurisdiction` and an organization of `form` at `at`. */
export function frameworkAt(at: Date, jurisdiction: string, form: OrganizationForm, versions: readonly IndicatorFrameworkVersion[]): IndicatorFrameworkVersion | null {
  return mostSpecificVersionInForce(versions.filter((v) => v.form === form), jurisdiction, at);
}

export function isOrganizationForm(value: string): value is OrganizationForm {
  return (ORGANIZATION_FORMS as readonly string[]).includes(value);
}

export interface NewFrameworkVersionInput {
  jurisdiction: string;
  form: OrganizationForm;
  effectiveFrom: CivilDate;
  sections: IndicatorSection[];
  maxBonus: number;
  source: string;
  note: string | null;
}

const invalid = (message: string, rule: string, field = 'sections') => new EvaluationErrors.FRAMEWORK_INVALID(message, { field, rule });

/**
 * A framework names the form's four sections in order (§6 Content), each with at least one indicator of whole,
 * positive maximum and a code unique in the framework; the maxima add up to 1,000; the bonus is 0..100.
 */
export function assertFramework(form: OrganizationForm, sections: readonly IndicatorSection[], maxBonus: number): void {
  const expected = SECTIONS_BY_FORM[form];
  if (!Array.isArray(sections) || sections.length !== expected.length || sections.some((s, i) => s?.section !== expected[i]))
    throw invalid(`a ${form} framework has the sections ${expected.join(', ')} in that order (regulations §6 Content)`, 'SECTIONS_OF_THE_FORM');
  const indicators = sections.flatMap((s) => s.indicators ?? []);
  if (sections.some((s) => !Array.isArray(s.indicators) || s.indicators.length === 0) || indicators.some((i) => !i?.code || !Number.isInteger(i.max) || i.max < 1))
    throw invalid('each section has indicators, each with a code and a whole maximum ≥ 1', 'INDICATOR_MAXIMUM');
  if (new Set(indicators.map((i) => i.code)).size !== indicators.length) throw invalid('indicator codes are unique within a framework', 'INDICATOR_CODES_UNIQUE');
  const total = indicators.reduce((sum, i) => sum + i.max, 0);
  if (total !== SCALE_BASE) throw invalid(`the indicators' maxima add up to ${total}; the scale is ${SCALE_BASE} points (regulations §6 Scoring)`, 'THOUSAND_POINT_SCALE');
  if (!Number.isInteger(maxBonus) || maxBonus < 0 || maxBonus > MAX_LOCAL_BONUS)
    throw invalid(`the local bonus is a whole number of points from 0 to ${MAX_LOCAL_BONUS} (regulations §6 Scoring)`, 'LOCAL_BONUS_AT_MOST_100', 'maxBonus');
}

/** As the local rule sets: an evaluator at national or provincial level covering the jurisdiction; a future Beijing date. */
export function assertFrameworkPublishable(input: NewFrameworkVersionInput, publisherJurisdiction: string, now: Date, outOfJurisdiction: (message: string) => Error): void {
  if (!isDivisionCode(input.jurisdiction)) throw new EvaluationErrors.RULE_SET_JURISDICTION(`${input.jurisdiction} is not a division code`, { field: 'jurisdiction', rule: 'DIVISION_CODE' });
  const level = divisionLevel(publisherJurisdiction);
  if (level !== 'NATIONAL' && level !== 'PROVINCIAL')
    throw new EvaluationErrors.RULE_SET_PUBLISHER_LEVEL(`indicator frameworks are published at national or provincial level; your jurisdiction ${publisherJurisdiction} is ${level}`);
  if (!jurisdictionCovers(publisherJurisdiction, input.jurisdiction)) throw outOfJurisdiction(`framework ${input.jurisdiction} is outside your jurisdiction ${publisherJurisdiction}`);
  const today = civilDateOf(now);
  if (compareCivilDates(input.effectiveFrom, today) <= 0)
    throw new EvaluationErrors.RULE_SET_EFFECTIVE_DATE_NOT_FUTURE(`the effective date ${input.effectiveFrom} must be after today (${today}, Beijing)`, { field: 'effectiveOn', rule: 'FUTURE' });
  assertFramework(input.form, input.sections, input.maxBonus);
}
