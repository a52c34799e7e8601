import type { Tx } from '@sop/messaging';
import type { Procurement } from '../../domain/procurement/procurement-notice';
import type { SealedBid } from '../../domain/procurement/sealed-bid';

export abstract class ProcurementStore {
  abstract insert(tx: Tx, p: Procurement): Promise<void>;
  abstract byId(tx: Tx | null, id: string): Promise<Procurement | null>;
  /**
   * Reads the procurement with its row locked until the transaction ends (MySQL FOR UPDATE — FOR SHARE is not MariaDB
   * syntax; SQLite has one writer): a bid is recorded against the notice as it stands, and an amendment or
   * cancellation waits for it (or it for them). Bids on one procurement are thereby serialized.
   */
  abstract byIdLocked(tx: Tx, id: string): Promise<Procurement | null>;
  /** Writes `p` if the stored revision is still `p.revision - 1`; false when another change came first. */
  abstract update(tx: Tx, p: Procurement): Promise<boolean>;
  /** The newest notices of organs whose jurisdiction starts with `divisionPrefix`. */
  abstract list(divisionPrefix: string, limit: number): Promise<Procurement[]>;
}

export abstract class BidStore {
  abstract ofBidder(tx: Tx | null, procurementId: string, bidderUscc: string): Promise<SealedBid | null>;
  /** Unique (procurement, bidder): a concurrent first bid of the same organization fails as a duplicate key. */
  abstract insert(tx: Tx, bid: SealedBid): Promise<void>;
  /** Writes `bid` if the stored submission is still `expectedSubmission`; false otherwise. */
  abstract update(tx: Tx, bid: SealedBid, expectedSubmission: number, expectedStatus: string): Promise<boolean>;
  abstract ofProcurement(tx: Tx | null, procurementId: string): Promise<SealedBid[]>;
}

/** The frozen decisions about a procurement, one per kind. */
export const DECISION_KINDS = ['ELIGIBILITY_AT_DEADLINE', 'SCORES', 'AWARD'] as const;
export type DecisionKind = (typeof DECISION_KINDS)[number];

export interface StoredDecision<T> {
  procurementId: string;
  kind: DecisionKind;
  body: T;
  ruleVersion: string;
  recordedBy: string;
  recordedAt: Date;
  eventId: string;
}

export abstract class DecisionStore {
  abstract get<T>(tx: Tx | null, procurementId: string, kind: DecisionKind): Promise<StoredDecision<T> | null>;
  /** Insert only: a second decision of the same kind fails as a duplicate key (frozen, never recomputed). */
  abstract insert<T>(tx: Tx, d: StoredDecision<T>): Promise<void>;
}
