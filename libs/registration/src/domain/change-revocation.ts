import { LEGAL_REPRESENTATIVE_FIELD, type FieldChange, type OrganizationChangeType, type RegisterEntry } from './organization-lifecycle';
import { RegistrationErrors } from './registration.errors';

/** What the register's history holds of a version (enough to find a change and what followed it). */
export interface HistoryVersion {
  seq: number;
  changeType: OrganizationChangeType;
  effectiveAt: Date;
  details: Record<string, unknown> | null;
}

/**
 * Legal basis of revoking a change registration (撤销变更登记): the registration regulations' fraud clauses apply to
 * change registration as to establishment (社团条例 Art. 29; 民非条例 Art. 24; 基金会条例 Art. 41), and a permit
 * obtained by fraud is revoked under 行政许可法 Art. 69 para. 2. A fraudulent one is serious-list trigger 2 (regulations §5.2).
 */
export const CHANGE_REVOCATION_BASIS = '社团条例 Art. 29; 民非条例 Art. 24; 基金会条例 Art. 41; 行政许可法 Art. 69';

export interface ChangeRevocationPlan {
  change: HistoryVersion;
  /** Each changed field back to its value before the change (from = the changed value). */
  restored: FieldChange[];
}

/**
 * Plans the revocation of change registration `changeSeq`: it must be a CHANGED version not yet revoked, and no
 * later change still in force may have changed one of its fields again (the restored value would overwrite it:
 * revoke the later one first). The register entry must still hold the changed values.
 */
export function planChangeRevocation(history: HistoryVersion[], changeSeq: number, current: RegisterEntry): ChangeRevocationPlan {
  const change = history.find((v) => v.seq === changeSeq && v.changeType === 'CHANGED');
  if (!change) throw new RegistrationErrors.CHANGE_NOT_FOUND(`no change registration with sequence ${changeSeq} in the organization's history`);
  const revokedSeqs = new Set(history.filter((v) => v.changeType === 'CHANGE_REVOKED').map((v) => Number(v.details?.['revokedSeq'])));
  if (revokedSeqs.has(changeSeq)) throw new RegistrationErrors.CHANGE_ALREADY_REVOKED(`change registration ${changeSeq} was already revoked`);
  const changes = (change.details?.['changes'] ?? []) as FieldChange[];
  const fields = new Set(changes.map((c) => c.field));
  const later = history.filter((v) => v.seq > changeSeq && v.changeType === 'CHANGED' && !revokedSeqs.has(v.seq));
  for (const v of later) {
    const again = ((v.details?.['changes'] ?? []) as FieldChange[]).find((c) => fields.has(c.field));
    if (again) {
      throw new RegistrationErrors.CHANGE_SUPERSEDED(`change registration ${v.seq} changed ${again.field} again; revoke it first`, {
        violations: [{ field: 'seq', rule: 'latestChangeOfField', message: `${again.field} was changed again by version ${v.seq}` }],
      });
    }
  }
  const restored = changes.map((c) => {
    const now = c.field === LEGAL_REPRESENTATIVE_FIELD ? current.legalRepresentativeName : String(current[c.field as keyof RegisterEntry]);
    if (now !== c.to) throw new RegistrationErrors.CHANGE_SUPERSEDED(`${c.field} no longer holds the value that change ${changeSeq} set`);
    return { field: c.field, from: c.to, to: c.from };
  });
  return { change, restored };
}
