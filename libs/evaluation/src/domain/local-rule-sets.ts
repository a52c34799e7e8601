/**
 * Local evaluation rule sets (issue §2 "local rules are local"; regulations §6 Scoring: "Grade cut-offs are set
 * locally ... National cut-offs: UNCONFIRMED" [S15]). The national rule sets (Order 39, the 2026 measures; see
 * evaluation-rules.ts) decide eligibility, validity, committee and adjustment rules everywhere; a jurisdiction's local
 * version carries only what is local practice — its grade cut-offs — and otherwise applies the national rule set in
 * force unchanged.
 */
import { civilDate, civilDateOf, compareCivilDates, divisionLevel, isDivisionCode, jurisdictionCovers, mostSpecificVersionInForce, NATIONAL_DIVISION, startOfCivilDay, type CivilDate } from '@sop/util';
import { EVALUATION_GRADES, ruleVersionOf, type EvaluationRuleSet, type GradeCutOff } from './evaluation-rules';
import { EvaluationErrors } from './evaluation.errors';

/** A stored version of a jurisdiction's local evaluation rule set. */
export interface LocalEvaluationRuleSetVersion {
  /** `evaluation/<jurisdiction>`. */
  ruleSetId: string;
  /** The division (GB/T 2260) whose evaluating authorities it governs; never 100000. */
  jurisdiction: string;
  version: number;
  /** First Beijing civil date it applies (inclusive, from 00:00 Beijing time). */
  effectiveFrom: CivilDate;
  /** Highest grade first (regulations §6 Scoring: set locally). */
  cutOffs: readonly GradeCutOff[];
  source: string;
  publishedBy: string;
  publishedAt: Date;
  note: string | null;
}

export function localRuleSetIdFor(jurisdiction: string): string {
  return `evaluation/${jurisdiction}`;
}

/**
 * Seeded local version: regulations §6 names "Anqing/Huaining: 5A ≥ 950, 4A 901–950, 3A 851–900, 2A 801–850,
 * 1A 701–800" — the county of Huaining (怀宁县, Anqing, Anhui; GB/T 2260 340822). The published ranges overlap at 950,
 * resolved in favour of 5A. Effective date: the text gives none, so it applies under Order 39 and after (2011-03-01).
 */
export const HUAINING_CUT_OFFS_V1: LocalEvaluationRuleSetVersion = {
  ruleSetId: localRuleSetIdFor('340822'),
  jurisdiction: '340822',
  version: 1,
  effectiveFrom: civilDate('2011-03-01'),
  cutOffs: [
    { grade: '5A', minScore: 950 },
    { grade: '4A', minScore: 901 },
    { grade: '3A', minScore: 851 },
    { grade: '2A', minScore: 801 },
    { grade: '1A', minScore: 701 },
  ],
  source: 'regulations.md §6 Scoring — Anqing/Huaining cut-offs [S15]',
  publishedBy: 'seed',
  publishedAt: startOfCivilDay(civilDate('2011-03-01')),
  note: 'county practice (Huaining, Anqing); national cut-offs are UNCONFIRMED',
};

/**
 * Seeded local version: regulations §6 names "Luoyang Chanhe: 5A ≥ 900, 4A 800–899, 3A 700–799, 2A 600–699,
 * 1A ≤ 599" — the district of Chanhe (瀍河回族区, Luoyang, Henan; GB/T 2260 410304). "1A ≤ 599" has no floor: 0.
 */
export const CHANHE_CUT_OFFS_V1: LocalEvaluationRuleSetVersion = {
  ruleSetId: localRuleSetIdFor('410304'),
  jurisdiction: '410304',
  version: 1,
  effectiveFrom: civilDate('2011-03-01'),
  cutOffs: [
    { grade: '5A', minScore: 900 },
    { grade: '4A', minScore: 800 },
    { grade: '3A', minScore: 700 },
    { grade: '2A', minScore: 600 },
    { grade: '1A', minScore: 0 },
  ],
  source: 'regulations.md §6 Scoring — Luoyang Chanhe cut-offs [S15]',
  publishedBy: 'seed',
  publishedAt: startOfCivilDay(civilDate('2011-03-01')),
  note: 'county-level practice (Chanhe district, Luoyang); national cut-offs are UNCONFIRMED',
};

export const SEEDED_LOCAL_VERSIONS: readonly LocalEvaluationRuleSetVersion[] = [HUAINING_CUT_OFFS_V1, CHANHE_CUT_OFFS_V1];

