import type { OrganizationCategory, OrganizationForm, Regime, UnitRole } from '@sop/contracts';
import { assertFoundingConditions, FOUNDING_CONDITIONS_VERSION, type FoundationType } from './founding-conditions';
import type { RegimeDecision } from './registration-policy';
import { RegistrationErrors } from './registration.errors';
import type { CivilDate, OfficialCalendar } from '@sop/util';
import { authorityDeadline, firmUpDeadline, lastDayOf } from './statutory-periods';

/**
 * AWAITING_CONSENT (dual management: the named supervising unit has not decided) → SUBMITTED (ready for the
 * registrar; direct applications start here) → APPROVED | REFUSED. CONSENT_REFUSED is final.
 */
export type ApplicationStatus = 'AWAITING_CONSENT' | 'SUBMITTED' | 'CONSENT_REFUSED' | 'APPROVED' | 'REFUSED';
export type ConsentStatus = 'NOT_REQUIRED' | 'PENDING' | 'GIVEN' | 'REFUSED';
export const PENDING_STATUSES: readonly ApplicationStatus[] = ['AWAITING_CONSENT', 'SUBMITTED'];

/**
 * Statutory decision period: 60 days from complete documents (社团条例 Art. 12; 民非条例 Art. 11; 基金会条例 Art. 11),
 * counted as the Civil Code counts (Art. 201: from the next Beijing day; Art. 203: off rest days, until 24:00 Beijing).
 */
export const DECISION_PERIOD_DAYS = 60;

/** The decision deadline for complete documents at `at` (the 60 days of 社团条例 Art. 12, Civil Code Art. 201–203). */
export function decisionDeadline(at: Date, calendar?: OfficialCalendar): { decisionDueBy: Date; decisionDueCalendarVersion: string | null } {
  const d = authorityDeadline(at, DECISION_PERIOD_DAYS, calendar);
  return { decisionDueBy: d.endsAt, decisionDueCalendarVersion: d.calendarVersion };
}

export interface UnitRef {
  id: string;
  name: string;
}

export interface LinkedUnit extends UnitRef {
  role: UnitRole;
}

export interface ApplicationFacts {
  proposedName: string;
  form: OrganizationForm;
  category: OrganizationCategory;
  registeringAuthority: string;
  domicile: string;
  purpose: string;
  legalRepresentativeName: string;
  registeredCapitalFen: number;
  individualMembers?: number | null;
  unitMembers?: number | null;
  foundationType?: FoundationType | null;
  /** Reference of the approval to use 中国/全国/中华 in a national name (社团条例 Art. 10 para. 2; regulations §1.1). */
  nameApprovalReference?: string | null;
  /** The supervising unit (业务主管单位) under dual management; under direct registration, an optional guidance unit. */
  supervisingUnit?: UnitRef | null;
}

export interface ApplicationState {
  id: string;
  proposedName: string;
  form: OrganizationForm;
  category: OrganizationCategory;
  registeringAuthority: string;
  domicile: string;
  purpose: string;
  legalRepresentativeName: string;
  registeredCapitalFen: number;
  individualMembers: number | null;
  unitMembers: number | null;
  foundationType: FoundationType | null;
  /** Reference of the approval to use 中国/全国/中华 in the name; null when none was sent (absent on applications stored before). */
  nameApprovalReference?: string | null;
  unit: LinkedUnit | null;
  regime: Regime;
  policyVersion: string;
  regimeSource: string;
  checksVersion: string;
  status: ApplicationStatus;
  consentStatus: ConsentStatus;
  consentDecidedBy: string | null;
  consentDecidedAt: Date | null;
  consentReasons: string[];
  submittedBy: string;
  submittedAt: Date;
  /** 24:00 Beijing time of the decision period's last day (exclusive: overdue from this instant). */
  decisionDueBy: Date;
  /** The holiday calendar that placed the last day; null when provisional (year not yet published) or recorded before civil time. */
  decisionDueCalendarVersion: string | null;
  decidedAt: Date | null;
  decidedBy: string | null;
  decisionReasons: string[];
  decisionLegalBasis: string | null;
  uscc: string | null;
  /** Set when a regime change re-routed the pending application (item 5); the original version stays here. */
  reroutedFromPolicyVersion: string | null;
}

function requireReasons(reasons: readonly string[], article: string): string[] {
  const clean = reasons.map((r) => r.trim()).filter(Boolean);
  if (clean.length === 0) {
    throw new RegistrationErrors.REASONS_REQUIRED(`a refusal states its reasons (${article})`, {
      violations: [{ field: 'reasons', rule: 'reasonsRequired', message: `at least one reason (${article})` }],
    });
  }
  return clean;
}

