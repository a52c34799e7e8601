import type { OfficialCalendar } from '@sop/util';
import { RegistrationApplication, type ApplicationState } from '../../domain/registration-application';
import type { ApplicationOrmEntity } from '../registration.orm-entities';

/** Maps an application to its row and back: the linked unit as three columns, reasons as JSON text. */
export function applicationToRow(s: Readonly<ApplicationState>): ApplicationOrmEntity {
  return {
    id: s.id,
    proposedName: s.proposedName,
    form: s.form,
    category: s.category,
    registeringAuthority: s.registeringAuthority,
    domicile: s.domicile,
    purpose: s.purpose,
    legalRepresentativeName: s.legalRepresentativeName,
    registeredCapitalFen: s.registeredCapitalFen,
    regime: s.regime,
    policyVersion: s.policyVersion,
    status: s.status,
    submittedBy: s.submittedBy,
    submittedAt: s.submittedAt,
    decisionDueBy: s.decisionDueBy,
    decisionDueCalendarVersion: s.decisionDueCalendarVersion,
    decidedAt: s.decidedAt,
    decidedBy: s.decidedBy,
    uscc: s.uscc,
    individualMembers: s.individualMembers,
    unitMembers: s.unitMembers,
    foundationType: s.foundationType,
    nameApprovalReference: s.nameApprovalReference ?? null,
    unitId: s.unit?.id ?? null,
    unitName: s.unit?.name ?? null,
    unitRole: s.unit?.role ?? null,
    regimeSource: s.regimeSource,
    checksVersion: s.checksVersion,
    consentStatus: s.consentStatus,
    consentDecidedBy: s.consentDecidedBy,
    consentDecidedAt: s.consentDecidedAt,
    consentReasons: s.consentReasons.length ? JSON.stringify(s.consentReasons) : null,
    decisionReasons: s.decisionReasons.length ? JSON.stringify(s.decisionReasons) : null,
    decisionLegalBasis: s.decisionLegalBasis,
    reroutedFromPolicyVersion: s.reroutedFromPolicyVersion,
  };
}

/** The calendar places a provisional decision deadline once it has the year (RegistrationApplication.restore). */
export function applicationFromRow(r: ApplicationOrmEntity, calendar?: OfficialCalendar): RegistrationApplication {
  const { unitId, unitName, unitRole, consentReasons, decisionReasons, ...rest } = r;
  return RegistrationApplication.restore({
    ...rest,
    unit: unitId && unitName && unitRole ? { id: unitId, name: unitName, role: unitRole } : null,
    regimeSource: r.regimeSource ?? '',
    checksVersion: r.checksVersion ?? '',
    decisionDueCalendarVersion: r.decisionDueCalendarVersion ?? null,
    consentStatus: r.consentStatus ?? 'NOT_REQUIRED',
    consentReasons: consentReasons ? (JSON.parse(consentReasons) as string[]) : [],
    decisionReasons: decisionReasons ? (JSON.parse(decisionReasons) as string[]) : [],
  }, calendar);
}
