import type { TransferMode } from '@sop/contracts';
import { compareCivilDates, parseCivilDate, type CivilDate } from '@sop/util';
import { FunctionTransferErrors } from './function-transfer.errors';

export type AgreementStatus = 'ACTIVE' | 'SUSPENDED' | 'REVOKED';

export interface TakeBack {
  action: 'SUSPENDED' | 'REVOKED';
  forCause: boolean;
  reasons: string[];
  legalBasis: string;
  returnedCaseIds: string[];
  takenBy: string;
  takenAt: string;
  eventId: string;
}

/** A transfer agreement between a department and a qualified organization for one catalogue item and an area (regulations §8 item 3). */
export interface TransferAgreement {
  id: string;
  itemId: string;
  functionArea: string;
  departmentUnitId: string;
  departmentName: string;
  uscc: string;
  organizationName: string;
  qualificationId: string;
  /** The division where the function is transferred. */
  area: string;
  mode: TransferMode;
  procurementId: string | null;
  valueFen: number;
  scope: string;
  serviceStandards: string[];
  termStart: string;
  termEnd: string;
  firstReviewWorkingDays: number;
  supervisor: string;
  status: AgreementStatus;
  takeBacks: TakeBack[];
  concludedBy: string;
  concludedAt: string;
  revision: number;
  eventId: string;
}

/** A term of real Beijing dates that does not end before it starts. */
export function assertTerm(termStart: string, termEnd: string): { start: CivilDate; end: CivilDate } {
  const start = parseCivilDate(termStart);
  const end = parseCivilDate(termEnd);
  if (!start || !end || compareCivilDates(end, start) < 0)
    throw new FunctionTransferErrors.TERM_INVALID(`term ${termStart} to ${termEnd} is not a term`, { field: 'termEnd', rule: 'real dates, end not before start' });
  return { start, end };
}

export function assertModeConsistent(mode: TransferMode, procurementId: string | null | undefined): void {
  if ((mode === 'PURCHASED') !== Boolean(procurementId))
    throw new FunctionTransferErrors.PROCUREMENT_REQUIRED(mode === 'PURCHASED' ? 'a PURCHASED transfer names its procurement' : `a ${mode} transfer names no procurement`, {
      field: 'procurementId',
      rule: 'PURCHASED is awarded through a procurement of this service (regulations §8 item 3)',
    });
}

/** Cases are taken under an active agreement within its term (Beijing date of `day`). */
export function agreementTakesCases(a: TransferAgreement, day: CivilDate): boolean {
  return a.status === 'ACTIVE' && compareCivilDates(a.termStart as CivilDate, day) <= 0 && compareCivilDates(day, a.termEnd as CivilDate) <= 0;
}

/** A take-back: a suspension of an active agreement, or a revocation of an active or suspended one. */
export function assertTakeBackAllowed(a: TransferAgreement, action: 'SUSPENDED' | 'REVOKED'): void {
  if (a.status === 'REVOKED' || (action === 'SUSPENDED' && a.status === 'SUSPENDED'))
    throw new FunctionTransferErrors.ALREADY_TAKEN_BACK(`agreement ${a.id} is ${a.status}`, { field: 'action', rule: 'ACTIVE → SUSPENDED → REVOKED', extensions: { status: a.status } });
}
