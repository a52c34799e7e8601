import type { OrganizationForm } from '@sop/contracts';
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
  effectiveFrom: new Date('2016-01-01T00:00:00Z'),
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

/** Last day (UTC date) for `form` to submit the report for `reportYear`: its due month/day of the following year. */
export function dueDate(cycle: AnnualReportCycle, form: OrganizationForm, reportYear: number): string {
  const { dueMonth, dueDay } = dueOf(cycle, form);
  return new Date(Date.UTC(reportYear + 1, dueMonth - 1, dueDay)).toISOString().slice(0, 10);
}

/** The end of the due date: a report submitted after this instant is late. */
export function dueEnd(cycle: AnnualReportCycle, form: OrganizationForm, reportYear: number): Date {
  const { dueMonth, dueDay } = dueOf(cycle, form);
  return new Date(Date.UTC(reportYear + 1, dueMonth - 1, dueDay + 1));
}

/** Overdue detection runs from the day after the form's due date (00:00 UTC). */
export function overdueDetectableFrom(cycle: AnnualReportCycle, form: OrganizationForm, reportYear: number): Date {
  return dueEnd(cycle, form, reportYear);
}

/** Registered before this instant = registered at least `minMonthsRegistered` months at 31 Dec of the report year. */
export function registeredBeforeForScope(cycle: AnnualReportCycle, reportYear: number): Date {
  return new Date(Date.UTC(reportYear, 12 - cycle.minMonthsRegistered, 1));
}

export function inScope(cycle: AnnualReportCycle, reportYear: number, registeredAt: Date): boolean {
  return registeredAt.getTime() < registeredBeforeForScope(cycle, reportYear).getTime();
}

/** The latest report year whose deadline for `form` has passed at `now`. */
export function latestOverdueYear(cycle: AnnualReportCycle, form: OrganizationForm, now: Date): number {
  const y = now.getUTCFullYear() - 1;
  return now.getTime() >= overdueDetectableFrom(cycle, form, y).getTime() ? y : y - 1;
}