/** The rules an evaluation applies: the national rule set in force, with the local version's cut-offs if any. */
export interface ResolvedEvaluationRules {
  rules: EvaluationRuleSet;
  /** e.g. `evaluation/measures-2026@v1`. */
  nationalVersion: string;
  /** e.g. `evaluation/340822@v1`; null: no local version covers the authority (national rules alone). */
  localVersion: string | null;
}

/**
 * The local version deciding for an evaluating authority of `jurisdiction` on the Beijing date of `at` (issue §2):
 * of every local rule set whose jurisdiction covers the authority's, the version in force that day (latest
 * effectiveFrom not after it, ties by higher version); the most specific jurisdiction wins (county > city >
 * province). Null when none covers it.
 */
export function localVersionAt(at: Date, jurisdiction: string, versions: readonly LocalEvaluationRuleSetVersion[]): LocalEvaluationRuleSetVersion | null {
  return mostSpecificVersionInForce(versions, jurisdiction, at);
}

/** The national rule set `national` (in force at `at`) as applied by an authority of `jurisdiction`. */
export function resolveRules(national: EvaluationRuleSet, at: Date, jurisdiction: string, versions: readonly LocalEvaluationRuleSetVersion[]): ResolvedEvaluationRules {
  const local = localVersionAt(at, jurisdiction, versions);
  const nationalVersion = ruleVersionOf(national);
  if (!local) return { rules: national, nationalVersion, localVersion: null };
  return { rules: { ...national, cutOffs: local.cutOffs }, nationalVersion, localVersion: `${local.ruleSetId}@v${local.version}` };
}

/** What an officer publishes: a local rule set's next version. */
export interface NewLocalRuleSetVersionInput {
  jurisdiction: string;
  effectiveFrom: CivilDate;
  cutOffs: GradeCutOff[];
  source: string;
  note: string | null;
}

/**
 * Who may publish and what: an evaluator at national or provincial level (as registration's policy and purchasing's
 * rule sets) whose jurisdiction covers the local one; a local division code; a future Beijing effective date; cut-offs
 * naming 5A..1A once each, strictly descending within the 1,000-point scale (regulations §6 Scoring).
 */
export function assertLocalVersionPublishable(input: NewLocalRuleSetVersionInput, publisherJurisdiction: string, now: Date, outOfJurisdiction: (message: string) => Error): void {
  if (!isDivisionCode(input.jurisdiction) || input.jurisdiction === NATIONAL_DIVISION)
    throw new EvaluationErrors.RULE_SET_JURISDICTION(`${input.jurisdiction} is not a local jurisdiction`, { field: 'jurisdiction', rule: 'LOCAL_DIVISION' });
  const level = divisionLevel(publisherJurisdiction);
  if (level !== 'NATIONAL' && level !== 'PROVINCIAL')
    throw new EvaluationErrors.RULE_SET_PUBLISHER_LEVEL(`local evaluation rule sets are published at national or provincial level; your jurisdiction ${publisherJurisdiction} is ${level}`);
  if (!jurisdictionCovers(publisherJurisdiction, input.jurisdiction)) throw outOfJurisdiction(`rule set ${input.jurisdiction} is outside your jurisdiction ${publisherJurisdiction}`);
  const today = civilDateOf(now);
  if (compareCivilDates(input.effectiveFrom, today) <= 0)
    throw new EvaluationErrors.RULE_SET_EFFECTIVE_DATE_NOT_FUTURE(`the effective date ${input.effectiveFrom} must be after today (${today}, Beijing)`, { field: 'effectiveFrom', rule: 'FUTURE' });
  assertCutOffs(input.cutOffs);
}

/** 5A, 4A, 3A, 2A, 1A in that order, whole numbers, strictly descending, within 0..1,000 (regulations §6 Scoring). */
export function assertCutOffs(cutOffs: readonly GradeCutOff[]): void {
  const expected = [...EVALUATION_GRADES].reverse();
  const ok =
    Array.isArray(cutOffs) &&
    cutOffs.length === expected.length &&
    cutOffs.every((c, i) => c?.grade === expected[i] && Number.isInteger(c.minScore) && c.minScore >= 0 && c.minScore <= 1000 && (i === 0 || c.minScore < cutOffs[i - 1].minScore));
  if (!ok) throw new EvaluationErrors.CUT_OFFS_INVALID('cut-offs must name 5A, 4A, 3A, 2A, 1A in that order with strictly descending whole-number minScore from 0 to 1000', { field: 'cutOffs', rule: 'GRADE_CUT_OFFS' });
}
