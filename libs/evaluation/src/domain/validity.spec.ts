import fc from 'fast-check';
import { addCivilDays, civilDate, civilDaysBetween } from '@sop/util';
import { MEASURES_2026_V1, ORDER_39_V1 } from './evaluation-rules';
import { anniversaryOf, validityEndsAt, validityOf } from './validity';

describe('grade validity (regulations §6), in Beijing civil dates', () => {
  describe('Order 39 Art. 28: 5 years from the announcement', () => {
    it('runs from the announcement date to the day before the 5th anniversary', () => {
      expect(validityOf(new Date('2015-06-18T09:30:00Z'), ORDER_39_V1)).toEqual({ validFrom: '2015-06-18', validUntil: '2020-06-17' });
    });
    it('uses the Beijing date of the announcement: just before and at 16:00Z (Beijing midnight)', () => {
      // Was: the UTC date (2019-12-31 for both 23:59Z and 16:00Z). 16:00Z is 00:00 Beijing time the next day.
      expect(validityOf(new Date('2019-12-31T15:59:59.999Z'), ORDER_39_V1)).toEqual({ validFrom: '2019-12-31', validUntil: '2024-12-30' });
      expect(validityOf(new Date('2019-12-31T16:00:00.000Z'), ORDER_39_V1)).toEqual({ validFrom: '2020-01-01', validUntil: '2024-12-31' });
      expect(validityOf(new Date('2019-12-31T23:59:59.999Z'), ORDER_39_V1)).toEqual({ validFrom: '2020-01-01', validUntil: '2024-12-31' });
    });
    it('accepts the announcement with a +08:00 offset as the same instant', () => {
      expect(validityOf(new Date('2025-12-01T00:30:00+08:00'), ORDER_39_V1)).toEqual({ validFrom: '2025-12-01', validUntil: '2030-11-30' });
    });
    it('a grade announced on 29 February ends on 28 February five years on (no 29th then)', () => {
      expect(validityOf(new Date('2024-02-29T10:00:00Z'), ORDER_39_V1)).toEqual({ validFrom: '2024-02-29', validUntil: '2029-02-28' });
    });
    it('a grade announced on 1 March in a leap-year-minus-5 ends on 29 February of the leap year', () => {
      expect(validityOf(new Date('2023-03-01T00:00:00Z'), ORDER_39_V1)).toEqual({ validFrom: '2023-03-01', validUntil: '2028-02-29' });
    });
    it('a last day on a rest day is not moved: a validity is a span of dates, not a period to act within', () => {
      // 2030-10-01 (National Day) is the day before the 5th anniversary of 2025-10-02; it stays the last day.
      expect(validityOf(new Date('2025-10-02T02:00:00Z'), ORDER_39_V1)).toEqual({ validFrom: '2025-10-02', validUntil: '2030-10-01' });
      // A Sunday: 2031-06-01 is the day before the anniversary of 2026-06-02 (and 2031 has no published calendar: none is needed).
      expect(validityOf(new Date('2026-06-02T02:00:00Z'), ORDER_39_V1)).toEqual({ validFrom: '2026-06-02', validUntil: '2031-06-01' });
    });
    it('always lasts 5 years less a day, in Beijing dates (property)', () => {
      fc.assert(
        fc.property(fc.date({ min: new Date('2011-03-01'), max: new Date('2090-12-31'), noInvalidDate: true }), (at) => {
          const v = validityOf(at, ORDER_39_V1);
          const days = civilDaysBetween(civilDate(v.validFrom), civilDate(v.validUntil)) + 1;
          expect([365 * 5, 365 * 5 + 1, 365 * 5 + 2]).toContain(days);
          // The 5th anniversary (of 29 February: 1 March when the year has no 29th) is the first day no longer valid.
          expect(anniversaryOf(v.validFrom, 5) > v.validUntil).toBe(true);
          expect(addCivilDays(civilDate(v.validUntil), 1)).toBe(anniversaryOf(v.validFrom, 5));
        }),
        // A leap-day announcement (Beijing 2016-02-29) once made the check fail at random: always try it.
        { examples: [[new Date('2016-02-28T16:00:00.000Z')], [new Date('2024-02-29T10:00:00.000Z')]] },
      );
    });
  });

  describe('2026 measures: 1 January of the next year to 31 December of the fifth year', () => {
    it('starts on 1 January after the announcement', () => {
      expect(validityOf(new Date('2026-03-01T00:00:00Z'), MEASURES_2026_V1)).toEqual({ validFrom: '2027-01-01', validUntil: '2031-12-31' });
    });
    it('an announcement at 00:30 Beijing time on 1 January 2027 (2026-12-31T16:30Z) belongs to 2027', () => {
      // Was: the UTC year (2026), giving 2027–2031.
      expect(validityOf(new Date('2026-12-31T15:59:59.999Z'), MEASURES_2026_V1)).toEqual({ validFrom: '2027-01-01', validUntil: '2031-12-31' });
      expect(validityOf(new Date('2026-12-31T16:00:00.000Z'), MEASURES_2026_V1)).toEqual({ validFrom: '2028-01-01', validUntil: '2032-12-31' });
      expect(validityOf(new Date('2026-12-31T16:30:00.000Z'), MEASURES_2026_V1)).toEqual({ validFrom: '2028-01-01', validUntil: '2032-12-31' });
      expect(validityOf(new Date('2027-01-01T00:30:00+08:00'), MEASURES_2026_V1)).toEqual({ validFrom: '2028-01-01', validUntil: '2032-12-31' });
    });
    it('a leap-day announcement changes nothing', () => {
      expect(validityOf(new Date('2028-02-29T08:00:00Z'), MEASURES_2026_V1)).toEqual({ validFrom: '2029-01-01', validUntil: '2033-12-31' });
    });
  });

  it('the validity ends at 24:00 Beijing time on validUntil: 16:00Z that day', () => {
    expect(validityEndsAt({ validUntil: '2031-12-31' }).toISOString()).toBe('2031-12-31T16:00:00.000Z');
    expect(validityEndsAt({ validUntil: '2028-02-29' }).toISOString()).toBe('2028-02-29T16:00:00.000Z');
  });
});
