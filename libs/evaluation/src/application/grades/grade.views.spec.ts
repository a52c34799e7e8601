import { civilDateOf } from '@sop/util';
import { gradeRecord } from '../../test-support/grade-record.fixture';
import { adjustmentView, gradeView } from './grade.views';
import type { GradeAdjustmentRecord } from './grades.ports';

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

describe('the certificate-return deadline on the grade and its adjustments', () => {
  const adjustment = (over: Partial<GradeAdjustmentRecord>): GradeAdjustmentRecord => ({
    id: 'a-1',
    gradeId: 'g-1',
    uscc: '52110108MJ0000018M',
    previousGrade: '4A',
    newGrade: '2A',
    reason: 'SERIOUS_LIST',
    explanation: '列入严重违法失信名单',
    effectiveAt: new Date('2026-09-15T16:00:00Z'),
    evidence: [],
    ruleVersion: 'evaluation/measures-2026@v1',
    certificateReturnDueOn: '2026-10-08',
    calendarVersion: 'cn-official-holidays@v1',
    adjustedBy: 'evaluator-1',
    recordedAt: new Date('2026-09-15T16:00:00Z'),
    eventId: 'e-1',
    ...over,
  });

  it('shows the recorded last day with the instant it ends and the calendar that counted it', () => {
    expect(adjustmentView(adjustment({}))).toMatchObject({ effectiveOn: '2026-09-16', certificateReturnDueOn: '2026-10-08', certificateReturnDueBy: '2026-10-08T16:00:00.000Z', calendarVersion: 'cn-official-holidays@v1' });
  });

  it('counts it on reading when it was not recorded (recorded before, or the year was not published then)', () => {
    expect(adjustmentView(adjustment({ certificateReturnDueOn: null, calendarVersion: null }))).toMatchObject({ certificateReturnDueOn: '2026-10-08', calendarVersion: 'cn-official-holidays@v1' });
    expect(adjustmentView(adjustment({ effectiveAt: new Date('2026-12-20T02:00:00Z'), certificateReturnDueOn: null, calendarVersion: null }))).toMatchObject({ certificateReturnDueOn: null, certificateReturnDueBy: null, calendarVersion: null });
  });

  it('the grade carries the deadline of its latest adjustment; without one, null', () => {
    const g = gradeRecord({ grade: '1A' });
    const later = adjustment({ id: 'a-2', effectiveAt: new Date('2026-09-25T02:00:00Z'), certificateReturnDueOn: '2026-10-10' });
    expect(gradeView(g, '2027-06-01', [later, adjustment({})])).toMatchObject({ certificateReturnDueOn: '2026-10-10', certificateReturnDueBy: '2026-10-10T16:00:00.000Z' });
    expect(gradeView(g, '2027-06-01', [])).toMatchObject({ certificateReturnDueOn: null, certificateReturnDueBy: null });
    expect(gradeView(g, '2027-06-01')).not.toHaveProperty('certificateReturnDueOn');
  });
});
