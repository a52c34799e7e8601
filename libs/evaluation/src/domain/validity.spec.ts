import fc from 'fast-check';
import { MEASURES_2026_V1, ORDER_39_V1 } from './evaluation-rules';
import { addYearsToDate, dayBefore, validityOf } from './validity';

describe('grade validity (regulations §6)', () => {
  describe('Order 39 Art. 28: 5 years from the announcement', () => {
    it('runs from the announcement date to the day before the 5th anniversary', () => {
      expect(validityOf(new Date('2015-06-18T09:30:00Z'), ORDER_39_V1)).toEqual({ validFrom: '2015-06-18', validUntil: '2020-06-17' });
    });
    it('uses the UTC calendar date of the announcement', () => {
      expect(validityOf(new Date('2019-12-31T23:59:59.999Z'), ORDER_39_V1)).toEqual({ validFrom: '2019-12-31', validUntil: '2024-12-30' });
      expect(validityOf(new Date('2020-01-01T00:00:00.000Z'), ORDER_39_V1)).toEqual({ validFrom: '2020-01-01', validUntil: '2024-12-31' });
    });
    it('a grade announced on 29 February ends on 28 February five years on (no 29th then)', () => {
      expect(validityOf(new Date('2024-02-29T10:00:00Z'), ORDER_39_V1)).toEqual({ validFrom: '2024-02-29', validUntil: '2029-02-28' });
    });
    it('a grade announced on 1 March in a leap-year-minus-5 ends on 29 February of the leap year', () => {
      expect(validityOf(new Date('2023-03-01T00:00:00Z'), ORDER_39_V1)).toEqual({ validFrom: '2023-03-01', validUntil: '2028-02-29' });
    });
    it('always lasts 5 years less a day (property)', () => {
      fc.assert(
        fc.property(fc.date({ min: new Date('2011-03-01'), max: new Date('2090-12-31'), noInvalidDate: true }), (at) => {
          const v = validityOf(at, ORDER_39_V1);
          const days = (Date.parse(v.validUntil) - Date.parse(v.validFrom)) / 86_400_000 + 1;
          expect(days === 365 * 5 + 1 || days === 365 * 5 || days === 365 * 5 + 2).toBe(true);
          expect(addYearsToDate(v.validFrom, 5) > v.validUntil).toBe(true);
        }),
      );
    });
  });

  describe('2026 measures: 1 January of the next year to 31 December of the fifth year', () => {
    it('starts on 1 January after the announcement', () => {
      expect(validityOf(new Date('2026-03-01T00:00:00Z'), MEASURES_2026_V1)).toEqual({ validFrom: '2027-01-01', validUntil: '2031-12-31' });
    });
    it('an announcement on 31 December (UTC) is still that year', () => {
      expect(validityOf(new Date('2026-12-31T23:59:59.999Z'), MEASURES_2026_V1)).toEqual({ validFrom: '2027-01-01', validUntil: '2031-12-31' });
      expect(validityOf(new Date('2027-01-01T00:00:00.000Z'), MEASURES_2026_V1)).toEqual({ validFrom: '2028-01-01', validUntil: '2032-12-31' });
    });
    it('a leap-day announcement changes nothing', () => {
      expect(validityOf(new Date('2028-02-29T08:00:00Z'), MEASURES_2026_V1)).toEqual({ validFrom: '2029-01-01', validUntil: '2033-12-31' });
    });
  });

  it('date helpers roll 29 February to 1 March and step back across month and year ends', () => {
    expect(addYearsToDate('2024-02-29', 1)).toBe('2025-03-01');
    expect(addYearsToDate('2024-02-29', 4)).toBe('2028-02-29');
    expect(dayBefore('2025-03-01')).toBe('2025-02-28');
    expect(dayBefore('2024-03-01')).toBe('2024-02-29');
    expect(dayBefore('2027-01-01')).toBe('2026-12-31');
  });
});
