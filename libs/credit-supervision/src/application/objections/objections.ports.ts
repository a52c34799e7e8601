import type { Tx } from '@sop/messaging';

/** An organization's objection to one of its list entries (regulations §5.3), and the officer's decision. */
export interface Objection {
  id: string;
  entryId: string;
  uscc: string;
  grounds: string;
  filedBy: string;
  filedAt: Date;
  status: 'PENDING' | 'UPHELD' | 'REJECTED';
  decidedBy: string | null;
  decidedAt: Date | null;
  decisionReason: string | null;
}

/** Persistence port of objections. Calls with a Tx run in the caller's transaction; `null` reads outside one. */
export abstract class ObjectionStore {
  abstract insertObjection(tx: Tx, objection: Objection): Promise<void>;
  abstract objection(tx: Tx | null, id: string): Promise<Objection | null>;
  abstract updateObjection(tx: Tx, objection: Objection): Promise<void>;
  /** The organization's objections, oldest first. */
  abstract objectionsOf(tx: Tx | null, uscc: string): Promise<Objection[]>;
}
