import { civilDateOf, monthsPeriod, type CivilDate, type OfficialCalendar } from '@sop/util';

/**
 * Party-organization coverage of social organizations (regulations §5.1 abnormal-list trigger 2, "Party
 * organization not set up as required"; the 2018 draft regulation's Party-organization clause, §1.4).
 *
 * How an organization is covered:
 *  - OWN: its own primary Party organization (支部 or above);
 *  - JOINT: a joint Party organization with other organizations (联合党支部);
 *  - INSTRUCTOR: a Party-building instructor (党建工作指导员) assigned where an organization cannot set one up yet;
 *  - NONE: nothing yet.
 * What is required depends on its full Party members (rule data, PARTY_BUILDING_V1).
 */
export const PARTY_ORGANIZATION_FORMS = ['OWN', 'JOINT', 'INSTRUCTOR', 'NONE'] as const;
export type PartyOrganizationForm = (typeof PARTY_ORGANIZATION_FORMS)[number];

/** Where a record came from: the registration itself, an annual report, or a change filed afterwards. */
export const PARTY_RECORD_SOURCES = ['REGISTRATION', 'ANNUAL_REPORT', 'CHANGE'] as const;
export type PartyRecordSource = (typeof PARTY_RECORD_SOURCES)[number];

/** The coverage a rule requires: its own organization; its own or a joint one; at least an instructor. */
export type RequiredCoverage = 'OWN' | 'OWN_OR_JOINT' | 'ANY';

export interface PartyBuildingRules {
  id: string;
  version: number;
  /** Full Party members from which the organization must have its own primary organization. */
  ownOrganizationFromMembers: number;
  /** Full Party members from which a joint organization (or its own) is required rather than an instructor. */
  jointOrganizationFromMembers: number;
  /** Months (Civil Code Art. 201-203 periods) from the day the requirement arose to the deadline for meeting it. */
  setUpWithinMonths: number;
  source: string;
}

/**
 * National rule data, version 1:
 *  - 3 full members → its own primary organization: 中国共产党章程 Art. 30 ("凡是有正式党员三人以上的…都应当成立党的基层组织").
 *  - 1-2 full members → its own or a joint organization; none → at least an instructor: 中共中央办公厅《关于加强社会组织
 *    党的建设工作的意见（试行）》(2015), which provides joint organizations where members are too few and instructors
 *    where an organization cannot set one up yet.
 *  - 6 months to set it up: NOT a national figure (regulations.md gives none; the 2015 opinion asks for set-up
 *    together with registration, "同步"); it is rule data marked UNCONFIRMED, to be replaced by a local version or a
 *    confirmed national one.
 */
export const PARTY_BUILDING_V1: PartyBuildingRules = {
  id: 'party-building/national',
  version: 1,
  ownOrganizationFromMembers: 3,
  jointOrganizationFromMembers: 1,
  setUpWithinMonths: 6,
  source:
    '中国共产党章程 Art. 30 (3 full members: own primary organization); 中办《关于加强社会组织党的建设工作的意见（试行）》2015 (joint organizations, instructors); regulations §5.1 (2); set-up period of 6 months UNCONFIRMED (rule data)',
};

export const partyRuleVersion = (rules: PartyBuildingRules) => `${rules.id}@v${rules.version}`;

export interface PartyOrganizationDeclaration {
  form: PartyOrganizationForm;
  fullPartyMembers: number;
  /** The Party organization's name (OWN, JOINT) or the instructor's name (INSTRUCTOR); public register text. */
  organizationName?: string | null;
  /** JOINT: the USCC of the organization that hosts the joint organization, where one does. */
  jointWithUscc?: string | null;
  /** The day it was set up or the instructor assigned (Beijing). */
  establishedOn?: CivilDate | null;
}

export function requiredCoverage(fullPartyMembers: number, rules: PartyBuildingRules): RequiredCoverage {
  if (fullPartyMembers >= rules.ownOrganizationFromMembers) return 'OWN';
  if (fullPartyMembers >= rules.jointOrganizationFromMembers) return 'OWN_OR_JOINT';
  return 'ANY';
}

