import fc from 'fast-check';
import { addCivilMonths, civilDate, civilDateOf } from '@sop/util';
import { civilYearAt, cycleInForce, dueDate, dueEnd, inScope, latestOverdueYear, NATIONAL_ANNUAL_REPORT_CYCLE as cycle, NATIONAL_ANNUAL_REPORT_CYCLE_V1 as v1, overdueDetectableFrom } from './annual-report-cycle';

describe('annual report cycle (regulations §4)', () => {
  it('social groups and social service organizations: due 31 May, detectable from 1 June (社团条例 Art. 28; 民非条例 Art. 23)', () => {
    for (const form of ['SOCIAL_GROUP', 'SOCIAL_SERVICE_ORGANIZATION'] as const) {
      expect(dueDate(cycle, form, 2026)).toBe('2027-05-31');
      // 00:00 Beijing time on 1 June (16:00 UTC on 31 May).
      expect(overdueDetectableFrom(cycle, form, 2026).toISOString()).toBe('2027-05-31T16:00:00.000Z');
      expect(dueEnd(cycle, form, 2026).toISOString()).toBe('2027-05-31T16:00:00.000Z');
    }
  });

  it('foundations: due 31 March, detectable from 1 April (基金会条例 Art. 36)', () => {
    expect(dueDate(cycle, 'FOUNDATION', 2026)).toBe('2027-03-31');
    expect(dueEnd(cycle, 'FOUNDATION', 2026).toISOString()).toBe('2027-03-31T16:00:00.000Z'); // 24:00 Beijing on 31 March
    expect(latestOverdueYear(cycle, 'FOUNDATION', new Date('2027-03-31T15:59:59.999Z'))).toBe(2025);
    expect(latestOverdueYear(cycle, 'FOUNDATION', new Date('2027-03-31T16:00:00.000Z'))).toBe(2026);
    expect(latestOverdueYear(cycle, 'FOUNDATION', new Date('2027-04-01T00:00:00Z'))).toBe(2026);
    expect(latestOverdueYear(cycle, 'SOCIAL_GROUP', new Date('2027-04-01T00:00:00Z'))).toBe(2025);
    expect(latestOverdueYear(cycle, 'SOCIAL_GROUP', new Date('2027-06-01T00:00:00Z'))).toBe(2026);
  });

  it('version 2 supersedes version 1 (same effectiveFrom, higher version); version 1 still reads one date for all forms', () => {
    expect(cycleInForce([v1, cycle], new Date('2026-01-01T00:00:00Z')).version).toBe(2);
    expect(dueDate(v1, 'FOUNDATION', 2026)).toBe('2027-05-31');
  });

  it('skips organizations registered less than 6 months at year end', () => {
    // Registered on 30 June (Beijing) or earlier; 1 July starts at 2026-06-30T16:00Z.
    expect(inScope(cycle, 2026, new Date('2026-06-30T15:59:59.999Z'))).toBe(true);
    expect(inScope(cycle, 2026, new Date('2026-06-30T16:00:00.000Z'))).toBe(false);
    expect(inScope(cycle, 2026, new Date('2026-06-30T23:59:59Z'))).toBe(false); // 07:59 Beijing on 1 July (in scope under the old UTC reading)
    expect(inScope(cycle, 2026, new Date('2027-01-05T00:00:00Z'))).toBe(false);
  });

  it('knows the latest overdue report year', () => {
    expect(latestOverdueYear(cycle, 'SOCIAL_SERVICE_ORGANIZATION', new Date('2027-05-31T15:59:59.999Z'))).toBe(2025);
    expect(latestOverdueYear(cycle, 'SOCIAL_SERVICE_ORGANIZATION', new Date('2027-05-31T16:00:00.000Z'))).toBe(2026);
    expect(latestOverdueYear(cycle, 'SOCIAL_SERVICE_ORGANIZATION', new Date('2027-06-01T00:00:00Z'))).toBe(2026);
    expect(latestOverdueYear(cycle, 'SOCIAL_SERVICE_ORGANIZATION', new Date('2027-12-31T00:00:00Z'))).toBe(2026);
  });

  it('reads the year in Beijing time: 1 January starts at 16:00 UTC on 31 December', () => {
    expect(civilYearAt(new Date('2026-12-31T15:59:59.999Z'))).toBe(2026);
    expect(civilYearAt(new Date('2026-12-31T16:00:00.000Z'))).toBe(2027);
  });

  it('property: in scope iff registered (Beijing date) at least 6 months before 31 Dec (month arithmetic)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2000, max: 2100 }), fc.date({ min: new Date('1999-01-01'), max: new Date('2101-12-31'), noInvalidDate: true }), (year, registeredAt) => {
        const registeredOn = civilDateOf(registeredAt);
        // Registered on or before 30 June (Beijing) ⇔ six months later falls on or before 31 Dec.
        const expected = registeredOn < civilDate(`${year}-07-01`);
        return inScope(cycle, year, registeredAt) === expected && expected === (addCivilMonths(registeredOn, 6) <= civilDate(`${year}-12-31`));
      }),
      { numRuns: 2000 },
    );
  });
});