/** An application for registration and its decisions. Pure rules; persistence maps it. */
export class RegistrationApplication {
  private constructor(private state: ApplicationState) {}

  static submit(id: string, facts: ApplicationFacts, decision: RegimeDecision, submittedBy: string, now: Date, calendar?: OfficialCalendar): RegistrationApplication {
    const individualMembers = facts.individualMembers ?? null;
    const unitMembers = facts.unitMembers ?? null;
    const foundationType = facts.foundationType ?? null;
    assertFoundingConditions({ ...facts, individualMembers, unitMembers, foundationType });
    const dual = decision.regime === 'DUAL_MANAGEMENT';
    if (dual && !facts.supervisingUnit) {
      throw new RegistrationErrors.SUPERVISING_UNIT_REQUIRED(
        `${facts.form} / ${facts.category} registers under dual management (${decision.policyVersion}: ${decision.source}); name the supervising unit whose consent is required (社团条例 Art. 9, 11(2); 民非条例 Art. 8(1); 基金会条例 Art. 9(5))`,
        { violations: [{ field: 'supervisingUnit', rule: 'dualManagement', message: 'required under DUAL_MANAGEMENT' }] },
      );
    }
    const unit: LinkedUnit | null = facts.supervisingUnit
      ? { id: facts.supervisingUnit.id, name: facts.supervisingUnit.name, role: dual ? 'BUSINESS_SUPERVISING_UNIT' : 'BUSINESS_GUIDANCE_UNIT' }
      : null;
    return new RegistrationApplication({
      id,
      proposedName: facts.proposedName,
      form: facts.form,
      category: facts.category,
      registeringAuthority: facts.registeringAuthority,
      domicile: facts.domicile,
      purpose: facts.purpose,
      legalRepresentativeName: facts.legalRepresentativeName,
      registeredCapitalFen: facts.registeredCapitalFen,
      individualMembers,
      unitMembers,
      foundationType,
      nameApprovalReference: facts.nameApprovalReference?.trim() || null,
      unit,
      regime: decision.regime,
      policyVersion: decision.policyVersion,
      regimeSource: decision.source,
      checksVersion: FOUNDING_CONDITIONS_VERSION,
      status: dual ? 'AWAITING_CONSENT' : 'SUBMITTED',
      consentStatus: dual ? 'PENDING' : 'NOT_REQUIRED',
      consentDecidedBy: null,
      consentDecidedAt: null,
      consentReasons: [],
      submittedBy,
      submittedAt: now,
      ...decisionDeadline(now, calendar),
      decidedAt: null,
      decidedBy: null,
      decisionReasons: [],
      decisionLegalBasis: null,
      uscc: null,
      reroutedFromPolicyVersion: null,
    });
  }

  /** Restores a stored application; a provisional decision deadline is placed by the calendar once it has the year. */
  static restore(state: ApplicationState, calendar?: OfficialCalendar): RegistrationApplication {
    const application = new RegistrationApplication({ ...state });
    application.firmUpDecisionDeadline(calendar);
    return application;
  }

  /**
   * A pending application's provisional deadline (calendar version null: the unmoved last day, because the official
   * calendar had no notice for its year) moves off rest days (Civil Code Art. 203) as soon as the calendar has the
   * year. Every pending application written since civil time records a version otherwise (migration 1732700000100
   * recomputed the older ones). Returns true when it moved or was confirmed.
   */
  firmUpDecisionDeadline(calendar?: OfficialCalendar): boolean {
    if (!this.isPending() || this.state.decisionDueCalendarVersion !== null) return false;
    const firm = firmUpDeadline(this.decisionDueOn, calendar);
    if (!firm) return false;
    this.state = { ...this.state, decisionDueBy: firm.endsAt, decisionDueCalendarVersion: firm.calendarVersion };
    return true;
  }

  /** Only the supervising unit the application names decides on consent. */
  namesUnit(unitId: string | undefined): boolean {
    return !!unitId && this.state.unit?.role === 'BUSINESS_SUPERVISING_UNIT' && this.state.unit.id === unitId;
  }

  private assertConsentPending(unitId: string | undefined): void {
    if (!this.namesUnit(unitId)) {
      throw new RegistrationErrors.NOT_NAMED_SUPERVISING_UNIT(`application ${this.state.id} does not name your unit as its supervising unit`);
    }
    if (this.state.status !== 'AWAITING_CONSENT') {
      throw new RegistrationErrors.CONSENT_ALREADY_DECIDED(`application ${this.state.id} is ${this.state.status} (consent ${this.state.consentStatus})`);
    }
  }

