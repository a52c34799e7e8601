import { Injectable } from '@nestjs/common';
import { DataSource, IsNull, Not } from 'typeorm';
import type { Tx } from '@sop/messaging';
import { ListStore, type JointMeasuresRecord, type ListViewRow, type LoggedListEvent } from '../../application/lists/lists.ports';
import type { JointMeasure, ListKind } from '../../domain/credit-rules';
import type { ListEntry, ListEvent, ListState } from '../../domain/list-state';
import { CreditJointMeasuresOrmEntity, CreditListEntryOrmEntity, CreditListEventOrmEntity } from '../credit-lists.orm-entities';
import { TypeOrmStoreBase } from './typeorm-store.base';

/** credit_list_event (the log), credit_list_entry (the view, documents as JSON) and credit_joint_measures. */
@Injectable()
export class TypeOrmListStore extends TypeOrmStoreBase implements ListStore {
  constructor(ds: DataSource) {
    super(ds);
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

  private entryRow({ entry, nextDueAt }: ListViewRow): CreditListEntryOrmEntity {
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

  async saveEntries(tx: Tx, rows: ListViewRow[]): Promise<void> {
    for (const row of rows) await tx.manager.save(CreditListEntryOrmEntity, this.entryRow(row));
  }

  async listEvents(tx: Tx | null, uscc?: string): Promise<LoggedListEvent[]> {
    const rows = await this.m(tx).find(CreditListEventOrmEntity, { where: uscc ? { uscc } : {}, order: { id: 'ASC' } });
    return rows.map((r) => ({ eventId: r.eventId, event: JSON.parse(r.payload) as ListEvent, recordedAt: r.recordedAt }));
  }

  async allEntries(tx: Tx | null): Promise<ListEntry[]> {
    const rows = await this.m(tx).find(CreditListEntryOrmEntity, { order: { entryId: 'ASC' } });
    return rows.map((r) => JSON.parse(r.document) as ListEntry);
  }

  async replaceAllEntries(tx: Tx, rows: ListViewRow[]): Promise<void> {
    await tx.manager.delete(CreditListEntryOrmEntity, { entryId: Not(IsNull()) });
    for (let i = 0; i < rows.length; i += 200) {
      await tx.manager.insert(CreditListEntryOrmEntity, rows.slice(i, i + 200).map((r) => this.entryRow(r)));
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
}
