import { ProblemError } from '@sop/util';

/**
 * Annual report cycle as rule-set data (regulations §4): the previous year's report is due by a month/day of the
 * following year (31 May: 社团条例 Art. 28, 民非条例 Art. 23); organizations registered less than 6 months at the
 * end of the report year are not in scope (民非年度检查办法 Art. 3); outcomes pass / basic pass / fail.
 */
export interface AnnualReportCycle {
  ruleSetId: string;
  version: number;
  effectiveFrom: Date;
  dueMonth: number;
  dueDay: number;
  minMonthsRegistered: number;
  source: string;
}

export const ANNUAL_REPORT_OUTCOMES = ['PASS', 'BASIC_PASS', 'FAIL'] as const;
export type AnnualReportOutcome = (typeof ANNUAL_REPORT_OUTCOMES)[number];

export const NATIONAL_ANNUAL_REPORT_CYCLE: AnnualReportCycle = {
  ruleSetId: 'annual-report-cycle/national-default',
  version: 1,
  effectiveFrom: new Date('2016-01-01T00:00:00Z'),
  dueMonth: 5,
  dueDay: 31,
  minMonthsRegistered: 6,
  source: '社团条例 Art. 28; 民非条例 Art. 23; 民非年度检查办法 (MCA Order 27) Art. 3-4 (regulations §4)',
};

export function cycleVersion(c: AnnualReportCycle): string {
  return `${c.ruleSetId}@v${c.version}`;
}

/** The cycle version in force at an instant (latest effectiveFrom <= at, ties by version). */
export function cycleInForce(cycles: readonly AnnualReportCycle[], at: Date): AnnualReportCycle {
  const inForce = cycles
    .filter((c) => c.effectiveFrom.getTime() <= at.getTime())
    .sort((a, b) => b.effectiveFrom.getTime() - a.effectiveFrom.getTime() || b.version - a.version);
  if (!inForce.length) throw ProblemError.unprocessable('REGISTRATION.NO_ANNUAL_REPORT_CYCLE', `no annual-report cycle in force at ${at.toISOString()}`);
  return inForce[0];
}

/** Last day (UTC date) to submit the report for `reportYear`: dueMonth/dueDay of the following year. */
export function dueDate(cycle: AnnualReportCycle, reportYear: number): string {
  return new Date(Date.UTC(reportYear + 1, cycle.dueMonth - 1, cycle.dueDay)).toISOString().slice(0, 10);
}

/** The end of the due date: a report submitted after this instant is late. */
export function dueEnd(cycle: AnnualReportCycle, reportYear: number): Date {
  return new Date(Date.UTC(reportYear + 1, cycle.dueMonth - 1, cycle.dueDay + 1));
}

/** Overdue detection runs from the day after the due date (00:00 UTC). */
export function overdueDetectableFrom(cycle: AnnualReportCycle, reportYear: number): Date {
  return dueEnd(cycle, reportYear);
}

/** Registered before this instant = registered at least `minMonthsRegistered` months at 31 Dec of the report year. */
export function registeredBeforeForScope(cycle: AnnualReportCycle, reportYear: number): Date {
  return new Date(Date.UTC(reportYear, 12 - cycle.minMonthsRegistered, 1));
}

export function inScope(cycle: AnnualReportCycle, reportYear: number, registeredAt: Date): boolean {
  return registeredAt.getTime() < registeredBeforeForScope(cycle, reportYear).getTime();
}

/** The latest report year whose deadline has passed at `now`. */
export function latestOverdueYear(cycle: AnnualReportCycle, now: Date): number {
  const y = now.getUTCFullYear() - 1;
  return now.getTime() >= overdueDetectableFrom(cycle, y).getTime() ? y : y - 1;
}
