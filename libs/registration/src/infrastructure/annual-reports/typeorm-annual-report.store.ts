import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { OrganizationForm } from '@sop/contracts';
import type { Tx } from '@sop/messaging';
import type { AnnualReportCycle, AnnualReportOutcome } from '../../domain/annual-report-cycle';
import { AnnualReportStore, type AnnualReportRecord, type OverdueCandidate } from '../../application/annual-reports/annual-reports.ports';
import { AnnualReportCycleDueDateOrmEntity, AnnualReportCycleOrmEntity, AnnualReportOrmEntity, AnnualReportOverdueOrmEntity, OrganizationOrmEntity } from '../registration.orm-entities';
import { insertOnce, managerOf } from '../typeorm-helpers';

/** Annual-report cycles (rule data), reports and once-only overdue findings, TypeORM. */
@Injectable()
export class TypeOrmAnnualReportStore extends AnnualReportStore {
  constructor(private readonly ds: DataSource) {
    super();
  }

  async cycles(): Promise<AnnualReportCycle[]> {
    const cycles = await this.ds.manager.find(AnnualReportCycleOrmEntity, { order: { ruleSetId: 'ASC', version: 'ASC' } });
    const dueDates = await this.ds.manager.find(AnnualReportCycleDueDateOrmEntity, { order: { ruleSetId: 'ASC', version: 'ASC', form: 'ASC' } });
    return cycles.map((c) => ({
      ...c,
      dueDates: dueDates.filter((d) => d.ruleSetId === c.ruleSetId && d.version === c.version).map(({ form, dueMonth, dueDay, source }) => ({ form, dueMonth, dueDay, source })),
    }));
  }

  async findReport(tx: Tx | null, uscc: string, reportYear: number): Promise<AnnualReportRecord | null> {
    return managerOf(this.ds, tx).findOneBy(AnnualReportOrmEntity, { uscc, reportYear });
  }

  async listReports(uscc: string): Promise<AnnualReportRecord[]> {
    return this.ds.manager.find(AnnualReportOrmEntity, { where: { uscc }, order: { reportYear: 'DESC' } });
  }

  async insertReport(tx: Tx, report: AnnualReportRecord): Promise<void> {
    await tx.manager.insert(AnnualReportOrmEntity, report);
  }

  async saveReview(tx: Tx, uscc: string, reportYear: number, review: { outcome: AnnualReportOutcome; reviewedBy: string; reviewedAt: Date }): Promise<void> {
    await tx.manager.update(AnnualReportOrmEntity, { uscc, reportYear }, review);
  }

  async overdueCandidates(form: OrganizationForm, reportYear: number, registeredBefore: Date, dueEnd: Date, limit: number): Promise<OverdueCandidate[]> {
    const rows = await this.ds.manager
      .createQueryBuilder(OrganizationOrmEntity, 'o')
      .select(['o.uscc', 'o.registeringAuthority'])
      .where("o.status = 'REGISTERED'")
      .andWhere('o.form = :form', { form })
      .andWhere('o.registered_at < :registeredBefore', { registeredBefore })
      .andWhere(
        'NOT EXISTS (SELECT 1 FROM annual_report r WHERE r.uscc = o.uscc AND r.report_year = :year AND r.submitted_at < :dueEnd)',
        { year: reportYear, dueEnd },
      )
      .andWhere('NOT EXISTS (SELECT 1 FROM annual_report_overdue d WHERE d.uscc = o.uscc AND d.report_year = :year)', { year: reportYear })
      .orderBy('o.uscc', 'ASC')
      .limit(limit)
      .getMany();
    return rows.map((r) => ({ uscc: r.uscc, registeringAuthority: r.registeringAuthority }));
  }

  recordOverdue(tx: Tx, finding: { uscc: string; reportYear: number; dueDate: string; detectedAt: Date; ruleVersion: string }): Promise<boolean> {
    return insertOnce(tx, AnnualReportOverdueOrmEntity, finding);
  }
}
