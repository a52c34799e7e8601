import type { Tx } from '@sop/messaging';
import type { LocalEvaluationRuleSetVersion } from '../../domain/local-rule-sets';

/** Local evaluation rule-set versions (table evaluation_rule_set_version). */
export abstract class EvaluationRuleSetStore {
  /** Every version, oldest first per rule set; `tx` null reads outside a transaction. */
  abstract versions(tx: Tx | null): Promise<LocalEvaluationRuleSetVersion[]>;
  /** Fails with a duplicate key when (ruleSetId, version) exists. */
  abstract insertVersion(tx: Tx, version: LocalEvaluationRuleSetVersion): Promise<void>;
}
