import { civilDaysBetween, compareCivilDates, parseCivilDate, type CivilDate } from '@sop/util';
import type { CreditRuleSet } from './credit-rules';
import { CreditErrors, violationOf } from './credit.errors';

/**
 * §5.1 trigger (6), "cannot be contacted at the registered domicile" (regulations.md §5.1): two special letters mailed
 * to the registered domicile, both unsigned (no reply); the 2017 draft spaced the two mailings 20–60 days apart
 * (DRAFT-ERA, final interval UNCONFIRMED: the bounds are rule-set data, `abnormal.unreachableLetterIntervalDays`);
 * and, also draft-era (2017 draft Art. 12, final UNCONFIRMED), the organization is left off when its supervising unit
 * (after the shift: its guidance unit) certifies in writing that it is not directly responsible.
 */

/** One special letter mailed to the registered domicile and returned unsigned; `mailedOn` is a Beijing date. */
export interface UnsignedLetter {
  reference: string;
  mailedOn: string;
}

export const EXEMPTION_CERTIFIERS = ['SUPERVISING_UNIT', 'GUIDANCE_UNIT'] as const;
export type ExemptionCertifier = (typeof EXEMPTION_CERTIFIERS)[number];

/** The unit's written certification that the organization is not directly responsible for being unreachable. */
export interface UnreachableExemption {
  certifiedBy: ExemptionCertifier;
  /** The certification's document reference. */
  reference: string;
  /** Beijing date of the certification. */
  certifiedOn: string;
}

const LETTERS_RULE = '§5.1 (6): two special letters mailed to the registered domicile, both unsigned';
const INTERVAL_RULE = (r: CreditRuleSet) =>
  `§5.1 (6): ${r.abnormal.unreachableLetterIntervalDays.min}–${r.abnormal.unreachableLetterIntervalDays.max} days between the two mailings (Beijing dates; 2017 draft, final UNCONFIRMED)`;
const EXEMPTION_RULE = '§5.1 (6): left off when the supervising or guidance unit certifies it is not directly responsible (2017 draft Art. 12, final UNCONFIRMED)';

/**
 * The refusal of a trigger with a certified exemption (`CREDIT.UNREACHABLE_EXEMPTED`, returned for the caller to
 * throw once it recorded the certification), checked before the letters: a certified organization is left off
 * whatever the letters show. A certification not on a real Beijing date or dated after `today` has not happened and
 * throws `CREDIT.UNREACHABLE_EXEMPTION_DATE`.
 */
export function exemptionRefusal(exemption: UnreachableExemption, today: CivilDate): Error {
  const certifiedOn = parseCivilDate(exemption.certifiedOn);
  if (!certifiedOn || compareCivilDates(certifiedOn, today) > 0)
    throw new CreditErrors.UNREACHABLE_EXEMPTION_DATE(
      'exemption.certifiedOn must be a Beijing date (YYYY-MM-DD) not after today',
      violationOf('exemption.certifiedOn', 'a certification that has been issued', `got ${exemption.certifiedOn}`),
    );
  return new CreditErrors.UNREACHABLE_EXEMPTED(
    `the ${exemption.certifiedBy === 'GUIDANCE_UNIT' ? 'guidance' : 'supervising'} unit certified (${exemption.reference}, ${certifiedOn}) that the organization is not directly responsible`,
    violationOf('exemption', EXEMPTION_RULE, `certified by ${exemption.certifiedBy}: ${exemption.reference}`),
  );
}

/**
 * The letters of an UNREACHABLE_AT_DOMICILE trigger occurring on the Beijing date `occurredOn`: at least the rule
 * set's number of letters (`CREDIT.UNREACHABLE_LETTERS`), each mailed on a real Beijing date
 * (`CREDIT.UNREACHABLE_LETTER_DATE`) on or before the trigger's day (`CREDIT.UNREACHABLE_LETTER_AFTER_TRIGGER`),
 * and, in mailing order, consecutive letters within the interval (`CREDIT.UNREACHABLE_LETTER_INTERVAL`). The
 * interval is whole days between the two Beijing dates (1 September → 21 September = 20 days): a spacing of
 * mailings, not a Civil Code period, so no rest-day move. Returns the letters' references as evidence, in mailing order.
 */
export function checkUnsignedLetters(letters: readonly UnsignedLetter[], occurredOn: CivilDate, rules: CreditRuleSet): string[] {
  const required = rules.abnormal.unreachableLettersRequired;
  if (letters.length < required)
    throw new CreditErrors.UNREACHABLE_LETTERS(`${required} unsigned letters to the registered domicile are required`, violationOf('unsignedLetters', LETTERS_RULE, `got ${letters.length}`));
  const dated = letters.map((letter, index) => {
    const mailedOn = parseCivilDate(letter.mailedOn);
    if (!mailedOn)
      throw new CreditErrors.UNREACHABLE_LETTER_DATE(
        `unsignedLetters[${index}].mailedOn must be a Beijing date YYYY-MM-DD`,
        violationOf(`unsignedLetters[${index}].mailedOn`, 'a civil date YYYY-MM-DD (Beijing), a real day', `got ${letter.mailedOn}`),
      );
    if (compareCivilDates(mailedOn, occurredOn) > 0)
      throw new CreditErrors.UNREACHABLE_LETTER_AFTER_TRIGGER(
        `letter ${letter.reference} was mailed on ${mailedOn}, after the trigger's day ${occurredOn}`,
        violationOf(`unsignedLetters[${index}].mailedOn`, `${LETTERS_RULE}: mailed before the organization is found unreachable`, `${mailedOn} is after occurredAt's Beijing date ${occurredOn}`),
      );
    return { ...letter, mailedOn, index };
  });
  const inOrder = [...dated].sort((a, b) => compareCivilDates(a.mailedOn, b.mailedOn) || a.index - b.index);
  const { min, max } = rules.abnormal.unreachableLetterIntervalDays;
  for (let i = 1; i < inOrder.length; i++) {
    const days = civilDaysBetween(inOrder[i - 1].mailedOn, inOrder[i].mailedOn);
    if (days < min || days > max)
      throw new CreditErrors.UNREACHABLE_LETTER_INTERVAL(
        `letters ${inOrder[i - 1].reference} (${inOrder[i - 1].mailedOn}) and ${inOrder[i].reference} (${inOrder[i].mailedOn}) are ${days} days apart, not ${min}–${max}`,
        violationOf(`unsignedLetters[${inOrder[i].index}].mailedOn`, INTERVAL_RULE(rules), `${days} days after ${inOrder[i - 1].mailedOn}`),
      );
  }
  return inOrder.map((l) => l.reference);
}
