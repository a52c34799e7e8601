import { jurisdictionCovers, divisionPrefix } from '../jurisdiction';
import { civilDateOf, compareCivilDates, type CivilDate } from './civil-date';

/** A version of a rule set that belongs to a jurisdiction and takes effect on a Beijing date. */
export interface JurisdictionRuleVersion {
  ruleSetId: string;
  /** The division (GB/T 2260) it governs; 100000 is national. */
  jurisdiction: string;
  version: number;
  /** First Beijing date it applies (from 00:00 China Standard Time). */
  effectiveFrom: CivilDate;
}

/**
 * "Local rules are local": among the rule-set versions whose jurisdiction covers `division` and that are in force on
 * the Beijing date of `at` (per rule set: the latest effective date, then the highest version), the one of the most
 * specific jurisdiction (a county's over its city's, a city's over its province's, a province's over the national).
 */
export function mostSpecificVersionInForce<V extends JurisdictionRuleVersion>(versions: readonly V[], division: string, at: Date): V | null {
  const day = civilDateOf(at);
  const inForce = new Map<string, V>();
  for (const v of versions) {
    if (compareCivilDates(v.effectiveFrom, day) > 0 || !jurisdictionCovers(v.jurisdiction, division)) continue;
    const current = inForce.get(v.ruleSetId);
    const later = current ? compareCivilDates(v.effectiveFrom, current.effectiveFrom) || v.version - current.version : 1;
    if (later > 0) inForce.set(v.ruleSetId, v);
  }
  const [winner] = [...inForce.values()].sort((a, b) => divisionPrefix(b.jurisdiction).length - divisionPrefix(a.jurisdiction).length);
  return winner ?? null;
}
