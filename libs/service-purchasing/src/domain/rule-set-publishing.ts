import { PERFORMANCE_BAND_OUTCOMES } from '@sop/contracts';
import { civilDateOf, compareCivilDates, divisionLevel, isDivisionCode, NATIONAL_DIVISION, type CivilDate } from '@sop/util';
import { PurchasingErrors } from './purchasing.errors';
import { assertPerformanceBar, type PerformanceBarRule } from './procurement/performance-bar';
import type { PerformanceBand } from './purchasing-rules';

/** What an officer publishes: a local rule set's next version (its performance bands, local practice, §7.2). */
export interface NewRuleSetVersionInput {
  jurisdiction: string;
  effectiveFrom: CivilDate;
  bands: PerformanceBand[];
  source: string;
  note: string | null;
  /** Optional (issue 11 item 5): the bar after a failed final acceptance or a termination; absent: none. */
  performanceBar?: PerformanceBarRule | null;
}

/** A local rule set belongs to a division code other than the national one (the national default is Order 102 itself). */
export function assertLocalJurisdiction(jurisdiction: string): void {
  if (!isDivisionCode(jurisdiction) || jurisdiction === NATIONAL_DIVISION)
    throw new PurchasingErrors.RULE_SET_JURISDICTION(`${jurisdiction} is not a local jurisdiction`, {
      violations: [{ field: 'jurisdiction', rule: 'a GB/T 2260 division code other than 100000', message: 'local rule sets belong to a province, city or county' }],
    });
}

/** Published by a finance officer at national or provincial level (the level registration's policy uses, README). */
export function assertPublisherLevel(publisherJurisdiction: string): void {
  const level = divisionLevel(publisherJurisdiction);
  if (level !== 'NATIONAL' && level !== 'PROVINCIAL')
    throw new PurchasingErrors.RULE_SET_PUBLISHER_LEVEL(`purchasing rule sets are published at national or provincial level; your jurisdiction ${publisherJurisdiction} is ${level}`);
}

/**
 * A version's content: effective on a Beijing date after today's (a rule change never rewrites decided history),
 * citing its source, and bands that band every score 0–100 exactly once (descending integer minScore, the last from
 * 0, outcomes of PERFORMANCE_BAND_OUTCOMES).
 */
export function assertVersionPublishable(input: NewRuleSetVersionInput, now: Date): void {
  const today = civilDateOf(now);
  if (compareCivilDates(input.effectiveFrom, today) <= 0)
    throw new PurchasingErrors.RULE_SET_EFFECTIVE_DATE_NOT_FUTURE(`the effective date ${input.effectiveFrom} must be after today (${today}, Beijing)`, {
      violations: [{ field: 'effectiveOn', rule: 'future', message: 'a new version takes effect on a later Beijing date; decided cases keep the version they applied' }],
    });
  const bad = (field: string, message: string) =>
    new PurchasingErrors.RULE_SET_BANDS_INVALID(message, { violations: [{ field, rule: 'performance bands band every score 0–100 once', message }] });
  if (!input.source.trim()) throw bad('source', 'the version cites its source');
  if (input.bands.length === 0) throw bad('bands', 'at least one band');
  input.bands.forEach((b, i) => {
    if (!Number.isInteger(b.minScore) || b.minScore < 0 || b.minScore > 100) throw bad(`bands.${i}.minScore`, 'minScore is an integer 0–100');
    if (!(PERFORMANCE_BAND_OUTCOMES as readonly string[]).includes(b.outcome)) throw bad(`bands.${i}.outcome`, `outcome is one of ${PERFORMANCE_BAND_OUTCOMES.join(', ')}`);
    if (i > 0 && b.minScore >= input.bands[i - 1].minScore) throw bad(`bands.${i}.minScore`, 'minScore strictly descending');
  });
  if (input.bands[input.bands.length - 1].minScore !== 0) throw bad(`bands.${input.bands.length - 1}.minScore`, 'the last band starts at 0, so every score has an outcome');
  assertPerformanceBar(input.performanceBar);
}
