import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Tx } from '@sop/messaging';
import { ComplianceFactsStore, type AnnualReportRecord, type PenaltyRecord } from '../../application/compliance/compliance.ports';
import type { AnnualInspectionOutcome } from '../../domain/eligibility';
import { EvaluationAnnualReportOrmEntity, EvaluationPenaltyOrmEntity } from '../evaluation.orm-entities';
import { managerOf } from './manager-of';

const annualReportOf = (r: EvaluationAnnualReportOrmEntity): AnnualReportRecord => ({ ...r, overdue: Boolean(r.overdue), outcome: r.outcome as AnnualInspectionOutcome | null });

/** Annual-report years (evaluation_annual_report) and penalties (evaluation_penalty) on TypeORM. */
@Injectable()
export class TypeOrmComplianceFactsStore extends ComplianceFactsStore {
  constructor(private readonly ds: DataSource) {
    super();
  }

  async annualReports(tx: Tx | null, uscc: string): Promise<AnnualReportRecord[]> {
    const rows = await managerOf(this.ds, tx).find(EvaluationAnnualReportOrmEntity, { where: { uscc }, order: { reportYear: 'ASC' } });
    return rows.map(annualReportOf);
  }

  async annualReport(tx: Tx, uscc: string, reportYear: number): Promise<AnnualReportRecord | null> {
    const r = await tx.manager.findOneBy(EvaluationAnnualReportOrmEntity, { uscc, reportYear });
    return r ? annualReportOf(r) : null;
  }

  async saveAnnualReport(tx: Tx, rec: AnnualReportRecord): Promise<void> {
    await tx.manager.upsert(EvaluationAnnualReportOrmEntity, { ...rec }, ['uscc', 'reportYear']);
  }

  async penalties(tx: Tx | null, uscc: string): Promise<PenaltyRecord[]> {
    const rows = await managerOf(this.ds, tx).find(EvaluationPenaltyOrmEntity, { where: { uscc }, order: { decidedAt: 'ASC' } });
    return rows.map((r) => ({ ...r, amountFen: r.amountFen === null ? null : Number(r.amountFen) }));
  }

  async savePenalty(tx: Tx, rec: PenaltyRecord): Promise<void> {
    if (await tx.manager.existsBy(EvaluationPenaltyOrmEntity, { penaltyId: rec.penaltyId })) return;
    await tx.manager.insert(EvaluationPenaltyOrmEntity, { ...rec, amountFen: rec.amountFen === null ? null : String(rec.amountFen) });
  }
}
