import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Tx } from '@sop/messaging';
import { OrganizationStore, type CreditOrganization, type InformationRecord, type RegisteredOrganization } from '../../application/organizations/organizations.ports';
import { CreditInformationOrmEntity, CreditOrganizationOrmEntity } from '../credit.orm-entities';
import { TypeOrmStoreBase } from './typeorm-store.base';

/** credit_organization (projected from registration) and credit_information. */
@Injectable()
export class TypeOrmOrganizationStore extends TypeOrmStoreBase implements OrganizationStore {
  constructor(ds: DataSource) {
    super(ds);
  }

  async organization(tx: Tx | null, uscc: string): Promise<CreditOrganization | null> {
    const o = await this.m(tx).findOneBy(CreditOrganizationOrmEntity, { uscc });
    return o
      ? {
          uscc: o.uscc,
          name: o.name,
          registeringAuthority: o.registeringAuthority,
          registrationStatus: o.registrationStatus,
          nameEffectiveFrom: o.nameEffectiveFrom ?? null,
          domicileEffectiveFrom: o.domicileEffectiveFrom ?? null,
        }
      : null;
  }

  async lockOrganization(tx: Tx, uscc: string): Promise<void> {
    if (tx.manager.connection.options.type === 'better-sqlite3') return; // one writer at a time anyway
    await tx.manager.createQueryBuilder(CreditOrganizationOrmEntity, 'o').setLock('pessimistic_write').where('o.uscc = :uscc', { uscc }).getOne();
  }

  async registerOrganization(tx: Tx, o: RegisteredOrganization, now: Date): Promise<void> {
    await tx.manager.upsert(
      CreditOrganizationOrmEntity,
      {
        uscc: o.uscc,
        name: o.name,
        form: o.form,
        category: o.category,
        registeringAuthority: o.registeringAuthority,
        domicile: o.domicile,
        registrationStatus: 'REGISTERED',
        registeredAt: o.registeredAt,
        updatedAt: now,
      },
      ['uscc'],
    );
  }

  async setRegistrationStatus(tx: Tx, uscc: string, status: string, now: Date): Promise<void> {
    await tx.manager.update(CreditOrganizationOrmEntity, { uscc }, { registrationStatus: status, updatedAt: now });
  }

  async updateRegisterFields(tx: Tx, uscc: string, fields: { name?: string; domicile?: string }, effectiveFrom: Date, now: Date): Promise<void> {
    const patch: Partial<CreditOrganizationOrmEntity> = { updatedAt: now };
    if (fields.name !== undefined) Object.assign(patch, { name: fields.name, nameEffectiveFrom: effectiveFrom });
    if (fields.domicile !== undefined) Object.assign(patch, { domicile: fields.domicile, domicileEffectiveFrom: effectiveFrom });
    await tx.manager.update(CreditOrganizationOrmEntity, { uscc }, patch);
  }

  async hasInformation(tx: Tx, sourceId: string): Promise<boolean> {
    await tx.flushAppends?.(); // information queued in this unit counts
    return (await tx.manager.count(CreditInformationOrmEntity, { where: { sourceEventId: sourceId } })) > 0;
  }

  /** Credit information is insert-only: queued in the unit where it can be (one multi-row insert for a consumed batch). */
  async addInformation(tx: Tx, info: InformationRecord): Promise<void> {
    const row = {
      id: randomUUID(),
      uscc: info.uscc,
      category: info.category,
      factType: info.factType,
      sourceEventId: info.sourceId,
      summary: info.summary,
      occurredAt: info.occurredAt,
      recordedAt: info.recordedAt,
      captureDeadline: info.captureDeadline,
    };
    if (tx.append) tx.append(CreditInformationOrmEntity, row);
    else await tx.manager.insert(CreditInformationOrmEntity, row);
  }
}
