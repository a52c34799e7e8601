import { Injectable, Optional } from '@nestjs/common';
import { Between, DataSource, In, Like } from 'typeorm';
import { OfficialCalendars, type Tx } from '@sop/messaging';
import { isSqlite } from '@sop/persistence';
import type { RegistrationApplication } from '../../domain/registration-application';
import type { ApplicationFact } from '../../domain/regime-metrics';
import { ApplicationStore } from '../../application/applications/applications.ports';
import { ApplicationOrmEntity } from '../registration.orm-entities';
import { managerOf } from '../typeorm-helpers';
import { applicationFromRow, applicationToRow } from './application.mapper';

/** Applications in the registration_application table (TypeORM; MySQL/MariaDB and SQLite). */
@Injectable()
export class TypeOrmApplicationStore extends ApplicationStore {
  constructor(
    private readonly ds: DataSource,
    @Optional() private readonly calendars?: OfficialCalendars,
  ) {
    super();
  }

  private fromRow = (row: ApplicationOrmEntity): RegistrationApplication => applicationFromRow(row, this.calendars?.current());

  async addApplication(tx: Tx, application: RegistrationApplication): Promise<void> {
    await tx.manager.createQueryBuilder().insert().into(ApplicationOrmEntity).values(applicationToRow(application.snapshot)).updateEntity(false).execute();
  }

  /** An application read earlier in the same transaction: one UPDATE by id (save() would read the row again first). */
  async saveApplication(tx: Tx, application: RegistrationApplication): Promise<void> {
    const { id, ...changes } = applicationToRow(application.snapshot);
    await tx.manager.update(ApplicationOrmEntity, { id }, changes);
  }

  async findApplication(tx: Tx | null, id: string, forUpdate = false): Promise<RegistrationApplication | null> {
    const manager = managerOf(this.ds, tx);
    const row =
      tx && forUpdate && !isSqlite(this.ds)
        ? await manager.createQueryBuilder(ApplicationOrmEntity, 'a').setLock('pessimistic_write').where('a.id = :id', { id }).getOne()
        : await manager.findOneBy(ApplicationOrmEntity, { id });
    return row ? this.fromRow(row) : null;
  }

  async listApplicationsNamingUnit(unitId: string, limit: number): Promise<RegistrationApplication[]> {
    const rows = await this.ds.manager.find(ApplicationOrmEntity, { where: { unitId }, order: { submittedAt: 'DESC' }, take: limit });
    return rows.map(this.fromRow);
  }

  async listPendingApplications(tx: Tx, prefix: string): Promise<RegistrationApplication[]> {
    const rows = await tx.manager.findBy(ApplicationOrmEntity, {
      status: In(['AWAITING_CONSENT', 'SUBMITTED']),
      regime: 'DUAL_MANAGEMENT',
      registeringAuthority: Like(`${prefix}%`),
    });
    return rows.map(this.fromRow);
  }

  async nameTaken(tx: Tx, registeringAuthority: string, name: string, exceptApplicationId?: string): Promise<boolean> {
    // One round trip for both registers (an organization's name, or a pending application's), on their indexes.
    const rows: { taken: number | string }[] = await tx.manager.query(
      `SELECT (EXISTS (SELECT 1 FROM organization WHERE registering_authority = ? AND name = ?)
            OR EXISTS (SELECT 1 FROM registration_application WHERE registering_authority = ? AND proposed_name = ?
                       AND status IN ('AWAITING_CONSENT', 'SUBMITTED') AND id <> ?)) AS taken`,
      [registeringAuthority, name, registeringAuthority, name, exceptApplicationId ?? ''],
    );
    return Number(rows[0]?.taken ?? 0) === 1;
  }

  async applicationFacts(prefix: string, from: Date, to: Date): Promise<ApplicationFact[]> {
    const rows = await this.ds.manager.find(ApplicationOrmEntity, {
      select: { regime: true, status: true, submittedAt: true, consentDecidedAt: true, decidedAt: true, reroutedFromPolicyVersion: true },
      where: { registeringAuthority: Like(`${prefix}%`), submittedAt: Between(from, new Date(to.getTime() - 1)) },
    });
    return rows.map((r) => ({
      regime: r.regime,
      status: r.status,
      submittedAt: r.submittedAt,
      consentDecidedAt: r.consentDecidedAt,
      decidedAt: r.decidedAt,
      reroutedFromPolicyVersion: r.reroutedFromPolicyVersion ?? null,
    }));
  }
}
