import type { Tx } from '@sop/messaging';

/** The records of the transfer of government functions, each kept whole with the keys it is found by. */
export type RecordKind = 'ITEM' | 'QUALIFICATION' | 'AGREEMENT' | 'CASE' | 'SELF_REGULATION' | 'RULE_SET';

/** The columns a record is found by (what a list or a reach check filters on). */
export interface RecordKeys {
  id: string;
  /** The division: the department's (item), the area (agreement), the organization's registering authority (qualification). */
  jurisdiction?: string | null;
  /** The transferring department's unit id. */
  unitId?: string | null;
  /** The undertaking organization. */
  uscc?: string | null;
  /** The item of an agreement, the agreement of a case. */
  parentId?: string | null;
  /** The applicant's subject of a case; the kind of a self-regulation record. */
  owner?: string | null;
  status: string;
  revision: number;
}

export type RecordFilter = Partial<Pick<RecordKeys, 'unitId' | 'uscc' | 'parentId' | 'owner' | 'status'>> & { jurisdictionPrefix?: string };

/**
 * Persistence port: one row per record with its keys and the whole record as JSON. Updates are conditional on the
 * revision read (a concurrent change makes `update` answer false); `locked` reads with a row lock where the database
 * has them, so take-back and a first review on the same case are serialized.
 */
export abstract class FunctionTransferStore {
  abstract insert<T>(tx: Tx, kind: RecordKind, keys: RecordKeys, body: T, at: Date): Promise<void>;
  abstract get<T>(tx: Tx | null, kind: RecordKind, id: string): Promise<T | null>;
  abstract locked<T>(tx: Tx, kind: RecordKind, id: string): Promise<T | null>;
  abstract update<T>(tx: Tx, kind: RecordKind, keys: RecordKeys, body: T, at: Date): Promise<boolean>;
  /** Oldest first, at most `limit`. */
  abstract find<T>(tx: Tx | null, kind: RecordKind, filter: RecordFilter, limit: number): Promise<T[]>;
}
