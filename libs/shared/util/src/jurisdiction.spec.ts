import { divisionLevel, divisionPrefix, jurisdictionCovers } from './jurisdiction';

describe('jurisdiction', () => {
  it.each([
    ['100000', '110108', true],
    ['110000', '110108', true],
    ['110100', '110108', true],
    ['110108', '110108', true],
    ['110108', '110105', false],
    ['440000', '110108', false],
    ['110100', '110000', false],
    ['110000', 'abc', false],
  ])('%s covers %s: %s', (j, d, expected) => {
    expect(jurisdictionCovers(j, d)).toBe(expected);
  });

  it('derives prefixes and levels', () => {
    expect(divisionPrefix('100000')).toBe('');
    expect(divisionPrefix('440300')).toBe('4403');
    expect(divisionLevel('440000')).toBe('PROVINCIAL');
    expect(divisionLevel('440305')).toBe('COUNTY');
  });
});
