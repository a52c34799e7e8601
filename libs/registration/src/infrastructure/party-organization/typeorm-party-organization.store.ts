import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Tx } from '@sop/messaging';
import type { CivilDate } from '@sop/util';
import {
  PartyOrganizationStore,
  type CoverageRow,
  type OverdueCandidate,
  type PartyOrganizationRecord,
  type PartyOrganizationStatus,
} from '../../application/party-organization/party-organization.ports';
import { PartyOrganizationRecordOrmEntity, PartyOrganizationStatusOrmEntity } from '../registration.orm-entities';
import { managerOf } from '../typeorm-helpers';

const asRecord = (row: PartyOrganizationRecordOrmEntity | PartyOrganizationStatusOrmEntity): PartyOrganizationRecord => ({
  uscc: row.uscc,
  seq: row.seq,
  registeringAuthority: row.registeringAuthority,
  form: row.form,
  fullPartyMembers: row.fullPartyMembers,
  organizationName: row.organizationName,
  jointWithUscc: row.jointWithUscc,
  establishedOn: row.establishedOn as CivilDate | null,
  source: row.source,
  reportYear: row.reportYear,
  effectiveAt: row.effectiveAt,
  recordedAt: row.recordedAt,
  recordedBy: row.recordedBy,
  requiredCoverage: row.requiredCoverage,
  covered: row.covered,
  uncoveredSince: row.uncoveredSince,
  dueOn: row.dueOn as CivilDate | null,
  ruleVersion: row.ruleVersion,
});

/** Party-organization records and the current state, TypeORM (MySQL and SQLite). */
@Injectable()
export class TypeOrmPartyOrganizationStore extends PartyOrganizationStore {
  constructor(private readonly ds: DataSource) {
    super();
  }

  async current(tx: Tx | null, uscc: string): Promise<PartyOrganizationStatus | null> {
    const row = await managerOf(this.ds, tx).findOneBy(PartyOrganizationStatusOrmEntity, { uscc });
    return row ? { ...asRecord(row), episode: row.episode, overdueEpisode: row.overdueEpisode } : null;
  }

  async history(uscc: string): Promise<PartyOrganizationRecord[]> {
    return (await this.ds.manager.find(PartyOrganizationRecordOrmEntity, { where: { uscc }, order: { seq: 'ASC' } })).map(asRecord);
  }

  async append(tx: Tx, record: PartyOrganizationRecord, status: { episode: number; overdueEpisode: number | null }): Promise<void> {
    await tx.manager.insert(PartyOrganizationRecordOrmEntity, record);
    // The primary key (uscc) makes a concurrent first record fail instead of writing two current states.
    if (record.seq === 1) await tx.manager.insert(PartyOrganizationStatusOrmEntity, { ...record, ...status });
    else await tx.manager.update(PartyOrganizationStatusOrmEntity, { uscc: record.uscc }, { ...record, ...status });
  }

  async overdueCandidates(today: CivilDate, afterUscc: string, limit: number): Promise<OverdueCandidate[]> {
    const rows = await this.ds.manager
      .createQueryBuilder(PartyOrganizationStatusOrmEntity, 's')
      .innerJoin('organization', 'o', "o.uscc = s.uscc AND o.status = 'REGISTERED'")
      .where('s.covered = 0')
      .andWhere('(s.overdue_episode IS NULL OR s.overdue_episode < s.episode)')
      .andWhere('(s.due_on IS NULL OR s.due_on < :today)', { today })
      .andWhere('s.uscc > :after', { after: afterUscc })
      .orderBy('s.uscc', 'ASC')
      .limit(limit)
      .getMany();
    return rows.map((r) => ({
      uscc: r.uscc,
      registeringAuthority: r.registeringAuthority,
      form: r.form,
      requiredCoverage: r.requiredCoverage,
      uncoveredSince: r.uncoveredSince as Date,
      dueOn: r.dueOn as CivilDate | null,
      episode: r.episode,
      ruleVersion: r.ruleVersion,
    }));
  }

  async saveDueOn(uscc: string, episode: number, dueOn: CivilDate): Promise<void> {
    await this.ds.manager.update(PartyOrganizationStatusOrmEntity, { uscc, episode, covered: false }, { dueOn });
  }

  async claimOverdue(tx: Tx, uscc: string, episode: number): Promise<boolean> {
    const result = await tx.manager
      .createQueryBuilder()
      .update(PartyOrganizationStatusOrmEntity)
      .set({ overdueEpisode: episode })
      .where('uscc = :uscc AND episode = :episode AND covered = 0', { uscc, episode })
      .andWhere('(overdue_episode IS NULL OR overdue_episode < :episode)', { episode })
      .execute();
    return (result.affected ?? 0) === 1;
  }

  async coverage(divisionPrefix: string, today: CivilDate): Promise<CoverageRow[]> {
    const rows: Record<string, string | number>[] = await this.ds.query(
      `SELECT o.registering_authority AS authority, COUNT(*) AS organizations,
              SUM(CASE WHEN s.uscc IS NULL THEN 1 ELSE 0 END) AS not_recorded,
              SUM(CASE WHEN s.covered = 1 AND s.form = 'OWN' THEN 1 ELSE 0 END) AS covered_own,
              SUM(CASE WHEN s.covered = 1 AND s.form = 'JOINT' THEN 1 ELSE 0 END) AS covered_joint,
              SUM(CASE WHEN s.covered = 1 AND s.form = 'INSTRUCTOR' THEN 1 ELSE 0 END) AS covered_instructor,
              SUM(CASE WHEN s.covered = 0 THEN 1 ELSE 0 END) AS uncovered,
              SUM(CASE WHEN s.covered = 0 AND s.due_on < ? THEN 1 ELSE 0 END) AS overdue
         FROM organization o LEFT JOIN party_organization_status s ON s.uscc = o.uscc
        WHERE o.status = 'REGISTERED' AND o.registering_authority LIKE ?
        GROUP BY o.registering_authority ORDER BY o.registering_authority`,
      [today, `${divisionPrefix}%`],
    );
    return rows.map((r) => ({
      registeringAuthority: String(r['authority']),
      organizations: Number(r['organizations']),
      notRecorded: Number(r['not_recorded']),
      coveredOwn: Number(r['covered_own']),
      coveredJoint: Number(r['covered_joint']),
      coveredInstructor: Number(r['covered_instructor']),
      uncovered: Number(r['uncovered']),
      overdue: Number(r['overdue']),
    }));
  }
}
