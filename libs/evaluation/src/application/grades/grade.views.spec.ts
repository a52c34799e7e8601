import { civilDateOf } from '@sop/util';
import { gradeRecord } from '../../test-support/grade-record.fixture';
import { gradeView } from './grade.views';

describe('a grade as the API shows it (Beijing civil dates beside instants)', () => {
  const g = gradeRecord({ announcedAt: '2026-12-31T16:30:00.000Z', validFrom: '2028-01-01', validUntil: '2032-12-31' });

  it('gives the Beijing date of the announcement and the instant the validity ends', () => {
    expect(gradeView(g, civilDateOf(new Date('2027-06-01T00:00:00Z')))).toMatchObject({
      announcedAt: '2026-12-31T16:30:00.000Z',
      announcedOn: '2027-01-01',
      validFrom: '2028-01-01',
      validUntil: '2032-12-31',
      validityEndsAt: '2032-12-31T16:00:00.000Z',
      inForce: false,
    });
  });

  it('is in force from 00:00 Beijing time on validFrom to 24:00 Beijing time on validUntil', () => {
    const on = (iso: string) => gradeView(g, civilDateOf(new Date(iso))).inForce;
    expect(on('2027-12-31T15:59:59.999Z')).toBe(false);
    expect(on('2027-12-31T16:00:00.000Z')).toBe(true);
    expect(on('2032-12-31T15:59:59.999Z')).toBe(true);
    expect(on('2032-12-31T16:00:00.000Z')).toBe(false);
  });
});
