import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, IsNull, Not, type EntityManager } from 'typeorm';
import type { Tx } from '@sop/messaging';
import {
  CreditStore,
  type CreditOrganization,
  type InformationRecord,
  type JointMeasuresRecord,
  type LoggedListEvent,
  type Objection,
  type RectificationNotice,
} from '../application/credit.ports';
import type { JointMeasure, ListKind } from '../domain/credit-rules';
import type { ListEntry, ListEvent, ListState } from '../domain/list-state';
import type { Penalty, PenaltyKind } from '../domain/penalty';
import {
  CreditJointMeasuresOrmEntity,
  CreditListEntryOrmEntity,
  CreditListEventOrmEntity,
  CreditObjectionOrmEntity,
  CreditPenaltyOrmEntity,
  CreditRectificationNoticeOrmEntity,
} from './credit-lists.orm-entities';
import { CreditAnnualReportObligationOrmEntity, CreditInformationOrmEntity, CreditOrganizationOrmEntity } from './credit.orm-entities';

@Injectable()
export class TypeOrmCreditStore extends CreditStore {
  constructor(private readonly ds: DataSource) {
    super();
  }

  /** Date query parameter: SQLite stores TypeORM datetimes as 'YYYY-MM-DD HH:mm:ss.SSS' (UTC) text. */
  private dateParam(d: Date): Date | string {
    return this.ds.options.type === 'better-sqlite3' ? d.toISOString().replace('T', ' ').replace('Z', '') : d;
  }

