import { Injectable, Logger } from '@nestjs/common';
import { AnnualReportOverdue, ORGANIZATION_FORMS } from '@sop/contracts';
import { UnitOfWork } from '@sop/messaging';
import { Clock } from '@sop/util';
import { cycleInForce, cycleVersion, dueDate, dueEnd, latestOverdueYear, overdueOn, registeredBeforeForScope } from '../../domain/annual-report-cycle';
import { AnnualReportStore } from './annual-reports.ports';

const BATCH = 200;

/**
 * From 00:00 Beijing time the day after the due date (the due date ends at 24:00 Beijing time): one AnnualReportOverdue per organization in scope that has no report
 * submitted by the deadline (regulations §4). The finding row (primary key USCC + year) and the event commit
 * together, so re-runs, overlapping scheduler instances and crashes never publish twice. Looks at the latest overdue
 * year and the one before, so a scheduler that was down for up to a year still catches up; the event carries the day the
 * default took effect (overdueOn, from the cycle) apart from when it was detected, so a late run reports the same date.
 */
@Injectable()
export class DetectOverdueAnnualReports {
  private readonly logger = new Logger('AnnualReports');

  constructor(
    private readonly uow: UnitOfWork,
    private readonly reports: AnnualReportStore,
    private readonly clock: Clock,
  ) {}

  async detectOverdue(): Promise<number> {
    const now = this.clock.now();
    const cycle = cycleInForce(await this.reports.cycles(), now);
    let published = 0;
    // Per form: the due date is rule data per form (基金会条例 Art. 36: 31 March; 社团条例 Art. 28, 民非条例 Art. 23: 31 May).
    for (const form of ORGANIZATION_FORMS) {
      const latest = latestOverdueYear(cycle, form, now);
      for (const reportYear of [latest - 1, latest]) {
        const deadline = dueEnd(cycle, form, reportYear);
        for (;;) {
          const candidates = await this.reports.overdueCandidates(form, reportYear, registeredBeforeForScope(cycle, reportYear), deadline, BATCH);
          if (!candidates.length) break;
          let progressed = 0;
          for (const c of candidates) {
            const recorded = await this.uow.run(async (tx) => {
              const finding = { uscc: c.uscc, reportYear, dueDate: dueDate(cycle, form, reportYear), detectedAt: now, ruleVersion: cycleVersion(cycle) };
              if (!(await this.reports.recordOverdue(tx, finding))) return false;
              await tx.publish(AnnualReportOverdue, { subject: c.uscc,
                policyVersion: finding.ruleVersion,
                data: {
                  uscc: c.uscc,
                  registeringAuthority: c.registeringAuthority,
                  reportYear,
                  dueDate: finding.dueDate,
                  detectedAt: now.toISOString(),
                  overdueOn: overdueOn(cycle, form, reportYear),
                  ruleVersion: finding.ruleVersion,
                },
              });
              return true;
            });
            if (recorded) published++;
            progressed++;
          }
          if (progressed < BATCH) break;
        }
      }
    }
    if (published) this.logger.log(`${published} annual report(s) overdue`);
    return published;
  }
}
