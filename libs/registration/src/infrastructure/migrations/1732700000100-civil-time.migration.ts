import { In, IsNull, TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { Columns } from '@sop/persistence';
import { civilDateOf, startOfCivilDay } from '@sop/util';
import { decisionDeadline, DECISION_PERIOD_DAYS, PENDING_STATUSES } from '../../domain/registration-application';
import { AnnualReportCycleOrmEntity, ApplicationOrmEntity, PolicyVersionOrmEntity } from '../registration.orm-entities';

const DAY_MS = 86_400_000;

/**
 * Civil time (issue 9): civil dates are Beijing dates.
 *  - Rule sets (registration regime, annual-report cycle) take effect at 00:00 Beijing time of their effective date:
 *    an effective_from stored as an instant moves to the start of its Beijing day (2027-01-01T00:00Z, meant as
 *    1 January, becomes 2026-12-31T16:00Z).
 *  - The 60-day decision deadline follows the Civil Code (Art. 201–203): pending applications get it recomputed from
 *    the start of their period (the old deadline minus 60 days), and every deadline records the holiday-calendar
 *    version that placed it (decision_due_calendar_version; NULL = provisional or decided before civil time).
 * Decided applications keep their deadline as recorded.
 */
export class CivilTime1732700000100 implements MigrationInterface {
  name = 'CivilTime1732700000100';

  async up(q: QueryRunner): Promise<void> {
    const c = new Columns(q);
    await q.addColumn('registration_application', new TableColumn(c.varchar('decision_due_calendar_version', 60, { isNullable: true })));
    const toStartOfBeijingDay = (d: Date) => startOfCivilDay(civilDateOf(d));
    for (const v of await q.manager.find(PolicyVersionOrmEntity)) {
      const effectiveFrom = toStartOfBeijingDay(v.effectiveFrom);
      if (effectiveFrom.getTime() !== v.effectiveFrom.getTime()) await q.manager.update(PolicyVersionOrmEntity, { ruleSetId: v.ruleSetId, version: v.version }, { effectiveFrom });
    }
    for (const cy of await q.manager.find(AnnualReportCycleOrmEntity)) {
      const effectiveFrom = toStartOfBeijingDay(cy.effectiveFrom);
      if (effectiveFrom.getTime() !== cy.effectiveFrom.getTime()) await q.manager.update(AnnualReportCycleOrmEntity, { ruleSetId: cy.ruleSetId, version: cy.version }, { effectiveFrom });
    }
    const pending = await q.manager.find(ApplicationOrmEntity, {
      select: { id: true, decisionDueBy: true },
      where: { status: In([...PENDING_STATUSES]), decisionDueCalendarVersion: IsNull() },
    });
    for (const a of pending) {
      const start = new Date(a.decisionDueBy.getTime() - DECISION_PERIOD_DAYS * DAY_MS);
      await q.manager.update(ApplicationOrmEntity, { id: a.id }, decisionDeadline(start));
    }
  }

  async down(q: QueryRunner): Promise<void> {
    // Effective dates and deadlines stay on Beijing days; only the column goes.
    await q.dropColumn('registration_application', 'decision_due_calendar_version');
  }
}
