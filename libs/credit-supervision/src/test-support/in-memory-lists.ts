import type { Tx, UnitOfWork } from '@sop/messaging';
import { ListStore, type JointMeasuresRecord, type ListViewRow, type LoggedListEvent } from '../application/lists/lists.ports';
import { OrganizationStore, type CreditOrganization, type InformationRecord } from '../application/organizations/organizations.ports';
import type { ListEntry, ListState } from '../domain/list-state';
import { RectificationNoticeStore, type RectificationNotice } from '../application/inspections/inspections.ports';

/** The list store in memory, for unit tests of the list decision core (no database). */
export class InMemoryListStore extends ListStore {
  readonly log: LoggedListEvent[] = [];
  readonly view = new Map<string, ListViewRow>();
  readonly measures = new Map<string, JointMeasuresRecord>();

  async listState(_tx: Tx | null, uscc: string): Promise<ListState> {
    return Object.fromEntries([...this.view.values()].filter((r) => r.entry.uscc === uscc).map((r) => [r.entry.entryId, r.entry]));
  }
  async entry(_tx: Tx | null, entryId: string): Promise<ListEntry | null> {
    return this.view.get(entryId)?.entry ?? null;
  }
  async appendListEvent(_tx: Tx, logged: LoggedListEvent): Promise<void> {
    this.log.push(logged);
  }
  async saveEntries(_tx: Tx, rows: ListViewRow[]): Promise<void> {
    for (const row of rows) this.view.set(row.entry.entryId, row);
  }
  async listEvents(_tx: Tx | null, uscc?: string): Promise<LoggedListEvent[]> {
    return this.log.filter((l) => !uscc || l.event.uscc === uscc);
  }
  async allEntries(): Promise<ListEntry[]> {
    return [...this.view.values()].map((r) => r.entry).sort((a, b) => (a.entryId < b.entryId ? -1 : 1));
  }
  async replaceAllEntries(_tx: Tx, rows: ListViewRow[]): Promise<void> {
    this.view.clear();
    await this.saveEntries(_tx, rows);
  }
  async usccsWithTimersDue(now: Date): Promise<string[]> {
    return [...new Set([...this.view.values()].filter((r) => r.nextDueAt && r.nextDueAt <= now).map((r) => r.entry.uscc))].sort();
  }
  async jointMeasures(_tx: Tx | null, uscc: string): Promise<JointMeasuresRecord | null> {
    return this.measures.get(uscc) ?? null;
  }
  async saveJointMeasures(_tx: Tx, record: JointMeasuresRecord): Promise<void> {
    this.measures.set(record.uscc, record);
  }
}

/** Organizations in memory: records the locks taken and the information added. */
export class InMemoryOrganizationStore extends OrganizationStore {
  readonly locks: string[] = [];
  readonly information: InformationRecord[] = [];
  constructor(private readonly organizations: CreditOrganization[] = []) {
    super();
  }
  async organization(_tx: Tx | null, uscc: string): Promise<CreditOrganization | null> {
    return this.organizations.find((o) => o.uscc === uscc) ?? null;
  }
  async lockOrganization(_tx: Tx, uscc: string): Promise<void> {
    this.locks.push(uscc);
  }
  async registerOrganization(): Promise<void> {
    throw new Error('not used');
  }
  async setRegistrationStatus(): Promise<void> {
    throw new Error('not used');
  }
  async updateRegisterFields(): Promise<void> {
    throw new Error('not used');
  }
  async addInformation(_tx: Tx, info: InformationRecord): Promise<void> {
    this.information.push(info);
  }
  async hasInformation(_tx: Tx, sourceId: string): Promise<boolean> {
    return this.information.some((i) => i.sourceId === sourceId);
  }
}

/** A transaction whose outbox is an array: what a use case published, in order. */
export function recordingTx() {
  const published: { type: string; subject: string; data: unknown; causationId?: string; policyVersion?: string; id: string }[] = [];
  const tx = {
    manager: undefined as never,
    async publish(contract: { type: string }, event: { subject: string; data: unknown; causationId?: string; policyVersion?: string }) {
      const id = `evt-${published.length + 1}`;
      published.push({ type: contract.type, id, ...event });
      return { id } as never;
    },
  } as unknown as Tx;
  return { tx, published };
}

/** A unit of work over a recording transaction: `run` hands the same Tx to every unit. */
export function recordingUnitOfWork() {
  const { tx, published } = recordingTx();
  const uow = { run: <T>(work: (tx: Tx) => Promise<T>) => work(tx) } as unknown as UnitOfWork;
  return { uow, published };
}

/** Rectification notices in memory. */
export class InMemoryRectificationNoticeStore extends RectificationNoticeStore {
  readonly notices = new Map<string, RectificationNotice>();
  async insertNotice(_tx: Tx, notice: RectificationNotice): Promise<void> {
    this.notices.set(notice.id, { ...notice });
  }
  async notice(_tx: Tx | null, id: string): Promise<RectificationNotice | null> {
    const n = this.notices.get(id);
    return n ? { ...n } : null;
  }
  async updateNotice(_tx: Tx, notice: RectificationNotice): Promise<void> {
    this.notices.set(notice.id, { ...notice });
  }
  async noticesPastDeadline(now: Date): Promise<RectificationNotice[]> {
    return this.open((n) => n.deadline <= now);
  }
  async openNoticesDueBy(_tx: Tx, uscc: string, at: Date): Promise<RectificationNotice[]> {
    return this.open((n) => n.uscc === uscc && n.deadline <= at);
  }
  private open(where: (n: RectificationNotice) => boolean): RectificationNotice[] {
    return [...this.notices.values()]
      .filter((n) => n.status === 'OPEN' && where(n))
      .sort((a, b) => a.deadline.getTime() - b.deadline.getTime() || (a.id < b.id ? -1 : 1))
      .map((n) => ({ ...n }));
  }
}
