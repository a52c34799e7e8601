import { expiredAtOf, expiryDue } from './expiry';
import { gradeRecord } from '../test-support/grade-record.fixture';

describe('grade expiry (GradeExpired v1)', () => {
  const grade = gradeRecord;

  it('expiredAt is 00:00 Beijing time on the day after validUntil, i.e. 16:00Z on validUntil, across month, year and leap-day ends', () => {
    // Was: 00:00Z on the day after (eight hours late).
    expect(expiredAtOf('2031-12-31')).toBe('2031-12-31T16:00:00.000Z');
    expect(expiredAtOf('2030-11-17')).toBe('2030-11-17T16:00:00.000Z');
    expect(expiredAtOf('2030-04-30')).toBe('2030-04-30T16:00:00.000Z');
    expect(expiredAtOf('2028-02-28')).toBe('2028-02-28T16:00:00.000Z');
    expect(expiredAtOf('2028-02-29')).toBe('2028-02-29T16:00:00.000Z');
    expect(expiredAtOf('2027-02-28')).toBe('2027-02-28T16:00:00.000Z');
  });

  it('due from 00:00 Beijing time the day after the last valid day (16:00Z), not before', () => {
    // Was: due from 2032-01-01T00:00Z.
    expect(expiryDue(grade(), new Date('2031-12-31T15:59:59.999Z'))).toBe(false);
    expect(expiryDue(grade(), new Date('2031-12-31T16:00:00.000Z'))).toBe(true);
    expect(expiryDue(grade(), new Date('2032-01-01T00:00:00.000Z'))).toBe(true);
    expect(expiryDue(grade(), new Date('2035-06-01T00:00:00.000Z'))).toBe(true);
    expect(expiryDue(grade(), new Date('2027-06-01T00:00:00.000Z'))).toBe(false);
  });

  it('a lowered grade (still ACTIVE) expires; SUPERSEDED, CANCELLED or already published grades are never due', () => {
    const after = new Date('2031-12-31T16:00:00.000Z');
    expect(expiryDue(grade({ grade: '2A' }), after)).toBe(true);
    expect(expiryDue(grade({ status: 'SUPERSEDED', supersededByGradeId: 'g-2' }), after)).toBe(false);
    expect(expiryDue(grade({ status: 'CANCELLED' }), after)).toBe(false);
    expect(expiryDue(grade({ expiryPublishedAt: '2032-01-01T00:01:00.000Z' }), after)).toBe(false);
    expect(expiryDue(grade({ expiryPublishedAt: null }), after)).toBe(true);
  });
});
