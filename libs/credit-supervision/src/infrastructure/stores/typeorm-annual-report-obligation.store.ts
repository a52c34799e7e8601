import { Injectable } from '@nestjs/common';
import { IsNull } from 'typeorm';
import type { Tx } from '@sop/messaging';
import { AnnualReportObligationStore } from '../../application/registration-facts/registration-facts.ports';
import { CreditAnnualReportObligationOrmEntity } from '../credit.orm-entities';

/** credit_annual_report_obligation: written only inside the consumer's transaction. */
@Injectable()
export class TypeOrmAnnualReportObligationStore extends AnnualReportObligationStore {
  async addAnnualReportObligation(tx: Tx, o: { overdueEventId: string; uscc: string; reportYear: number }): Promise<void> {
    await tx.manager.insert(CreditAnnualReportObligationOrmEntity, { ...o, submittedAt: null, submittedEventId: null });
  }

  async fulfilAnnualReportObligations(tx: Tx, o: { uscc: string; reportYear: number; submittedAt: Date; submittedEventId: string }): Promise<Map<string, boolean>> {
    await tx.manager.update(
      CreditAnnualReportObligationOrmEntity,
      { uscc: o.uscc, reportYear: o.reportYear, submittedAt: IsNull() },
      { submittedAt: o.submittedAt, submittedEventId: o.submittedEventId },
    );
    const rows = await tx.manager.find(CreditAnnualReportObligationOrmEntity, { where: { uscc: o.uscc } });
    return new Map(rows.map((r) => [r.overdueEventId, r.submittedAt !== null]));
  }
}
