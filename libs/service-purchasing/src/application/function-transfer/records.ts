import type { Principal } from '@sop/auth';
import type { Tx } from '@sop/messaging';
import type { FunctionCatalogueItem } from '../../domain/function-transfer/catalogue-item';
import { FunctionTransferErrors } from '../../domain/function-transfer/function-transfer.errors';
import type { UndertakerQualification } from '../../domain/function-transfer/qualification';
import type { TransferAgreement } from '../../domain/function-transfer/transfer-agreement';
import type { TransferCase } from '../../domain/function-transfer/transfer-case';
import type { OrganStore } from '../organs/organs.ports';
import type { FunctionTransferStore, RecordKeys, RecordKind } from './function-transfer.ports';

/** The most records one list answers. */
export const LIST_LIMIT = 1000;

export const keysOf = {
  ITEM: (i: FunctionCatalogueItem): RecordKeys => ({ id: i.id, jurisdiction: i.jurisdiction, unitId: i.departmentUnitId, status: i.stage, revision: i.revision }),
  QUALIFICATION: (q: UndertakerQualification): RecordKeys => ({ id: q.id, jurisdiction: q.jurisdiction, uscc: q.uscc, status: q.status, revision: q.revision }),
  AGREEMENT: (a: TransferAgreement): RecordKeys => ({ id: a.id, jurisdiction: a.area, unitId: a.departmentUnitId, uscc: a.uscc, parentId: a.itemId, status: a.status, revision: a.revision }),
  CASE: (c: TransferCase): RecordKeys => ({ id: c.id, unitId: c.departmentUnitId, uscc: c.uscc, parentId: c.agreementId, owner: c.applicantSubject, status: c.status, revision: c.revision }),
};

/** Writes a changed record; a concurrent change committed first is a 409 (the caller reads again and retries). */
export async function saveChanged<T>(store: FunctionTransferStore, tx: Tx, kind: RecordKind, keys: RecordKeys, body: T, at: Date): Promise<void> {
  if (!(await store.update(tx, kind, keys, body, at)))
    throw new FunctionTransferErrors.CONCURRENT_CHANGE(`${kind.toLowerCase()} ${keys.id} was changed concurrently; read it and retry`);
}

/**
 * The transferring department the caller acts for: a purchaser whose unit (token claim unit_id) is a registered
 * state organ (purchasing's organ registry, Order 102 Art. 5) — the government department that transfers functions.
 */
export async function departmentOf(organs: OrganStore, tx: Tx | null, principal: Principal): Promise<{ unitId: string; name: string; jurisdiction: string }> {
  const organ = principal.unitId ? await organs.current(tx, principal.unitId) : null;
  if (!organ || organ.kind !== 'STATE_ORGAN')
    throw new FunctionTransferErrors.DEPARTMENT_NOT_REGISTERED(`unit ${principal.unitId ?? '(none)'} is not a registered state organ`, {
      field: 'unit_id',
      rule: "transferring departments are registered state organs (purchasing's organ registry; regulations §8 item 3)",
    });
  return { unitId: organ.unitId, name: organ.name, jurisdiction: organ.jurisdiction };
}

/** 403 unless the caller acts for `unitId` (its own catalogue, agreements and cases). */
export function assertOwnDepartment(unitId: string, principal: Principal, what: string): void {
  if (principal.unitId !== unitId)
    throw new FunctionTransferErrors.NOT_THE_DEPARTMENT(`${what} belongs to department ${unitId}`, { field: 'unit_id', rule: 'a department acts on its own catalogue, agreements and cases (issue 12 item 8)' });
}
