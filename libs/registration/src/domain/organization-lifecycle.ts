import type { OrganizationForm, Regime, UnitRole } from '@sop/contracts';
import { civilDateOf, startOfCivilDay, type CivilDate, type OfficialCalendar } from '@sop/util';
import { RegistrationErrors } from './registration.errors';
import { filingPeriodExpired } from './statutory-periods';
import { decideRevocation, type RevocationDecision, type RevocationKind, type RevocationRequest, type RevocationSubject } from './revocation-grounds';
import { foundingViolations, type FoundationType } from './founding-conditions';
import { normalizeResidentId, RESIDENT_ID_RULES, residentIdProblem } from './resident-id';

/** Organization lifecycle after registration: change registration, deregistration, revocation (regulations §1). */
export type OrganizationStatus = 'REGISTERED' | 'DEREGISTERED' | 'REVOKED';
export type OrganizationChangeType = 'REGISTERED' | 'CHANGED' | 'CHANGE_REVOKED' | 'SUPERVISION_CONVERTED' | 'DEREGISTERED' | 'REVOKED';

/** The public register entry at one point in time (what history and asOf reads return). */
export interface RegisterEntry {
  name: string;
  form: OrganizationForm;
  registeringAuthority: string;
  domicile: string;
  purpose: string;
  legalRepresentativeName: string;
  registeredCapitalFen: number;
  regime: Regime;
  unitName: string | null;
  unitRole: UnitRole | null;
  status: OrganizationStatus;
  /** Set when status is REVOKED: 吊销 (CERTIFICATE_REVOKED) or 撤销 (REGISTRATION_CANCELLED) (regulations §1). Absent before. */
  revocationKind?: RevocationKind | null;
}

export const CHANGEABLE_FIELDS = ['name', 'domicile', 'purpose', 'registeredCapitalFen'] as const;
export type ChangeableField = (typeof CHANGEABLE_FIELDS)[number];
/** The new legal representative: the name is a public register item, the ID number is personal data (never published). */
export interface LegalRepresentativeInput {
  name: string;
  idNumber: string;
}
export type ChangeRequest = Partial<Pick<RegisterEntry, ChangeableField>> & {
  legalRepresentative?: LegalRepresentativeInput;
  /** Reference of the financial audit done before the change (社团条例 Art. 27; required for social groups). */
  auditReportReference?: string;
  /** A new national name with 中国/全国/中华: the approval's reference (社团条例 Art. 10 para. 2). */
  nameApprovalReference?: string;
};
/** Field name of the legal representative in changes, history and OrganizationChanged (the name only). */
export const LEGAL_REPRESENTATIVE_FIELD = 'legalRepresentativeName';
export interface FieldChange {
  field: ChangeableField | typeof LEGAL_REPRESENTATIVE_FIELD;
  from: string;
  to: string;
}

/**
 * 社团条例 Art. 18; 民非条例 Art. 15: file within 30 days after the supervising unit approved the change — counted
 * from the next Beijing day, off rest days, until 24:00 Beijing time (Civil Code Art. 201–203).
 */
export const CHANGE_FILING_DAYS = 30;
/** 社团条例 Art. 21; 民非条例 Art. 17; 基金会条例 Art. 18: apply within 15 days after liquidation ends (Civil Code Art. 201–203). */
export const DEREGISTRATION_FILING_DAYS = 15;

/** The register item a founding-condition violation concerns in a change (the name's approval reference belongs to the name). */
function changeFieldOf(field: string): string {
  return field === 'proposedName' || field === 'nameApprovalReference' ? 'name' : field;
}

function assertActive(entry: RegisterEntry, uscc: string): void {
  if (entry.status !== 'REGISTERED') {
    throw new RegistrationErrors.ORGANIZATION_NOT_ACTIVE(`organization ${uscc} is ${entry.status}`);
  }
}

/**
 * Validates a change registration and returns the changed fields. Names, domicile, purpose and funds must still
 * meet the founding conditions; under a supervising unit the change needs its approval, filed within 30 days.
 */
