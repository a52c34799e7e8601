import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Tx } from '@sop/messaging';
import { civilDate } from '@sop/util';
import { CatalogueStore } from '../application/catalogue/catalogue.ports';
import { catalogueIdFor, type CatalogueVersion } from '../domain/procurement/catalogue';
import { managerOf } from './entity-manager';
import { PurchasingCatalogueVersionOrmEntity } from './purchasing.orm-entities';

/** Published catalogue versions on TypeORM (items and negative list as JSON text). */
@Injectable()
export class TypeOrmCatalogueStore extends CatalogueStore {
  constructor(private readonly ds: DataSource) {
    super();
  }

  async versions(tx: Tx | null): Promise<CatalogueVersion[]> {
    const rows = await managerOf(this.ds, tx).find(PurchasingCatalogueVersionOrmEntity, { order: { jurisdiction: 'ASC', version: 'ASC' } });
    return rows.map((r) => ({
      ruleSetId: catalogueIdFor(r.jurisdiction),
      jurisdiction: r.jurisdiction,
      version: Number(r.version),
      effectiveFrom: civilDate(r.effectiveFrom),
      items: JSON.parse(r.items),
      negativeList: JSON.parse(r.negativeList),
      source: r.source,
      publishedBy: r.publishedBy,
      publishedAt: r.publishedAt,
      note: r.note,
    }));
  }

  async insertVersion(tx: Tx, v: CatalogueVersion): Promise<void> {
    await tx.manager.insert(PurchasingCatalogueVersionOrmEntity, {
      jurisdiction: v.jurisdiction,
      version: v.version,
      effectiveFrom: v.effectiveFrom,
      items: JSON.stringify(v.items),
      negativeList: JSON.stringify(v.negativeList),
      source: v.source,
      publishedBy: v.publishedBy,
      publishedAt: v.publishedAt,
      note: v.note,
    });
  }
}
