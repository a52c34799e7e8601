import { Injectable } from '@nestjs/common';
import { DataSource, Like } from 'typeorm';
import type { OrganizationForm, Regime, UnitRole } from '@sop/contracts';
import type { Tx } from '@sop/messaging';
import { isSqlite } from '@sop/persistence';
import { OrganizationStore, type OrganizationRecord, type OrganizationVersion } from '../../application/organizations/organizations.ports';
import { OrganizationOrmEntity, OrganizationVersionOrmEntity } from '../registration.orm-entities';
import { allocateUscc } from './uscc-allocator';

/** The organization register (organization) and its history (organization_version), TypeORM. */
@Injectable()
export class TypeOrmOrganizationStore extends OrganizationStore {
  constructor(private readonly ds: DataSource) {
    super();
  }

  allocateUscc(tx: Tx, form: OrganizationForm, registeringAuthority: string): Promise<string> {
    return allocateUscc(tx.manager, form, registeringAuthority);
  }

  async insertOrganization(tx: Tx, organization: OrganizationRecord): Promise<void> {
    await tx.manager.insert(OrganizationOrmEntity, { ...organization } as OrganizationOrmEntity);
  }

  async updateOrganizationUnit(tx: Tx, uscc: string, change: { unitRole: UnitRole; regime: Regime; policyVersion: string }): Promise<void> {
    await tx.manager.update(OrganizationOrmEntity, { uscc }, change);
  }

  async findOrganization(uscc: string): Promise<OrganizationRecord | null> {
    return this.ds.manager.findOneBy(OrganizationOrmEntity, { uscc });
  }

  async lockOrganization(tx: Tx, uscc: string): Promise<OrganizationRecord | null> {
    if (isSqlite(this.ds)) return tx.manager.findOneBy(OrganizationOrmEntity, { uscc });
    return tx.manager.createQueryBuilder(OrganizationOrmEntity, 'o').setLock('pessimistic_write').where('o.uscc = :uscc', { uscc }).getOne();
  }

  async updateOrganization(tx: Tx, uscc: string, patch: Partial<Omit<OrganizationRecord, 'uscc'>>): Promise<void> {
    await tx.manager.update(OrganizationOrmEntity, { uscc }, patch);
  }

  async appendOrganizationVersion(tx: Tx, v: Omit<OrganizationVersion, 'seq'>): Promise<void> {
    const last = await tx.manager.findOne(OrganizationVersionOrmEntity, { where: { uscc: v.uscc }, order: { seq: 'DESC' } });
    await tx.manager.insert(OrganizationVersionOrmEntity, {
      uscc: v.uscc,
      seq: (last?.seq ?? 0) + 1,
      changeType: v.changeType,
      effectiveAt: v.effectiveAt,
      recordedAt: v.recordedAt,
      recordedBy: v.recordedBy,
      entry: JSON.stringify(v.entry),
      details: v.details ? JSON.stringify(v.details) : null,
    });
  }

  async organizationHistory(uscc: string): Promise<OrganizationVersion[]> {
    const rows = await this.ds.manager.find(OrganizationVersionOrmEntity, { where: { uscc }, order: { seq: 'ASC' } });
    return rows.map((r) => ({
      uscc: r.uscc,
      seq: r.seq,
      changeType: r.changeType,
      effectiveAt: r.effectiveAt,
      recordedAt: r.recordedAt,
      recordedBy: r.recordedBy,
      entry: JSON.parse(r.entry),
      details: r.details ? JSON.parse(r.details) : null,
    }));
  }

  async listOrganizationsWithSupervisingUnit(tx: Tx, prefix: string): Promise<OrganizationRecord[]> {
    return tx.manager.find(OrganizationOrmEntity, {
      where: { unitRole: 'BUSINESS_SUPERVISING_UNIT', status: 'REGISTERED', registeringAuthority: Like(`${prefix}%`) },
      order: { uscc: 'ASC' },
    });
  }
}
