import type { Tx } from '@sop/messaging';
import type { PerformanceFailure } from '../../domain/procurement/performance-bar';

/**
 * What purchasing itself recorded of a supplier's performance (its contract, milestone and acceptance tables): failed
 * final acceptances (with the passing re-acceptance that cured one, if any) and terminations, every one it knows,
 * whatever the instant; the rule filters by the as-of instant. Read inside the evaluating transaction.
 */
export abstract class PerformanceHistoryStore {
  abstract failuresOf(tx: Tx | null, supplierUscc: string): Promise<PerformanceFailure[]>;
}
