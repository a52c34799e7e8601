import type { Tx } from '@sop/messaging';
import type { PurchasingRuleSetVersion } from '../../domain/purchasing-rules';

/** Persistence port of purchasing rule-set versions (table purchasing_rule_set_version, seeded with the national default). */
export abstract class RuleSetStore {
  /** Every version of every jurisdiction, by rule set then version. */
  abstract versions(tx: Tx | null): Promise<PurchasingRuleSetVersion[]>;
  /** Fails with a duplicate key when (ruleSetId, version) exists. */
  abstract insertVersion(tx: Tx, version: PurchasingRuleSetVersion): Promise<void>;
}
