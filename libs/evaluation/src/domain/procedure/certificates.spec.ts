import { civilDate } from '@sop/util';
import { assertReturnable, assertVoidable, certificateNumbers, type CertificateRecord } from './certificates';

const cert: CertificateRecord = {
  certificateId: 'c1', uscc: 'u', gradeId: 'g1', procedureId: null, grade: '4A', evaluatingAuthority: '110108', year: 2026, sequence: 7,
  certificateNumber: 'C110108-2026-4A-00007', plaqueNumber: 'P110108-2026-4A-00007', issuedAt: new Date('2026-07-10T02:00:00Z'), status: 'ISSUED', returnedAt: null, voidedAt: null, voidAnnouncement: null,
};

describe('certificates and plaques (regulations §6)', () => {
  it('numbers by authority, Beijing year of issue, grade and sequence', () => {
    expect(certificateNumbers('110108', new Date('2026-12-31T16:30:00Z'), '3A', 12)).toEqual({ year: 2027, certificateNumber: 'C110108-2027-3A-00012', plaqueNumber: 'P110108-2027-3A-00012' });
  });

  it('due back only after a lowering or cancellation; voided only once the 15 days have run out', () => {
    expect(() => assertReturnable(cert, null)).toThrow(expect.objectContaining({ code: 'EVALUATION.CERTIFICATE_NOT_DUE' }));
    const due = { adjustmentId: 'a1', dueOn: civilDate('2026-08-17') };
    expect(() => assertReturnable(cert, due)).not.toThrow();
    expect(() => assertReturnable({ ...cert, status: 'RETURNED' }, due)).toThrow(expect.objectContaining({ code: 'EVALUATION.CERTIFICATE_NOT_DUE' }));
    expect(() => assertVoidable(cert, due, new Date('2026-08-17T15:59:59Z'))).toThrow(expect.objectContaining({ code: 'EVALUATION.CERTIFICATE_RETURN_PERIOD_RUNNING' }));
    expect(assertVoidable(cert, due, new Date('2026-08-17T16:00:00Z'))).toBe('2026-08-17');
  });
});
