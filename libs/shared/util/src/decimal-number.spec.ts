import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { hasAtMostDecimalPlaces, IsDecimalNumber } from './decimal-number';

class Score {
  @IsDecimalNumber(2) score: number;
}

describe('IsDecimalNumber', () => {
  it('admits finite numbers with at most the places given', () => {
    for (const v of [0, 86, 86.5, 86.25, -3.1, 1e21]) expect(hasAtMostDecimalPlaces(v, 2)).toBe(true);
    for (const v of [86.255, 3e-323, 1e-7, Number.NaN, Number.POSITIVE_INFINITY, '86', null]) expect(hasAtMostDecimalPlaces(v, 2)).toBe(false);
  });

  it('answers a validation error, not an exception, for exponent-notation numbers (class-validator IsNumber throws there)', async () => {
    const errors = await validate(plainToInstance(Score, { score: 3e-323 }));
    expect(errors.map((e) => Object.keys(e.constraints ?? {}))).toEqual([['isDecimalNumber']]);
    expect(await validate(plainToInstance(Score, { score: 72.5 }))).toEqual([]);
  });
});
