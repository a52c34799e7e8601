import type { Tx } from '@sop/messaging';

/** The records of the purchase modes beyond tenders, each kept whole with the keys it is found by. */
export type ModeRecordKind = 'VP_ROUND' | 'VP_PROPOSAL' | 'VP_REVIEW' | 'VP_SELECTION' | 'FACILITY' | 'PPP';

export interface ModeRecordKeys {
  id: string;
  /** The organ's unit (round, facility, agreement). */
  unitId?: string | null;
  jurisdiction?: string | null;
  /** The organization (proposal, operator, partner). */
  uscc?: string | null;
  /** The round of a proposal, review or selection. */
  parentId?: string | null;
  status: string;
  revision: number;
}

export type ModeRecordFilter = Partial<Pick<ModeRecordKeys, 'unitId' | 'uscc' | 'parentId' | 'status'>>;

/**
 * Persistence port: one row per record with its keys and the record as JSON (unique per kind and id; a second
 * review or selection of a round fails as a duplicate key). Updates are conditional on the revision read.
 */
export abstract class PurchaseModeStore {
  abstract insert<T>(tx: Tx, kind: ModeRecordKind, keys: ModeRecordKeys, body: T, at: Date): Promise<void>;
  abstract get<T>(tx: Tx | null, kind: ModeRecordKind, id: string): Promise<T | null>;
  abstract locked<T>(tx: Tx, kind: ModeRecordKind, id: string): Promise<T | null>;
  abstract update<T>(tx: Tx, kind: ModeRecordKind, keys: ModeRecordKeys, body: T, at: Date): Promise<boolean>;
  /** Oldest first, at most `limit`. */
  abstract find<T>(tx: Tx | null, kind: ModeRecordKind, filter: ModeRecordFilter, limit: number): Promise<T[]>;
}

export const MODE_LIST_LIMIT = 1000;