export function planChange(
  uscc: string,
  entry: RegisterEntry,
  request: ChangeRequest,
  ctx: {
    now: Date;
    foundationType: FoundationType | null;
    /** The Beijing date the supervising unit approved the change. */
    supervisingUnitApprovedOn: CivilDate | null;
    /** The current legal representative's ID number (decrypted), to tell a new person from the same one. */
    currentLegalRepresentativeIdNumber?: string | null;
    /** The official holiday calendar (default: the shipped one). */
    calendar?: OfficialCalendar;
  },
): FieldChange[] {
  assertActive(entry, uscc);
  request = Object.fromEntries(Object.entries(request).filter(([, v]) => v !== undefined)) as ChangeRequest;
  const { legalRepresentative, auditReportReference, nameApprovalReference, ...fields } = request;
  const changes: FieldChange[] = CHANGEABLE_FIELDS.filter((f) => fields[f] !== undefined && fields[f] !== entry[f]).map((field) => ({
    field,
    from: String(entry[field]),
    to: String(fields[field]),
  }));
  if (legalRepresentative) {
    const lr = checkLegalRepresentativeChange(entry, legalRepresentative, auditReportReference, ctx.currentLegalRepresentativeIdNumber ?? null);
    if (lr) changes.push(lr);
  }
  if (!changes.length) throw new RegistrationErrors.NO_CHANGE('the request changes no registered item');
  const next = { ...entry, ...fields };
  const relevant = new Set([
    RegistrationErrors.NAME_FORM_WORD, RegistrationErrors.NAME_FORBIDDEN_WORD, RegistrationErrors.NAME_DIVISION, RegistrationErrors.NAME_FIELD, RegistrationErrors.NAME_OUT_OF_TOWN_CHAMBER,
    RegistrationErrors.DOMICILE_REQUIRED, RegistrationErrors.PURPOSE_REQUIRED, RegistrationErrors.FUNDS_BELOW_MINIMUM]);
  const violations = foundingViolations({
    proposedName: next.name,
    form: next.form,
    registeringAuthority: next.registeringAuthority,
    domicile: next.domicile,
    purpose: next.purpose,
    legalRepresentativeName: next.legalRepresentativeName,
    registeredCapitalFen: next.registeredCapitalFen,
    individualMembers: null,
    unitMembers: null,
    foundationType: ctx.foundationType ?? (next.form === 'FOUNDATION' ? 'NON_PUBLIC' : null),
    nameApprovalReference: nameApprovalReference ?? null,
  }).filter((v) => relevant.has(v.error) && changes.some((c) => c.field === changeFieldOf(v.field)));
  if (violations.length) {
    throw new violations[0].error(violations.map((v) => v.message).join('; '), {
      violations: violations.map(({ field, rule, message }) => ({ field: field === 'proposedName' ? 'name' : field, rule, message })),
    });
  }
  if (entry.unitRole === 'BUSINESS_SUPERVISING_UNIT') {
    if (!ctx.supervisingUnitApprovedOn) {
      throw new RegistrationErrors.SUPERVISING_UNIT_APPROVAL_REQUIRED('under dual management a change is filed after the supervising unit approved it (社团条例 Art. 18; 民非条例 Art. 15)', {
        violations: [{ field: 'supervisingUnitApprovedOn', rule: 'supervisingUnitApproval', message: 'date of the supervising unit approval' }],
      });
    }
    const today = civilDateOf(ctx.now);
    const filing = ctx.supervisingUnitApprovedOn > today ? null : filingPeriodExpired(ctx.supervisingUnitApprovedOn, CHANGE_FILING_DAYS, ctx.now, ctx.calendar);
    if (!filing || filing.expired) {
      throw new RegistrationErrors.CHANGE_FILING_DEADLINE(`a change is filed within ${CHANGE_FILING_DAYS} days after the supervising unit approved it (社团条例 Art. 18; 民非条例 Art. 15)`, {
        violations: [
          {
            field: 'supervisingUnitApprovedOn',
            rule: 'within30Days',
            message: filing ? `the period ended on ${filing.lastDay} at 24:00 Beijing time (today is ${today})` : `the approval date is after today (${today}, Beijing)`,
          },
        ],
      });
    }
  }
  return changes;
}

/**
 * Change of legal representative (社团条例 Art. 12, 18; 民非条例 Art. 12, 15; 基金会条例 Art. 15): the new person's
 * name and resident ID number (GB 11643 check, the number itself never echoed); for a social group a financial audit
 * precedes the change (社团条例 Art. 27). Returns the public change (names only), or null if it is the same person
 * under the same name.
 */
