import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Tx } from '@sop/messaging';
import type { EndedRegistrationStatus, RegistrationStatus } from '../../domain/registration-status';
import { OrganizationStore, type EvaluationOrganization, type InvestigationRecord, type RegisteredOrganization } from '../../application/organizations/organizations.ports';
import { EvaluationOrganizationOrmEntity } from '../evaluation.orm-entities';
import { managerOf } from './manager-of';

/** The organization projection (evaluation_organization) on TypeORM; its row is also the organization's lock. */
@Injectable()
export class TypeOrmOrganizationStore extends OrganizationStore {
  constructor(private readonly ds: DataSource) {
    super();
  }

  async organization(tx: Tx | null, uscc: string): Promise<EvaluationOrganization | null> {
    const r = await managerOf(this.ds, tx).findOneBy(EvaluationOrganizationOrmEntity, { uscc });
    return r
      ? {
          uscc: r.uscc,
          name: r.name,
          form: r.form,
          category: r.category,
          registeringAuthority: r.registeringAuthority,
          registeredAt: r.registeredAt,
          eligibleFrom: r.eligibleFrom,
          registrationStatus: r.registrationStatus as RegistrationStatus,
          registrationStatusAt: r.registrationStatusAt,
          registrationStatusEventId: r.registrationStatusEventId,
          investigation:
            r.investigationRecordedAt && r.investigationRecordedBy
              ? { underInvestigation: Boolean(r.underInvestigation), basis: r.investigationBasis ?? '', recordedAt: r.investigationRecordedAt, recordedBy: r.investigationRecordedBy }
              : null,
        }
      : null;
  }

  async lockOrganization(tx: Tx, uscc: string): Promise<void> {
    if (tx.manager.connection.options.type === 'better-sqlite3') return; // one writer at a time anyway
    // Locks the projected organization row; where it is not projected yet there is no grade to decide about.
    await tx.manager.createQueryBuilder(EvaluationOrganizationOrmEntity, 'o').setLock('pessimistic_write').where('o.uscc = :uscc', { uscc }).getOne();
  }

  async saveRegistered(tx: Tx, organization: RegisteredOrganization): Promise<void> {
    await tx.manager.upsert(EvaluationOrganizationOrmEntity, { ...organization }, ['uscc']);
  }

  async setInvestigation(tx: Tx, uscc: string, i: InvestigationRecord): Promise<void> {
    await tx.manager.update(EvaluationOrganizationOrmEntity, { uscc }, { underInvestigation: i.underInvestigation, investigationBasis: i.basis, investigationRecordedAt: i.recordedAt, investigationRecordedBy: i.recordedBy });
  }

  async setRegistrationStatus(tx: Tx, uscc: string, status: EndedRegistrationStatus, at: Date, eventId: string): Promise<void> {
    await tx.manager.update(EvaluationOrganizationOrmEntity, { uscc }, { registrationStatus: status, registrationStatusAt: at, registrationStatusEventId: eventId });
  }
}
