import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { OrganizationCategory } from '@sop/contracts';
import type { Tx } from '@sop/messaging';
import { isSqlite } from '@sop/persistence';
import { SupplierStore, type StoredMeasureSet, type Supplier, type SupplierRegistration } from '../application/suppliers/suppliers.ports';
import type { SupplierStatus } from '../domain/supplier-eligibility';
import { managerOf } from './entity-manager';
import { PurchasingJointMeasuresOrmEntity, PurchasingSupplierOrmEntity } from './purchasing.orm-entities';

/** The supplier register and credit measures on TypeORM (tables purchasing_supplier, purchasing_joint_measures). */
@Injectable()
export class TypeOrmSupplierStore extends SupplierStore {
  constructor(private readonly ds: DataSource) {
    super();
  }

  async supplier(tx: Tx | null, uscc: string): Promise<Supplier | null> {
    const r = await managerOf(this.ds, tx).findOneBy(PurchasingSupplierOrmEntity, { uscc });
    if (!r) return null;
    return {
      uscc: r.uscc,
      name: r.name,
      form: r.form,
      category: r.category as OrganizationCategory,
      registeringAuthority: r.registeringAuthority,
      registeredAt: r.registeredAt,
      status: (r.status ?? 'ACTIVE') as SupplierStatus,
      statusChangedAt: r.statusChangedAt,
      registrationEventId: r.lastEventId,
      statusEventId: r.statusEventId,
    };
  }

  async saveRegistration(tx: Tx, s: SupplierRegistration): Promise<void> {
    // The upsert names only register fields: status keeps its value (new rows get the column default ACTIVE).
    await tx.manager.upsert(
      PurchasingSupplierOrmEntity,
      {
        uscc: s.uscc,
        name: s.name,
        form: s.form,
        category: s.category,
        registeringAuthority: s.registeringAuthority,
        registeredAt: s.registeredAt,
        categoryPriority: s.categoryPriority,
        lastEventId: s.eventId,
      },
      ['uscc'],
    );
  }

  async lockSupplierFacts(tx: Tx, uscc: string): Promise<void> {
    if (isSqlite(tx.manager.connection)) return; // one writer at a time anyway
    // FOR UPDATE on the supplier and its measure row (a gap lock when absent): a concurrent measure change or
    // revocation waits for the signing to commit, and the signing reads the committed facts.
    await tx.manager.createQueryBuilder(PurchasingSupplierOrmEntity, 's').setLock('pessimistic_write').where('s.uscc = :uscc', { uscc }).getOne();
    await tx.manager.createQueryBuilder(PurchasingJointMeasuresOrmEntity, 'j').setLock('pessimistic_write').where('j.uscc = :uscc', { uscc }).getOne();
  }

  async setSupplierStatus(tx: Tx, uscc: string, status: SupplierStatus, at: Date, eventId: string): Promise<void> {
    await tx.manager.update(PurchasingSupplierOrmEntity, { uscc }, { status, statusChangedAt: at, statusEventId: eventId });
  }

  async measures(tx: Tx | null, uscc: string): Promise<StoredMeasureSet | null> {
    const r = await managerOf(this.ds, tx).findOneBy(PurchasingJointMeasuresOrmEntity, { uscc });
    if (!r) return null;
    return {
      lists: JSON.parse(r.lists) as string[],
      measures: JSON.parse(r.measures) as string[],
      effectiveFrom: r.effectiveFrom.toISOString(),
      ruleVersion: r.ruleVersion,
      eventId: r.eventId,
      receivedAt: r.receivedAt,
    };
  }

  async saveMeasures(tx: Tx, uscc: string, set: StoredMeasureSet): Promise<void> {
    await tx.manager.upsert(
      PurchasingJointMeasuresOrmEntity,
      {
        uscc,
        lists: JSON.stringify(set.lists),
        measures: JSON.stringify(set.measures),
        effectiveFrom: new Date(set.effectiveFrom),
        ruleVersion: set.ruleVersion,
        eventId: set.eventId,
        receivedAt: set.receivedAt,
      },
      ['uscc'],
    );
  }
}
