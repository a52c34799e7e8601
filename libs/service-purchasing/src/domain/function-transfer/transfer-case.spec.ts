import { caseStats, decideCase, isFirstReviewOverdue, recordFirstReview, returnToDepartment, type TransferCase } from './transfer-case';

const submitted: TransferCase = {
  id: 'c-1',
  agreementId: 'a-1',
  uscc: '51110101MJ0000018X',
  departmentUnitId: 'unit-dc-samr',
  applicantSubject: 'shop-owner-1',
  matterKind: 'FACADE_DRAWING',
  subject: '南锣鼓巷45号',
  description: '门头改造',
  status: 'IN_FIRST_REVIEW',
  submittedAt: '2026-03-02T02:00:00.000Z',
  firstReviewDue: '2026-03-09',
  firstReviewDueAt: '2026-03-09T16:00:00.000Z',
  calendarVersion: 'cn@v1',
  firstReview: null,
  returnedToDepartment: null,
  decision: null,
  revision: 1,
};
const review = (recommendation: 'APPROVE' | 'APPROVE_WITH_CONDITIONS' | 'REFUSE', conditions: string[] = []) => ({ recommendation, reasons: ['符合风貌导则'], conditions, reviewedBy: 'rep', reviewedAt: '2026-03-03T02:00:00.000Z' });
const decision = (d: 'APPROVED' | 'REFUSED', reasons = ['材质不符合保护要求']) => ({ decision: d, reasons, conditions: [], decidedBy: 'officer', decidedAt: '2026-03-04T02:00:00.000Z' });

describe('a case: first review by the association, final decision by the department (issue 12 item 4)', () => {
  it('records one first review (on time before 24:00 Beijing of the due date) and a confirming decision', () => {
    const r = recordFirstReview(submitted, review('APPROVE'), new Date('2026-03-03T02:00:00.000Z'));
    expect(r.firstReview).toMatchObject({ recommendation: 'APPROVE', onTime: true });
    expect(() => recordFirstReview(r, review('REFUSE'), new Date())).toThrow(expect.objectContaining({ code: 'FUNCTION_TRANSFER.CASE_NOT_IN_FIRST_REVIEW' }));
    const d = decideCase(r, decision('APPROVED'));
    expect(d.decision).toMatchObject({ decision: 'APPROVED', overridesFirstReview: false });
    expect(() => decideCase(d, decision('REFUSED'))).toThrow(expect.objectContaining({ code: 'FUNCTION_TRANSFER.CASE_NOT_DECIDABLE' }));
  });

  it('marks an override, and a late review, and refuses a decision before the first review', () => {
    expect(() => decideCase(submitted, decision('APPROVED'))).toThrow(expect.objectContaining({ code: 'FUNCTION_TRANSFER.CASE_NOT_DECIDABLE' }));
    const late = recordFirstReview(submitted, review('APPROVE'), new Date('2026-03-09T16:00:00.000Z'));
    expect(late.firstReview!.onTime).toBe(false);
    expect(decideCase(late, decision('REFUSED')).decision!.overridesFirstReview).toBe(true);
    expect(() => decideCase(late, decision('REFUSED', ['  ']))).toThrow(expect.objectContaining({ code: 'FUNCTION_TRANSFER.OVERRIDE_REASONS_REQUIRED' }));
    expect(() => recordFirstReview(submitted, review('APPROVE_WITH_CONDITIONS'), new Date())).toThrow(expect.objectContaining({ code: 'FUNCTION_TRANSFER.CONDITIONS_REQUIRED' }));
  });

  it('a returned case is decided by the department without a first review; overdue and figures per agreement', () => {
    const back = returnToDepartment(submitted, '2026-03-04T00:00:00.000Z', 'agreement revoked');
    expect(back.status).toBe('RETURNED_TO_DEPARTMENT');
    expect(decideCase(back, decision('APPROVED')).decision!.overridesFirstReview).toBe(false);
    const at = new Date('2026-03-09T16:00:00.000Z');
    expect(isFirstReviewOverdue(submitted, new Date('2026-03-09T15:59:59.999Z'))).toBe(false);
    expect(isFirstReviewOverdue(submitted, at)).toBe(true);
    const reviewed = recordFirstReview(submitted, review('APPROVE'), new Date('2026-03-03T02:00:00.000Z'));
    const overridden = decideCase({ ...reviewed, id: 'c-2' }, decision('REFUSED'));
    const confirmed = decideCase({ ...reviewed, id: 'c-3' }, decision('APPROVED'));
    const s = caseStats([submitted, reviewed, overridden, confirmed, back], at);
    expect(s).toEqual({
      submitted: 5,
      inFirstReview: 1,
      firstReviewed: 1,
      returnedToDepartment: 1,
      decided: 2,
      overdueFirstReviews: 1,
      firstReviewsLate: 0,
      meanHoursToFirstReview: 24,
      overrideRatePercent: 50,
    });
  });
});
