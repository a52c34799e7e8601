import fc from 'fast-check';
import { maskResidentId, residentIdCheckCharacter, residentIdProblem } from './resident-id';

describe('citizen ID numbers (GB 11643-1999)', () => {
  it.each(['11010519491231002X', '11010519491231002x', '110108198001011237', '440305198511112220'])('accepts %s', (id) => {
    expect(residentIdProblem(id)).toBeNull();
  });

  it.each([
    ['110105194912310021', 'CHECK_CHARACTER'],
    ['11010519491231002', 'FORMAT'],
    ['1101051949123100XX', 'FORMAT'],
    ['110105194902300023', 'BIRTH_DATE'],
    ['110105180001010023', 'BIRTH_DATE'],
  ])('rejects %s: %s', (id, check) => {
    expect(residentIdProblem(id)).toBe(check);
  });

  it('masks all but the first 3 and last 4 characters', () => {
    expect(maskResidentId('110108198001011237')).toBe('110***********1237');
    expect(maskResidentId('11010519491231002x')).toBe('110***********002X');
  });

  const body17 = fc
    .tuple(fc.integer({ min: 110000, max: 659999 }), fc.date({ min: new Date('1920-01-01'), max: new Date('2010-12-31'), noInvalidDate: true }), fc.integer({ min: 0, max: 999 }))
    .map(([area, birth, seq]) => `${area}${birth.toISOString().slice(0, 10).replace(/-/g, '')}${String(seq).padStart(3, '0')}`);

  it('property: an ID with its computed check character validates', () => {
    fc.assert(fc.property(body17, (b) => residentIdProblem(b + residentIdCheckCharacter(b)) === null), { numRuns: 2000 });
  });

  it('property: MOD 11-2 catches every single-digit change in positions 1-17', () => {
    fc.assert(
      fc.property(body17, fc.integer({ min: 0, max: 16 }), fc.integer({ min: 0, max: 9 }), (b, pos, digit) => {
        fc.pre(b[pos] !== String(digit));
        const id = b + residentIdCheckCharacter(b);
        const mutated = id.slice(0, pos) + digit + id.slice(pos + 1);
        return residentIdProblem(mutated) !== null;
      }),
      { numRuns: 3000 },
    );
  });
});