export function checkLegalRepresentativeChange(
  entry: RegisterEntry,
  next: LegalRepresentativeInput,
  auditReportReference: string | undefined,
  currentIdNumber: string | null,
): FieldChange | null {
  const name = (next.name ?? '').trim();
  if (!name) {
    throw new RegistrationErrors.LEGAL_REPRESENTATIVE_REQUIRED('the legal representative is a registered item (社团条例 Art. 12; 民非条例 Art. 12)', {
      violations: [{ field: 'legalRepresentative.name', rule: 'legalRepresentative', message: 'name of the new legal representative' }],
    });
  }
  const problem = residentIdProblem(next.idNumber);
  if (problem) {
    throw new RegistrationErrors.ID_NUMBER_INVALID(`legalRepresentative.idNumber: ${RESIDENT_ID_RULES[problem]}`, {
      violations: [{ field: 'legalRepresentative.idNumber', rule: `residentId.${problem}`, message: RESIDENT_ID_RULES[problem] }],
    });
  }
  const samePerson = currentIdNumber !== null && normalizeResidentId(currentIdNumber) === normalizeResidentId(next.idNumber);
  if (samePerson && name === entry.legalRepresentativeName) return null;
  // 社团条例 Art. 27: a social group has its finances audited before its legal representative changes.
  if (entry.form === 'SOCIAL_GROUP' && !auditReportReference?.trim()) {
    throw new RegistrationErrors.AUDIT_REQUIRED('a social group changes its legal representative after a financial audit (社团条例 Art. 27)', {
      violations: [{ field: 'auditReportReference', rule: 'financialAuditBeforeChange', message: 'reference of the financial audit report (社团条例 Art. 27)' }],
    });
  }
  return { field: LEGAL_REPRESENTATIVE_FIELD, from: entry.legalRepresentativeName, to: name };
}

/**
 * The instant a change takes effect, from its stated Beijing date: none → now; not after today (Beijing); not before
 * the Beijing day of the latest register entry, and on that same day not before it (so history and asOf stay in
 * order). A stated day takes effect at 00:00 Beijing time.
 */
export function resolveEffectiveAt(effectiveOn: CivilDate | null | undefined, now: Date, latestEffectiveAt: Date | null): Date {
  if (!effectiveOn) return now;
  const today = civilDateOf(now);
  if (effectiveOn > today) {
    throw new RegistrationErrors.CHANGE_EFFECTIVE_DATE('a change is registered once it has taken effect: the effective date may not be in the future', {
      violations: [{ field: 'effectiveOn', rule: 'notInFuture', message: `on or before ${today}` }],
    });
  }
  const latestDay = latestEffectiveAt ? civilDateOf(latestEffectiveAt) : null;
  if (latestEffectiveAt && latestDay && effectiveOn < latestDay) {
    throw new RegistrationErrors.CHANGE_EFFECTIVE_DATE(`the effective date precedes the latest register entry (${latestDay})`, {
      violations: [{ field: 'effectiveOn', rule: 'notBeforeLatestVersion', message: `on or after ${latestDay}` }],
    });
  }
  const at = startOfCivilDay(effectiveOn);
  return latestEffectiveAt && at < latestEffectiveAt ? latestEffectiveAt : at;
}

/**
 * Deregistration after liquidation (a Beijing date, not after today); a filing after the 15-day period (Civil Code
 * Art. 201–203) is recorded as late, not refused. Returns the period's last day as well.
 */
export function checkDeregistration(
  uscc: string,
  entry: RegisterEntry,
  liquidationCompletedOn: CivilDate,
  reason: string,
  now: Date,
  calendar?: OfficialCalendar,
): { filedLate: boolean; filingDueOn: CivilDate } {
  assertActive(entry, uscc);
  if (!reason.trim()) throw new RegistrationErrors.REASONS_REQUIRED('state the deregistration ground (社团条例 Art. 19)');
  if (liquidationCompletedOn > civilDateOf(now)) {
    throw new RegistrationErrors.LIQUIDATION_NOT_COMPLETED('deregistration follows the end of liquidation (社团条例 Art. 20-21)', {
      violations: [{ field: 'liquidationCompletedOn', rule: 'notInFuture', message: `liquidation must have ended (on or before ${civilDateOf(now)}, Beijing)` }],
    });
  }
  const filing = filingPeriodExpired(liquidationCompletedOn, DEREGISTRATION_FILING_DAYS, now, calendar);
  return { filedLate: filing.expired, filingDueOn: filing.lastDay };
}

/** Revocation of an active organization on an enumerated ground (regulations §1; see decideRevocation). */
export function checkRevocation(uscc: string, entry: RegisterEntry, subject: RevocationSubject, request: RevocationRequest, now: Date): RevocationDecision {
  assertActive(entry, uscc);
  return decideRevocation(subject, request, now);
}
