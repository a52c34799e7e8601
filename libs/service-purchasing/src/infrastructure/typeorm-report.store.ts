import { Injectable } from '@nestjs/common';
import { DataSource, In, LessThan, MoreThanOrEqual, And } from 'typeorm';
import { ReportStore, type SignedContractRow } from '../application/reports/reports.ports';
import { PurchasingContractOrmEntity, PurchasingProcurementOrmEntity } from './purchasing.orm-entities';

/** The reports' reads on TypeORM: purchasing_contract by signing instant, with the procurements' catalogue items. */
@Injectable()
export class TypeOrmReportStore extends ReportStore {
  constructor(private readonly ds: DataSource) {
    super();
  }

  async contractsSignedBetween(from: Date, before: Date): Promise<SignedContractRow[]> {
    const m = this.ds.manager;
    const rows = await m.find(PurchasingContractOrmEntity, { where: { signedAt: And(MoreThanOrEqual(from), LessThan(before)) }, order: { signedAt: 'ASC', id: 'ASC' } });
    const procurementIds = rows.map((r) => r.procurementId).filter((id): id is string => id !== null);
    const procurements = procurementIds.length ? await m.find(PurchasingProcurementOrmEntity, { where: { id: In(procurementIds) }, select: { id: true, catalogueItemCode: true, catalogueVersion: true } }) : [];
    const byId = new Map(procurements.map((p) => [p.id, p]));
    return rows.map((r) => {
      const p = r.procurementId ? byId.get(r.procurementId) : undefined;
      return {
        id: r.id,
        supplierUscc: r.supplierUscc,
        valueFen: Number(r.valueFen),
        purchaserJurisdiction: r.purchaserJurisdiction,
        signedAt: r.signedAt,
        procurementId: r.procurementId,
        publicService: r.publicService === null || r.publicService === undefined ? null : Boolean(r.publicService),
        catalogue: p ? { itemCode: p.catalogueItemCode, version: p.catalogueVersion } : null,
      };
    });
  }
}
