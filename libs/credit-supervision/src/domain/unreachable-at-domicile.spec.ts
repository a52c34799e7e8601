import { civilDate } from '@sop/util';
import { ORDER_60_V1 } from './credit-rules';
import { checkUnsignedLetters, exemptionRefusal } from './unreachable-at-domicile';

describe('§5.1 (6) cannot be contacted at the registered domicile', () => {
  const on = civilDate('2026-12-31');
  const two = (first: string, second: string) => [
    { reference: 'A', mailedOn: first },
    { reference: 'B', mailedOn: second },
  ];

  it('needs two unsigned letters', () => {
    expect(() => checkUnsignedLetters([{ reference: 'A', mailedOn: '2026-09-01' }], on, ORDER_60_V1)).toThrow(expect.objectContaining({ code: 'CREDIT.UNREACHABLE_LETTERS' }));
  });

  it('spaces them 20–60 whole days apart on Beijing dates (2017 draft, data of the rule set), bounds included', () => {
    expect(ORDER_60_V1.abnormal.unreachableLetterIntervalDays).toEqual({ min: 20, max: 60 });
    expect(checkUnsignedLetters(two('2026-09-01', '2026-09-21'), on, ORDER_60_V1)).toEqual(['A', 'B']); // 20
    expect(checkUnsignedLetters(two('2026-09-01', '2026-10-31'), on, ORDER_60_V1)).toEqual(['A', 'B']); // 60
    expect(checkUnsignedLetters(two('2026-10-31', '2026-09-01'), on, ORDER_60_V1)).toEqual(['B', 'A']); // mailing order
    for (const [a, b, days] of [
      ['2026-09-01', '2026-09-20', 19],
      ['2026-09-01', '2026-11-01', 61],
      ['2026-09-01', '2026-09-01', 0],
      // across a month and a year end, whole calendar days (no rest-day move: a spacing, not a period)
      ['2026-12-12', '2027-01-01', 20],
    ] as const) {
      const check = () => checkUnsignedLetters(two(a, b), civilDate('2027-01-31'), ORDER_60_V1);
      if (days === 20) expect(check()).toEqual(['A', 'B']);
      else expect(check).toThrow(expect.objectContaining({ code: 'CREDIT.UNREACHABLE_LETTER_INTERVAL', violations: [expect.objectContaining({ field: 'unsignedLetters[1].mailedOn', message: `${days} days after ${a}` })] }));
    }
    // three letters: every consecutive pair in mailing order is checked
    expect(() => checkUnsignedLetters([...two('2026-09-01', '2026-10-01'), { reference: 'C', mailedOn: '2026-10-05' }], on, ORDER_60_V1)).toThrow(
      expect.objectContaining({ code: 'CREDIT.UNREACHABLE_LETTER_INTERVAL', violations: [expect.objectContaining({ field: 'unsignedLetters[2].mailedOn' })] }),
    );
  });

  it('letters are civil dates mailed on or before the trigger day', () => {
    expect(() => checkUnsignedLetters(two('2026-09-01', '2026-09-21T00:00:00Z'), on, ORDER_60_V1)).toThrow(expect.objectContaining({ code: 'CREDIT.UNREACHABLE_LETTER_DATE' }));
    expect(() => checkUnsignedLetters(two('2026-02-01', '2026-02-30'), on, ORDER_60_V1)).toThrow(expect.objectContaining({ code: 'CREDIT.UNREACHABLE_LETTER_DATE' }));
    expect(checkUnsignedLetters(two('2026-12-01', '2026-12-31'), on, ORDER_60_V1)).toEqual(['A', 'B']);
    expect(() => checkUnsignedLetters(two('2026-12-02', '2027-01-01'), on, ORDER_60_V1)).toThrow(
      expect.objectContaining({ code: 'CREDIT.UNREACHABLE_LETTER_AFTER_TRIGGER', violations: [expect.objectContaining({ field: 'unsignedLetters[1].mailedOn' })] }),
    );
  });

  it('a certified exemption (supervising or guidance unit, 2017 draft Art. 12) is a refusal with its own code; a certification in the future is invalid', () => {
    const today = civilDate('2026-11-25');
    expect(exemptionRefusal({ certifiedBy: 'SUPERVISING_UNIT', reference: 'SU-1', certifiedOn: '2026-11-25' }, today)).toMatchObject({
      kind: 'REFUSED',
      code: 'CREDIT.UNREACHABLE_EXEMPTED',
      violations: [expect.objectContaining({ field: 'exemption', message: 'certified by SUPERVISING_UNIT: SU-1', rule: expect.stringContaining('2017 draft Art. 12') })],
    });
    expect(() => exemptionRefusal({ certifiedBy: 'GUIDANCE_UNIT', reference: 'GU-1', certifiedOn: '2026-11-26' }, today)).toThrow(expect.objectContaining({ code: 'CREDIT.UNREACHABLE_EXEMPTION_DATE' }));
  });
});
