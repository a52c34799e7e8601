import type { TransferAgreement } from '../../../domain/function-transfer/transfer-agreement';
import type { AgreementCaseStats } from '../../../domain/function-transfer/transfer-case';

/** A transfer agreement as the public reads it (issue 12 item 8: agreements are public). */
export function agreementView(a: TransferAgreement, stats?: AgreementCaseStats) {
  const { revision: _r, ...rest } = a;
  return { ...rest, ...(stats ? { cases: stats } : {}) };
}
