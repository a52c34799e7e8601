/**
 * Grade certificates and plaques (regulations §6 procedure step 7: "issues certificate and plaque to 3A and above";
 * Downgrade/cancellation: returned within 15 days of the notice of a lowering or cancellation, else voided by
 * announcement). The return period itself is certificate-return.ts (recorded on the adjustment).
 */
import { civilYearOf, civilDateOf, endOfCivilDay, type CivilDate } from '@sop/util';
import { EvaluationErrors } from '../evaluation.errors';
import type { EvaluationGrade } from '../evaluation-rules';

export type CertificateStatus = 'ISSUED' | 'RETURNED' | 'VOIDED';

export interface CertificateRecord {
  certificateId: string;
  uscc: string;
  gradeId: string;
  procedureId: string | null;
  grade: EvaluationGrade;
  evaluatingAuthority: string;
  /** Year of issue (Beijing) and the sequence within authority and year: the numbers' parts. */
  year: number;
  sequence: number;
  certificateNumber: string;
  plaqueNumber: string;
  issuedAt: Date;
  status: CertificateStatus;
  returnedAt: Date | null;
  voidedAt: Date | null;
  voidAnnouncement: string | null;
}

/** `<authority>-<year>-<grade>-<sequence>`; the plaque carries the same with a P prefix (numbering UNCONFIRMED: local practice). */
export function certificateNumbers(authority: string, issuedAt: Date, grade: EvaluationGrade, sequence: number): { year: number; certificateNumber: string; plaqueNumber: string } {
  const year = civilYearOf(civilDateOf(issuedAt));
  const body = `${authority}-${year}-${grade}-${String(sequence).padStart(5, '0')}`;
  return { year, certificateNumber: `C${body}`, plaqueNumber: `P${body}` };
}

/** The adjustment of the certificate's grade that makes it due back (the latest after issue), with its last day. */
export interface ReturnDue {
  adjustmentId: string;
  dueOn: CivilDate | null;
}

export function assertReturnable(cert: CertificateRecord, due: ReturnDue | null): void {
  if (cert.status !== 'ISSUED' || !due)
    throw new EvaluationErrors.CERTIFICATE_NOT_DUE(
      cert.status !== 'ISSUED' ? `certificate ${cert.certificateNumber} is already ${cert.status}` : `grade ${cert.gradeId} was not lowered or cancelled since certificate ${cert.certificateNumber} was issued`,
      { field: 'certificateId', rule: 'RETURN_AFTER_LOWERING_OR_CANCELLATION' },
    );
}

/** Voided by announcement: still not returned when the 15 days have run out (24:00 Beijing time of the last day). */
export function assertVoidable(cert: CertificateRecord, due: ReturnDue | null, at: Date): CivilDate {
  assertReturnable(cert, due);
  const dueOn = due!.dueOn;
  if (!dueOn || at.getTime() < endOfCivilDay(dueOn).getTime())
    throw new EvaluationErrors.CERTIFICATE_RETURN_PERIOD_RUNNING(`certificate ${cert.certificateNumber} may be returned until ${dueOn ?? '(period not yet counted)'} (24:00 Beijing time); it is voided only after`, {
      field: 'certificateId',
      rule: 'VOID_AFTER_RETURN_PERIOD',
    });
  return dueOn;
}
