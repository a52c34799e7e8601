import fc from 'fast-check';
import {
  USCC_ALPHABET,
  buildCivilAffairsUscc,
  isValidUscc,
  orgCodeCheckCharacter,
  usccCheckCharacter,
  validateUscc,
} from './uscc';

describe('USCC (GB 32100-2015 + GB 11714)', () => {
  it.each([
    '53100000500019795A', // national foundation, real
    '11622700013944908W', // government organ, real
    '914403001922038216', // enterprise, real
    '52110108MJ0000018M', // synthetic 民非, letter body
    '51440300MA000012X7', // synthetic social group, X as org-code check
  ])('accepts the regulations test vector %s', (code) => {
    expect(validateUscc(code)).toEqual({ valid: true });
  });

  it.each([
    ['53100000500019795', 'USCC.LENGTH'],
    ['5310000050001979IA', 'USCC.ALPHABET'],
    ['5310A0005000197950', 'USCC.DIVISION_CODE'],
    ['53100000500019795B', 'USCC.CHECK_CHARACTER'],
    ['53100000500019785A', 'USCC.ORG_CODE_CHECK'],
  ])('rejects %s with %s', (code, check) => {
    const result = validateUscc(code);
    expect(result.valid).toBe(false);
    expect(result.failedCheck).toBe(check);
    expect(result.rule).toMatch(/GB/);
  });

  it('reproduces the worked example of §9.2', () => {
    expect(usccCheckCharacter('53100000500019795')).toBe('A');
    expect(orgCodeCheckCharacter('50001979')).toBe('5');
  });

  it('rejects a well-formed code whose department/type pair is not in the table', () => {
    const body17 = `54100000${'50001979'}${orgCodeCheckCharacter('50001979')}`; // 5/4 does not exist
    expect(validateUscc(body17 + usccCheckCharacter(body17)).failedCheck).toBe('USCC.DEPARTMENT_TYPE');
  });

  const forms = fc.constantFrom('SOCIAL_GROUP', 'SOCIAL_SERVICE_ORGANIZATION', 'FOUNDATION' as const);
  const division = fc.integer({ min: 100000, max: 999999 }).map(String);
  const serial = fc.integer({ min: 0, max: 31 ** 6 - 1 });

  it('property: every generated code validates and encodes form and registering authority', () => {
    fc.assert(
      fc.property(forms, division, serial, (form, div, n) => {
        const code = buildCivilAffairsUscc(form, div, n);
        expect(validateUscc(code)).toEqual({ valid: true });
        expect(code.slice(2, 8)).toBe(div);
        expect(code[0]).toBe('5');
      }),
      { numRuns: 2000 },
    );
  });

  it('property: every single-character change of a generated code is rejected', () => {
    const anyChar = fc.constantFrom(...'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ');
    fc.assert(
      fc.property(forms, division, serial, fc.integer({ min: 0, max: 17 }), anyChar, (form, div, n, pos, ch) => {
        const code = buildCivilAffairsUscc(form, div, n);
        fc.pre(code[pos] !== ch);
        const mutated = code.slice(0, pos) + ch + code.slice(pos + 1);
        expect(isValidUscc(mutated)).toBe(false);
      }),
      { numRuns: 5000 },
    );
  });

  it('property: distinct serials give distinct codes within a division', () => {
    fc.assert(
      fc.property(division, serial, serial, (div, a, b) => {
        fc.pre(a !== b);
        expect(buildCivilAffairsUscc('FOUNDATION', div, a)).not.toBe(buildCivilAffairsUscc('FOUNDATION', div, b));
      }),
    );
  });

  it('uses only the 31-character alphabet', () => {
    const code = buildCivilAffairsUscc('SOCIAL_GROUP', '110108', 31 ** 6 - 1);
    for (const c of code) expect(USCC_ALPHABET).toContain(c);
  });
});
