import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { PurchasingOrganKind } from '@sop/contracts';
import type { Tx } from '@sop/messaging';
import { OrganStore } from '../application/organs/organs.ports';
import type { PurchasingOrganVersion } from '../domain/purchasing-organ';
import { managerOf } from './entity-manager';
import { PurchasingOrganOrmEntity, PurchasingOrganVersionOrmEntity } from './purchasing.orm-entities';

function toVersion(r: PurchasingOrganVersionOrmEntity): PurchasingOrganVersion {
  return { ...r, version: Number(r.version), kind: r.kind as PurchasingOrganKind };
}

/** The purchasing-organ registry on TypeORM (purchasing_organ_version append-only; purchasing_organ the current version per unit). */
@Injectable()
export class TypeOrmOrganStore extends OrganStore {
  constructor(private readonly ds: DataSource) {
    super();
  }

  async insertVersion(tx: Tx, v: PurchasingOrganVersion): Promise<void> {
    await tx.manager.insert(PurchasingOrganVersionOrmEntity, { ...v });
    if (v.version === 1) await tx.manager.insert(PurchasingOrganOrmEntity, { unitId: v.unitId, version: 1, jurisdiction: v.jurisdiction });
    else await tx.manager.update(PurchasingOrganOrmEntity, { unitId: v.unitId, version: v.version - 1 }, { version: v.version, jurisdiction: v.jurisdiction });
  }

  async current(tx: Tx | null, unitId: string): Promise<PurchasingOrganVersion | null> {
    const m = managerOf(this.ds, tx);
    const head = await m.findOneBy(PurchasingOrganOrmEntity, { unitId });
    if (!head) return null;
    const r = await m.findOneBy(PurchasingOrganVersionOrmEntity, { unitId, version: head.version });
    return r ? toVersion(r) : null;
  }

  async history(tx: Tx | null, unitId: string): Promise<PurchasingOrganVersion[]> {
    return (await managerOf(this.ds, tx).find(PurchasingOrganVersionOrmEntity, { where: { unitId }, order: { version: 'ASC' } })).map(toVersion);
  }

  async currentIn(divisionPrefix: string, limit: number): Promise<PurchasingOrganVersion[]> {
    const rows = await this.ds
      .createQueryBuilder(PurchasingOrganVersionOrmEntity, 'v')
      .innerJoin(PurchasingOrganOrmEntity, 'o', 'o.unitId = v.unitId AND o.version = v.version')
      .where('o.jurisdiction LIKE :prefix', { prefix: `${divisionPrefix}%` })
      .orderBy('v.unitId', 'ASC')
      .limit(limit)
      .getMany();
    return rows.map(toVersion);
  }
}