  private m(tx: Tx | null): EntityManager {
    return tx ? tx.manager : this.ds.manager;
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

  async listState(tx: Tx | null, uscc: string): Promise<ListState> {
    const rows = await this.m(tx).find(CreditListEntryOrmEntity, { where: { uscc } });
    return Object.fromEntries(rows.map((r) => [r.entryId, JSON.parse(r.document) as ListEntry]));
  }

  async entry(tx: Tx | null, entryId: string): Promise<ListEntry | null> {
    const row = await this.m(tx).findOneBy(CreditListEntryOrmEntity, { entryId });
    return row ? (JSON.parse(row.document) as ListEntry) : null;
  }

  async appendListEvent(tx: Tx, logged: LoggedListEvent): Promise<void> {
    await tx.manager.insert(CreditListEventOrmEntity, {
      eventId: logged.eventId,
      uscc: logged.event.uscc,
      entryId: logged.event.entryId,
      kind: logged.event.kind,
      payload: JSON.stringify(logged.event),
      effectiveAt: new Date(logged.event.at),
      recordedAt: logged.recordedAt,
      ruleVersion: logged.event.ruleVersion,
    });
  }

  private entryRow(entry: ListEntry, nextDueAt: Date | null): CreditListEntryOrmEntity {
    return {
      entryId: entry.entryId,
      uscc: entry.uscc,
      list: entry.list,
      reason: entry.reason,
      status: entry.status,
      decidingAuthority: entry.decidingAuthority,
      listedAt: new Date(entry.listedAt),
      nextDueAt,
      document: JSON.stringify(entry),
    };
  }

  async saveEntries(tx: Tx, entries: { entry: ListEntry; nextDueAt: Date | null }[]): Promise<void> {
    for (const { entry, nextDueAt } of entries) await tx.manager.save(CreditListEntryOrmEntity, this.entryRow(entry, nextDueAt));
  }

  async listEvents(tx: Tx | null, uscc?: string): Promise<LoggedListEvent[]> {
    const rows = await this.m(tx).find(CreditListEventOrmEntity, { where: uscc ? { uscc } : {}, order: { id: 'ASC' } });
    return rows.map((r) => ({ eventId: r.eventId, event: JSON.parse(r.payload) as ListEvent, recordedAt: r.recordedAt }));
  }

  async allEntries(tx: Tx | null): Promise<ListEntry[]> {
    const rows = await this.m(tx).find(CreditListEntryOrmEntity, { order: { entryId: 'ASC' } });
    return rows.map((r) => JSON.parse(r.document) as ListEntry);
  }

  async replaceAllEntries(tx: Tx, entries: { entry: ListEntry; nextDueAt: Date | null }[]): Promise<void> {
    await tx.manager.delete(CreditListEntryOrmEntity, { entryId: Not(IsNull()) });
    for (let i = 0; i < entries.length; i += 200) {
      await tx.manager.insert(CreditListEntryOrmEntity, entries.slice(i, i + 200).map((e) => this.entryRow(e.entry, e.nextDueAt)));
    }
  }

  async usccsWithTimersDue(now: Date): Promise<string[]> {
    const rows = await this.ds.manager
      .createQueryBuilder(CreditListEntryOrmEntity, 'e')
      .select('DISTINCT e.uscc', 'uscc')
      .where('e.nextDueAt <= :now', { now: this.dateParam(now) })
      .getRawMany<{ uscc: string }>();
    return rows.map((r) => r.uscc).sort();
  }

  async jointMeasures(tx: Tx | null, uscc: string): Promise<JointMeasuresRecord | null> {
    const r = await this.m(tx).findOneBy(CreditJointMeasuresOrmEntity, { uscc });
    return r
      ? {
          uscc,
          lists: (r.lists ? r.lists.split(',') : []) as ListKind[],
          measures: (r.measures ? r.measures.split(',') : []) as JointMeasure[],
          effectiveFrom: r.effectiveFrom,
          ruleVersion: r.ruleVersion,
        }
      : null;
  }

  async saveJointMeasures(tx: Tx, r: JointMeasuresRecord): Promise<void> {
    await tx.manager.save(CreditJointMeasuresOrmEntity, {
      uscc: r.uscc,
      lists: r.lists.join(','),
      measures: r.measures.join(','),
      effectiveFrom: r.effectiveFrom,
      ruleVersion: r.ruleVersion,
    });
  }

  async penalties(tx: Tx | null, uscc: string): Promise<Penalty[]> {
    const rows = await this.m(tx).find(CreditPenaltyOrmEntity, { where: { uscc }, order: { decidedAt: 'ASC' } });
    return rows.map((r) => ({
      penaltyId: r.penaltyId,
      uscc: r.uscc,
      kind: r.kind as PenaltyKind,
      amountFen: r.amountFen === null ? null : Number(r.amountFen),
      suspendedUntil: r.suspendedUntil ? r.suspendedUntil.toISOString() : null,
      decidedAt: r.decidedAt.toISOString(),
      decidingBody: r.decidingBody,
      basis: r.basis,
    }));
  }

  async insertPenalty(tx: Tx, p: Penalty, recordedBy: string, recordedAt: Date): Promise<void> {
    await tx.manager.insert(CreditPenaltyOrmEntity, {
      penaltyId: p.penaltyId,
      uscc: p.uscc,
      kind: p.kind,
      amountFen: p.amountFen === null ? null : String(p.amountFen),
      suspendedUntil: p.suspendedUntil ? new Date(p.suspendedUntil) : null,
      decidedAt: new Date(p.decidedAt),
      decidingBody: p.decidingBody,
      basis: p.basis,
      recordedBy,
      recordedAt,
    });
  }

  async addInformation(tx: Tx, info: InformationRecord): Promise<void> {
    await tx.manager.insert(CreditInformationOrmEntity, {
      id: randomUUID(),
      uscc: info.uscc,
      category: info.category,
      factType: info.factType,
      sourceEventId: info.sourceId,
      summary: info.summary,
      occurredAt: info.occurredAt,
      recordedAt: info.recordedAt,
      captureDeadline: info.captureDeadline,
    });
  }

  async insertNotice(tx: Tx, n: RectificationNotice): Promise<void> {
    await tx.manager.insert(CreditRectificationNoticeOrmEntity, { ...n });
  }
  async notice(tx: Tx | null, id: string): Promise<RectificationNotice | null> {
    const r = await this.m(tx).findOneBy(CreditRectificationNoticeOrmEntity, { id });
    return r ? ({ ...r } as RectificationNotice) : null;
  }
  async updateNotice(tx: Tx, n: RectificationNotice): Promise<void> {
    await tx.manager.save(CreditRectificationNoticeOrmEntity, { ...n });
  }
  async noticesPastDeadline(now: Date): Promise<RectificationNotice[]> {
    const rows = await this.ds.manager
      .createQueryBuilder(CreditRectificationNoticeOrmEntity, 'n')
      .where('n.status = :open AND n.deadline <= :now', { open: 'OPEN', now: this.dateParam(now) })
      .orderBy('n.deadline', 'ASC')
      .getMany();
    return rows.map((r) => ({ ...r }) as RectificationNotice);
  }

  async insertObjection(tx: Tx, o: Objection): Promise<void> {
    await tx.manager.insert(CreditObjectionOrmEntity, { ...o });
  }
  async objection(tx: Tx | null, id: string): Promise<Objection | null> {
    const r = await this.m(tx).findOneBy(CreditObjectionOrmEntity, { id });
    return r ? ({ ...r } as Objection) : null;
  }
  async updateObjection(tx: Tx, o: Objection): Promise<void> {
    await tx.manager.save(CreditObjectionOrmEntity, { ...o });
  }
  async objectionsOf(tx: Tx | null, uscc: string): Promise<Objection[]> {
    const rows = await this.m(tx).find(CreditObjectionOrmEntity, { where: { uscc }, order: { filedAt: 'ASC' } });
    return rows.map((r) => ({ ...r }) as Objection);
  }

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
  async setRegistrationStatus(tx: Tx, uscc: string, status: string, now: Date): Promise<void> {
    await tx.manager.update(CreditOrganizationOrmEntity, { uscc }, { registrationStatus: status, updatedAt: now });
  }
  async updateRegisterFields(tx: Tx, uscc: string, fields: { name?: string; domicile?: string }, effectiveFrom: Date, now: Date): Promise<void> {
    const patch: Partial<CreditOrganizationOrmEntity> = { updatedAt: now };
    if (fields.name !== undefined) Object.assign(patch, { name: fields.name, nameEffectiveFrom: effectiveFrom });
    if (fields.domicile !== undefined) Object.assign(patch, { domicile: fields.domicile, domicileEffectiveFrom: effectiveFrom });
    await tx.manager.update(CreditOrganizationOrmEntity, { uscc }, patch);
  }
}