/** Does the form meet what is required? NONE never does. */
export function meets(form: PartyOrganizationForm, required: RequiredCoverage): boolean {
  if (form === 'NONE') return false;
  if (required === 'OWN') return form === 'OWN';
  if (required === 'OWN_OR_JOINT') return form === 'OWN' || form === 'JOINT';
  return true;
}

export interface PartyOrganizationAssessment {
  requiredCoverage: RequiredCoverage;
  covered: boolean;
  /** From when the organization has not met the requirement (its registration, or the record that broke coverage). */
  uncoveredSince: Date | null;
  /** The last day to meet it (Beijing, ends 24:00); null while covered. */
  dueOn: CivilDate | null;
  ruleVersion: string;
  calendarVersion?: string;
}

/**
 * Assesses a record. `previous` is the organization's current assessment (null for the first record, made at
 * registration): an organization that stays uncovered keeps its original deadline (re-declaring NONE does not buy
 * time), one that becomes uncovered gets a new period from the day of the record.
 */
export function assessPartyOrganization(
  declaration: PartyOrganizationDeclaration,
  effectiveAt: Date,
  previous: Pick<PartyOrganizationAssessment, 'covered' | 'uncoveredSince'> | null,
  rules: PartyBuildingRules,
  calendar: OfficialCalendar | null,
): PartyOrganizationAssessment {
  const required = requiredCoverage(declaration.fullPartyMembers, rules);
  const ruleVersion = partyRuleVersion(rules);
  if (meets(declaration.form, required)) return { requiredCoverage: required, covered: true, uncoveredSince: null, dueOn: null, ruleVersion };
  const uncoveredSince = previous && !previous.covered && previous.uncoveredSince ? previous.uncoveredSince : effectiveAt;
  if (!calendar) return { requiredCoverage: required, covered: false, uncoveredSince, dueOn: null, ruleVersion };
  const due = partyDeadline(uncoveredSince, rules, calendar);
  return { requiredCoverage: required, covered: false, uncoveredSince, dueOn: due.lastDay, ruleVersion, calendarVersion: due.calendarVersion };
}

/**
 * The deadline of an uncovered episode: `setUpWithinMonths` from the day it began (Civil Code Art. 201: counted from
 * the next day; Art. 202: the corresponding day; Art. 203: moved off rest days by the official calendar, which must
 * hold the year: CALENDAR.YEAR_NOT_PUBLISHED otherwise, never a weekends-only guess).
 */
export function partyDeadline(uncoveredSince: Date, rules: PartyBuildingRules, calendar: OfficialCalendar) {
  return monthsPeriod(civilDateOf(uncoveredSince), rules.setUpWithinMonths, calendar);
}

/** A declaration is consistent: OWN/JOINT/INSTRUCTOR need a name; NONE carries none; members are a whole number. */
export function declarationProblems(d: PartyOrganizationDeclaration, rules: PartyBuildingRules): { field: string; rule: string; message: string }[] {
  const problems: { field: string; rule: string; message: string }[] = [];
  if (!Number.isInteger(d.fullPartyMembers) || d.fullPartyMembers < 0) {
    problems.push({ field: 'fullPartyMembers', rule: 'wholeNumber', message: 'full Party members is a whole number ≥ 0' });
  }
  if (d.form !== 'NONE' && !d.organizationName?.trim()) {
    problems.push({ field: 'organizationName', rule: 'requiredForForm', message: `a ${d.form} record names the Party organization or the instructor` });
  }
  if (d.form === 'NONE' && (d.organizationName || d.jointWithUscc || d.establishedOn)) {
    problems.push({ field: 'form', rule: 'noneHasNoDetails', message: 'NONE carries no organization name, host or date' });
  }
  if (d.form !== 'JOINT' && d.jointWithUscc) {
    problems.push({ field: 'jointWithUscc', rule: 'jointOnly', message: 'only a JOINT organization has a host organization' });
  }
  if (d.form === 'OWN' && d.fullPartyMembers < rules.ownOrganizationFromMembers) {
    // 党章 Art. 30: a primary organization needs three full members.
    problems.push({ field: 'fullPartyMembers', rule: 'ownNeedsThree', message: `its own primary Party organization needs at least ${rules.ownOrganizationFromMembers} full members (党章 Art. 30)` });
  }
  return problems;
}