  /**
   * The supervising unit's approval document completes the application (社团条例 Art. 11(2)), so the 60-day
   * decision period (Art. 12) runs from consent.
   */
  giveConsent(unitId: string | undefined, by: string, now: Date, calendar?: OfficialCalendar): void {
    this.assertConsentPending(unitId);
    this.state = {
      ...this.state,
      status: 'SUBMITTED',
      consentStatus: 'GIVEN',
      consentDecidedBy: by,
      consentDecidedAt: now,
      ...decisionDeadline(now, calendar),
    };
  }

  refuseConsent(unitId: string | undefined, by: string, reasons: readonly string[], now: Date): void {
    this.assertConsentPending(unitId);
    const clean = requireReasons(reasons, '社团条例 Art. 9; the supervising unit reviews before registration');
    this.state = { ...this.state, status: 'CONSENT_REFUSED', consentStatus: 'REFUSED', consentDecidedBy: by, consentDecidedAt: now, consentReasons: clean };
  }

  /** Throws unless the application can be approved now (consent given under dual management, still pending). */
  assertApprovable(): void {
    if (this.state.status === 'AWAITING_CONSENT' || (this.state.regime === 'DUAL_MANAGEMENT' && this.state.consentStatus !== 'GIVEN')) {
      throw new RegistrationErrors.SUPERVISING_UNIT_CONSENT_REQUIRED(
        `application ${this.state.id} registers under dual management (${this.state.policyVersion}); ${this.state.unit?.name ?? 'its supervising unit'} has not consented (社团条例 Art. 9, 11(2); 民非条例 Art. 8(1); 基金会条例 Art. 9(5))`,
      );
    }
    if (this.state.status !== 'SUBMITTED') {
      throw new RegistrationErrors.APPLICATION_ALREADY_DECIDED(`application ${this.state.id} is ${this.state.status}`);
    }
  }

  approve(officer: string, uscc: string, now: Date): void {
    this.assertApprovable();
    this.state = { ...this.state, status: 'APPROVED', decidedAt: now, decidedBy: officer, uscc };
  }

  /** Refusal by the registration authority, with reasons (社团条例 Art. 12-13; 民非条例 Art. 11; 基金会条例 Art. 11). */
  refuse(officer: string, reasons: readonly string[], legalBasis: string | null, now: Date): void {
    if (!PENDING_STATUSES.includes(this.state.status)) {
      throw new RegistrationErrors.APPLICATION_ALREADY_DECIDED(`application ${this.state.id} is ${this.state.status}`);
    }
    const clean = requireReasons(reasons, '社团条例 Art. 12: a refusal states its reasons');
    this.state = { ...this.state, status: 'REFUSED', decidedAt: now, decidedBy: officer, decisionReasons: clean, decisionLegalBasis: legalBasis?.trim() || null };
  }

  /**
   * A regime change moved this pending dual-management application's (jurisdiction, form, category) to direct
   * registration: the consent step is dropped, the named unit becomes a guidance unit, the new version is
   * recorded and the original kept. If it was still awaiting consent, the application is complete now, so the
   * 60-day period runs from the change. Returns false if nothing changes (already direct or decided).
   */
  rerouteToDirect(decision: RegimeDecision, now: Date, calendar?: OfficialCalendar): boolean {
    if (!PENDING_STATUSES.includes(this.state.status) || this.state.regime !== 'DUAL_MANAGEMENT' || decision.regime !== 'DIRECT') return false;
    const wasAwaiting = this.state.status === 'AWAITING_CONSENT';
    this.state = {
      ...this.state,
      regime: 'DIRECT',
      reroutedFromPolicyVersion: this.state.policyVersion,
      policyVersion: decision.policyVersion,
      regimeSource: decision.source,
      status: 'SUBMITTED',
      consentStatus: wasAwaiting ? 'NOT_REQUIRED' : this.state.consentStatus,
      unit: this.state.unit ? { ...this.state.unit, role: 'BUSINESS_GUIDANCE_UNIT' } : null,
      ...(wasAwaiting ? decisionDeadline(now, calendar) : {}),
    };
    return true;
  }

  isPending(): boolean {
    return PENDING_STATUSES.includes(this.state.status);
  }

  /** Past the statutory decision deadline (from 24:00 Beijing time of its last day) and still undecided. */
  isDecisionOverdue(now: Date): boolean {
    return this.isPending() && now.getTime() >= this.state.decisionDueBy.getTime();
  }

  /** The last day of the decision period (Beijing date), as an officer reads it. */
  get decisionDueOn(): CivilDate {
    return lastDayOf(this.state.decisionDueBy);
  }

  get snapshot(): Readonly<ApplicationState> {
    return this.state;
  }
}
