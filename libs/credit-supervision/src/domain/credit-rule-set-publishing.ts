import { civilDateOf, compareCivilDates, divisionLevel, isDivisionCode, NATIONAL_DIVISION, type CivilDate } from '@sop/util';
import { CreditErrors } from './credit.errors';
import { JOINT_MEASURES, LIST_KINDS, type JointMeasure, type ListKind } from './credit-rules';

/** What a credit officer publishes: a local credit rule set's next version (its joint measures, regulations §5.3). */
export interface NewCreditRuleSetVersionInput {
  jurisdiction: string;
  effectiveFrom: CivilDate;
  jointMeasures: Record<ListKind, JointMeasure[]>;
  source: string;
}

/**
 * What may be published (issue §2 "local rules are local"; regulations §5.3 local rules extend the measures): by a
 * credit officer at national or provincial level, for a local division (not 100000), effective on a Beijing date
 * after today, citing its source, with known measures. (That the publisher's jurisdiction covers the division is
 * checked with the platform's auth error in the use case.)
 */
export function assertCreditRuleSetVersion(input: NewCreditRuleSetVersionInput, publisherJurisdiction: string, now: Date): void {
  if (!isDivisionCode(input.jurisdiction) || input.jurisdiction === NATIONAL_DIVISION)
    throw new CreditErrors.RULE_SET_JURISDICTION(`${input.jurisdiction} is not a local jurisdiction`, {
      violations: [{ field: 'jurisdiction', rule: 'a GB/T 2260 division code other than 100000', message: 'local rule sets belong to a province, city or county' }],
    });
  const level = divisionLevel(publisherJurisdiction);
  if (level !== 'NATIONAL' && level !== 'PROVINCIAL')
    throw new CreditErrors.RULE_SET_PUBLISHER_LEVEL(`credit rule sets are published at national or provincial level; your jurisdiction ${publisherJurisdiction} is ${level}`);
  const today = civilDateOf(now);
  if (compareCivilDates(input.effectiveFrom, today) <= 0)
    throw new CreditErrors.RULE_SET_EFFECTIVE_DATE_NOT_FUTURE(`the effective date ${input.effectiveFrom} must be after today (${today}, Beijing)`, {
      violations: [{ field: 'effectiveFrom', rule: 'future', message: 'a new version takes effect on a later Beijing date; decided entries keep the version they applied' }],
    });
  const bad = (field: string, message: string) => new CreditErrors.RULE_SET_INVALID(message, { violations: [{ field, rule: 'credit rule set', message }] });
  if (!input.source?.trim()) throw bad('source', 'the version cites its source');
  for (const list of LIST_KINDS) {
    const measures = input.jointMeasures?.[list];
    if (!Array.isArray(measures)) throw bad(`jointMeasures.${list}`, `joint measures for the ${list} list (may be empty)`);
    measures.forEach((m, i) => {
      if (!(JOINT_MEASURES as readonly string[]).includes(m)) throw bad(`jointMeasures.${list}.${i}`, `one of ${JOINT_MEASURES.join(', ')}`);
    });
  }
}
