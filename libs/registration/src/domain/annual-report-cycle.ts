import type { OrganizationForm } from '@sop/contracts';
import { addCivilDays, addCivilMonths, civilDate, civilDateOf, civilYearOf, endOfCivilDay, startOfCivilDay, type CivilDate } from '@sop/util';
import { RegistrationErrors } from './registration.errors';

/**
 * Annual report cycle as rule-set data (regulations §4): the previous year's report is due by a month/day of the
 * following year that depends on the form (foundations 31 March: 基金会条例 Art. 36; social groups and social service
 * organizations 31 May: 社团条例 Art. 28, 民非条例 Art. 23); organizations registered less than 6 months at the
 * end of the report year are not in scope (民非年度检查办法 Art. 3); outcomes pass / basic pass / fail.
 */
export interface AnnualReportCycle {
  ruleSetId: string;
  version: number;
  /** 00:00 Beijing time of the Beijing date the version takes effect. */
  effectiveFrom: Date;
  /** Default due date, for forms the version does not list (version 1: every form). */
  dueMonth: number;
  dueDay: number;
  minMonthsRegistered: number;
  source: string;
  /** Due date per organization form (from version 2): foundations 31 March, the others 31 May. */
  dueDates: FormDueDate[];
}

export interface FormDueDate {
  form: OrganizationForm;
  dueMonth: number;
  dueDay: number;
  source: string;
}

export const ANNUAL_REPORT_OUTCOMES = ['PASS', 'BASIC_PASS', 'FAIL'] as const;
export type AnnualReportOutcome = (typeof ANNUAL_REPORT_OUTCOMES)[number];

/** Version 1 as seeded in 2016: one due date (31 May) for all forms. Kept readable. */
export const NATIONAL_ANNUAL_REPORT_CYCLE_V1: AnnualReportCycle = {
  ruleSetId: 'annual-report-cycle/national-default',
  version: 1,
  effectiveFrom: startOfCivilDay(civilDate('2016-01-01')),
  dueMonth: 5,
  dueDay: 31,
  minMonthsRegistered: 6,
  source: '社团条例 Art. 28; 民非条例 Art. 23; 民非年度检查办法 (MCA Order 27) Art. 3-4 (regulations §4)',
  dueDates: [],
};

/** Version 2 (same effectiveFrom, wins by version): the due date per form (regulations §4). */
export const NATIONAL_ANNUAL_REPORT_CYCLE: AnnualReportCycle = {
  ...NATIONAL_ANNUAL_REPORT_CYCLE_V1,
  version: 2,
  source: '社团条例 Art. 28; 民非条例 Art. 23; 基金会条例 Art. 36; 民非年度检查办法 (MCA Order 27) Art. 3-4 (regulations §4)',
  dueDates: [
    { form: 'FOUNDATION', dueMonth: 3, dueDay: 31, source: '基金会条例 Art. 36: annual work report by 31 March' },
    { form: 'SOCIAL_GROUP', dueMonth: 5, dueDay: 31, source: '社团条例 Art. 28: to the registration authority by 31 May' },
    { form: 'SOCIAL_SERVICE_ORGANIZATION', dueMonth: 5, dueDay: 31, source: '民非条例 Art. 23; 民非年度检查办法 Art. 4: by 31 May' },
  ],
};

/** The due month/day of a form under a cycle version: its per-form row, else the version's default. */
export function dueOf(cycle: AnnualReportCycle, form: OrganizationForm): { dueMonth: number; dueDay: number } {
  const row = cycle.dueDates.find((d) => d.form === form);
  return row ? { dueMonth: row.dueMonth, dueDay: row.dueDay } : { dueMonth: cycle.dueMonth, dueDay: cycle.dueDay };
}

export function cycleVersion(c: AnnualReportCycle): string {
  return `${c.ruleSetId}@v${c.version}`;
}

/** The cycle version in force at an instant (latest effectiveFrom <= at, ties by version). */
export function cycleInForce(cycles: readonly AnnualReportCycle[], at: Date): AnnualReportCycle {
  const inForce = cycles
    .filter((c) => c.effectiveFrom.getTime() <= at.getTime())
    .sort((a, b) => b.effectiveFrom.getTime() - a.effectiveFrom.getTime() || b.version - a.version);
  if (!inForce.length) throw new RegistrationErrors.NO_ANNUAL_REPORT_CYCLE(`no annual-report cycle in force at ${at.toISOString()}`);
  return inForce[0];
}

/**
 * Last day (Beijing date) for `form` to submit the report for `reportYear`: its due month/day of the following year.
 * A date the regulations fix, not a period counted from an event, so it is not moved off rest days (Civil Code Art.
 * 201–203 count periods from an event); it ends at 24:00 Beijing time.
 */
export function dueDate(cycle: AnnualReportCycle, form: OrganizationForm, reportYear: number): CivilDate {
  const { dueMonth, dueDay } = dueOf(cycle, form);
  return civilDate(`${String(reportYear + 1).padStart(4, '0')}-${String(dueMonth).padStart(2, '0')}-${String(dueDay).padStart(2, '0')}`);
}

/** The end of the due date, 24:00 Beijing time: a report submitted from this instant on is late. */
export function dueEnd(cycle: AnnualReportCycle, form: OrganizationForm, reportYear: number): Date {
  return endOfCivilDay(dueDate(cycle, form, reportYear));
}

/** The day the default takes effect: the day after the due date (Beijing). */
export function overdueOn(cycle: AnnualReportCycle, form: OrganizationForm, reportYear: number): CivilDate {
  return addCivilDays(dueDate(cycle, form, reportYear), 1);
}

/** Overdue detection runs from the day after the form's due date, 00:00 Beijing time. */
export function overdueDetectableFrom(cycle: AnnualReportCycle, form: OrganizationForm, reportYear: number): Date {
  return startOfCivilDay(overdueOn(cycle, form, reportYear));
}

/**
 * Registered before this instant = registered at least `minMonthsRegistered` months at the end of 31 December
 * (Beijing) of the report year: registered on a Beijing day D with D + N months ≤ 31 December, i.e. before 00:00
 * Beijing of (1 January next year − N months) — 1 July for 6 months.
 */
export function registeredBeforeForScope(cycle: AnnualReportCycle, reportYear: number): Date {
  return startOfCivilDay(addCivilMonths(civilDate(`${String(reportYear + 1).padStart(4, '0')}-01-01`), -cycle.minMonthsRegistered));
}

export function inScope(cycle: AnnualReportCycle, reportYear: number, registeredAt: Date): boolean {
  return registeredAt.getTime() < registeredBeforeForScope(cycle, reportYear).getTime();
}

/** The Beijing year of an instant (the current report cycle's year: 1 January starts at 00:00 Beijing time). */
export function civilYearAt(now: Date): number {
  return civilYearOf(civilDateOf(now));
}

/** The latest report year whose deadline for `form` has passed at `now`. */
export function latestOverdueYear(cycle: AnnualReportCycle, form: OrganizationForm, now: Date): number {
  const y = civilYearAt(now) - 1;
  return now.getTime() >= overdueDetectableFrom(cycle, form, y).getTime() ? y : y - 1;
}
