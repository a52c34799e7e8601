import fc from 'fast-check';
import { CnyAmount, cny, ocdsJson } from './ocds-money';

/** Back from decimal yuan text to fen, by string arithmetic only. */
const fenOf = (text: string): bigint => {
  const negative = text.startsWith('-');
  const [yuan, fraction = ''] = (negative ? text.slice(1) : text).split('.');
  const fen = BigInt(yuan) * 100n + BigInt(fraction.padEnd(2, '0') || '0');
  return negative ? -fen : fen;
};

describe('fen to CNY amounts', () => {
  it.each([
    [0, '0'],
    [1, '0.01'],
    [9, '0.09'],
    [10, '0.1'],
    [99, '0.99'],
    [100, '1'],
    [101, '1.01'],
    [110, '1.1'],
    [12_345_678, '123456.78'],
    [-1, '-0.01'],
    [-12_345, '-123.45'],
  ])('%d fen is %s yuan', (fen, yuan) => {
    expect(CnyAmount.ofFen(fen).decimal).toBe(yuan);
  });

  it('keeps every digit near Number.MAX_SAFE_INTEGER, where a double would drift', () => {
    expect(CnyAmount.ofFen(Number.MAX_SAFE_INTEGER).decimal).toBe('90071992547409.91');
    // The naive conversion loses the last cent: this is why amounts are not divided as doubles.
    expect(String(Number.MAX_SAFE_INTEGER / 100)).not.toBe('90071992547409.91');
    expect(CnyAmount.ofFen(Number.MAX_SAFE_INTEGER - 1).decimal).toBe('90071992547409.9');
    expect(CnyAmount.ofFen(-Number.MAX_SAFE_INTEGER).decimal).toBe('-90071992547409.91');
  });

  it('takes larger amounts as bigint, exactly', () => {
    expect(CnyAmount.ofFen(123_456_789_012_345_678_901n).decimal).toBe('1234567890123456789.01');
  });

  it.each([Number.MAX_SAFE_INTEGER + 1, 1.5, 0.1, Number.NaN, Number.POSITIVE_INFINITY])('refuses %p fen (not a safe integer)', (fen) => {
    expect(() => CnyAmount.ofFen(fen)).toThrow(RangeError);
  });

  it('round-trips any safe integer of fen through the JSON text, digit for digit', () => {
    fc.assert(
      fc.property(fc.maxSafeInteger(), (fen) => {
        const text = ocdsJson(cny(fen).amount);
        expect(text).toMatch(/^-?\d+(\.\d\d?)?$/);
        expect(fenOf(text)).toBe(BigInt(fen));
      }),
    );
  });
});

describe('ocdsJson', () => {
  it('writes amounts as bare JSON numbers with their exact digits', () => {
    const text = ocdsJson({ value: cny(Number.MAX_SAFE_INTEGER), note: undefined, list: [1, 'a', null, true] });
    expect(text).toBe('{"value":{"amount":90071992547409.91,"currency":"CNY"},"list":[1,"a",null,true]}');
    expect(JSON.parse(text).value.amount).toEqual(expect.any(Number));
  });

  it('matches JSON.stringify on data without amounts, indented or not', () => {
    const data = { a: [{ b: 'x"y' }, [], {}], c: { d: 1.25, e: undefined }, 中文: '民政局' };
    expect(ocdsJson(data)).toBe(JSON.stringify(data));
    expect(ocdsJson(data, 2)).toBe(JSON.stringify(data, null, 2));
  });

  it('gives JSON.stringify a string, never a drifted number', () => {
    expect(JSON.stringify(cny(Number.MAX_SAFE_INTEGER))).toBe('{"amount":"90071992547409.91","currency":"CNY"}');
  });

  it('refuses numbers JSON cannot hold', () => {
    expect(() => ocdsJson({ x: Number.NaN })).toThrow(RangeError);
  });
});
