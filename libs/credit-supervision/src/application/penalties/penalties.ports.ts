import type { Tx } from '@sop/messaging';
import type { Penalty } from '../../domain/penalty';

/** Persistence port of administrative penalties (Order 60 Art. 6-7 penalty information), oldest first. */
export abstract class PenaltyStore {
  abstract penalties(tx: Tx | null, uscc: string): Promise<Penalty[]>;
  abstract insertPenalty(tx: Tx, penalty: Penalty, recordedBy: string, recordedAt: Date): Promise<void>;
}
