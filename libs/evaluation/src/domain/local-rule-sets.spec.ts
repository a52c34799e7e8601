import { civilDate } from '@sop/util';
import { MEASURES_2026_V1, ORDER_39_V1, type GradeCutOff } from './evaluation-rules';
import { EvaluationErrors } from './evaluation.errors';
import { gradeForScore } from './grading';
import { assertCutOffs, assertLocalVersionPublishable, CHANHE_CUT_OFFS_V1, HUAINING_CUT_OFFS_V1, localRuleSetIdFor, localVersionAt, resolveRules, SEEDED_LOCAL_VERSIONS, type LocalEvaluationRuleSetVersion } from './local-rule-sets';

const at = new Date('2026-06-01T04:00:00Z');
const anhui: LocalEvaluationRuleSetVersion = { ...HUAINING_CUT_OFFS_V1, ruleSetId: localRuleSetIdFor('340000'), jurisdiction: '340000', cutOffs: CHANHE_CUT_OFFS_V1.cutOffs };
const outOfJurisdiction = (m: string) => new Error(`OUT_OF_JURISDICTION ${m}`);
const cutOffs: GradeCutOff[] = [
  { grade: '5A', minScore: 920 },
  { grade: '4A', minScore: 850 },
  { grade: '3A', minScore: 780 },
  { grade: '2A', minScore: 700 },
  { grade: '1A', minScore: 600 },
];

describe('local evaluation rule sets (issue §2 "local rules are local", regulations §6 Scoring)', () => {
  it('the national defaults carry no cut-offs: regulations §6 says they are set locally and national cut-offs are UNCONFIRMED', () => {
    expect(ORDER_39_V1.cutOffs).toEqual([]);
    expect(MEASURES_2026_V1.cutOffs).toEqual([]);
    expect(() => gradeForScore(960, MEASURES_2026_V1)).toThrow(EvaluationErrors.NO_CUT_OFFS);
  });

  it('seeds the two local tables regulations §6 names: Anqing/Huaining (340822) and Luoyang Chanhe (410304)', () => {
    expect(SEEDED_LOCAL_VERSIONS.map((v) => `${v.ruleSetId}@v${v.version}`)).toEqual(['evaluation/340822@v1', 'evaluation/410304@v1']);
    const huaining = resolveRules(MEASURES_2026_V1, at, '340822', SEEDED_LOCAL_VERSIONS);
    expect(huaining.localVersion).toBe('evaluation/340822@v1');
    expect(huaining.nationalVersion).toBe('evaluation/measures-2026@v1');
    expect([gradeForScore(950, huaining.rules), gradeForScore(949, huaining.rules), gradeForScore(701, huaining.rules)]).toEqual(['5A', '4A', '1A']);
    expect(() => gradeForScore(700, huaining.rules)).toThrow(EvaluationErrors.SCORE_BELOW_LOWEST_GRADE);
    const chanhe = resolveRules(MEASURES_2026_V1, at, '410304', SEEDED_LOCAL_VERSIONS);
    expect([gradeForScore(900, chanhe.rules), gradeForScore(899, chanhe.rules), gradeForScore(10, chanhe.rules)]).toEqual(['5A', '4A', '1A']);
    // Only the cut-offs are local: validity, eligibility and committee rules stay national.
    expect({ ...huaining.rules, cutOffs: [] }).toEqual(MEASURES_2026_V1);
  });

  it('an authority no local version covers applies the national rules alone (and its local version stays within its division)', () => {
    const elsewhere = resolveRules(MEASURES_2026_V1, at, '110108', SEEDED_LOCAL_VERSIONS);
    expect(elsewhere).toEqual({ rules: MEASURES_2026_V1, nationalVersion: 'evaluation/measures-2026@v1', localVersion: null });
    expect(localVersionAt(at, '340821', SEEDED_LOCAL_VERSIONS)).toBeNull(); // another county of Anqing
  });

  it('the most specific covering jurisdiction with a version in force decides; a version applies from 00:00 Beijing on its date', () => {
    const v2: LocalEvaluationRuleSetVersion = { ...HUAINING_CUT_OFFS_V1, version: 2, effectiveFrom: civilDate('2026-07-01'), cutOffs };
    const versions = [anhui, HUAINING_CUT_OFFS_V1, v2];
    expect(localVersionAt(at, '340822', versions)?.version).toBe(1);
    expect(localVersionAt(new Date('2026-06-30T15:59:59Z'), '340822', versions)?.version).toBe(1);
    expect(localVersionAt(new Date('2026-06-30T16:00:00Z'), '340822', versions)?.version).toBe(2);
    expect(localVersionAt(at, '340821', versions)?.ruleSetId).toBe('evaluation/340000'); // the province covers its other counties
    const later = { ...anhui, effectiveFrom: civilDate('2027-01-01') };
    expect(localVersionAt(at, '340821', [later])).toBeNull(); // not yet in force
  });

  it('published by an evaluator at national or provincial level covering the jurisdiction, effective on a future Beijing date, with valid cut-offs', () => {
    const now = new Date('2026-06-01T04:00:00Z');
    const input = { jurisdiction: '340822', effectiveFrom: civilDate('2026-06-02'), cutOffs, source: '怀宁县评估办法', note: null };
    expect(() => assertLocalVersionPublishable(input, '340000', now, outOfJurisdiction)).not.toThrow();
    expect(() => assertLocalVersionPublishable(input, '100000', now, outOfJurisdiction)).not.toThrow();
    expect(() => assertLocalVersionPublishable(input, '340800', now, outOfJurisdiction)).toThrow(EvaluationErrors.RULE_SET_PUBLISHER_LEVEL);
    expect(() => assertLocalVersionPublishable(input, '410000', now, outOfJurisdiction)).toThrow('OUT_OF_JURISDICTION');
    expect(() => assertLocalVersionPublishable({ ...input, jurisdiction: '100000' }, '100000', now, outOfJurisdiction)).toThrow(EvaluationErrors.RULE_SET_JURISDICTION);
    expect(() => assertLocalVersionPublishable({ ...input, effectiveFrom: civilDate('2026-06-01') }, '340000', now, outOfJurisdiction)).toThrow(EvaluationErrors.RULE_SET_EFFECTIVE_DATE_NOT_FUTURE);
  });

  it('cut-offs name 5A..1A once, highest first, strictly descending within 0..1000', () => {
    expect(() => assertCutOffs(cutOffs)).not.toThrow();
    expect(() => assertCutOffs(cutOffs.slice(1))).toThrow(EvaluationErrors.CUT_OFFS_INVALID);
    expect(() => assertCutOffs([...cutOffs].reverse())).toThrow(EvaluationErrors.CUT_OFFS_INVALID);
    expect(() => assertCutOffs(cutOffs.map((c, i) => (i === 1 ? { ...c, minScore: 920 } : c)))).toThrow(EvaluationErrors.CUT_OFFS_INVALID);
    expect(() => assertCutOffs(cutOffs.map((c, i) => (i === 0 ? { ...c, minScore: 1001 } : c)))).toThrow(EvaluationErrors.CUT_OFFS_INVALID);
    expect(() => assertCutOffs(cutOffs.map((c, i) => (i === 4 ? { ...c, minScore: 600.5 } : c)))).toThrow(EvaluationErrors.CUT_OFFS_INVALID);
  });
});
