import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '@sop/messaging';
import { replay } from '../../domain/list-state';
import { ListDecisions, listViewRow } from '../lists/list-decisions';
import { ListStore } from '../lists/lists.ports';

/**
 * The list view is derived from the list-event log (regulations §5.1/§5.2 lists as an append-only log): verify
 * that the stored view equals a replay of the log, and rebuild the view by replaying it.
 */
@Injectable()
export class ListViewUseCases {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly lists: ListStore,
    private readonly decisions?: ListDecisions,
  ) {}

  /** Replays the whole list-event log; `identical` says whether the stored view equals the replay. */
  async verifyListView(): Promise<{ identical: boolean; entries: number; events: number; differing: string[] }> {
    const [log, stored] = await Promise.all([this.lists.listEvents(null), this.lists.allEntries(null)]);
    const replayed = replay(log.map((l) => l.event));
    const ids = new Set([...Object.keys(replayed), ...stored.map((e) => e.entryId)]);
    const byId = new Map(stored.map((e) => [e.entryId, e]));
    const differing = [...ids].filter((id) => JSON.stringify(byId.get(id)) !== JSON.stringify(replayed[id])).sort();
    return { identical: differing.length === 0, entries: stored.length, events: log.length, differing };
  }

  /** Drops the list view and derives it again from the log (a rebuild is a replay). */
  async rebuildListView(): Promise<{ entries: number; events: number }> {
    return this.uow.run(async (tx) => {
      const log = await this.lists.listEvents(tx);
      const state = replay(log.map((l) => l.event));
      const sets = this.decisions ? await this.decisions.ruleSetsIn(tx) : undefined;
      const rows = Object.values(state)
        .sort((a, b) => (a.entryId < b.entryId ? -1 : 1))
        .map((entry) => listViewRow(entry, sets));
      await this.lists.replaceAllEntries(tx, rows);
      return { entries: rows.length, events: log.length };
    });
  }
}
