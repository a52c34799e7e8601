import type { Tx } from '@sop/messaging';
import { ORDER_60_V1, localRuleSet, type CreditRuleSet, type LocalCreditRuleSetVersion } from '../../domain/credit-rules';

/** Persistence port of local credit rule-set versions (table credit_rule_set_version, seeded with Suining's). */
export abstract class CreditRuleSetStore {
  /** Every local version, by jurisdiction then version. */
  abstract localVersions(tx: Tx | null): Promise<LocalCreditRuleSetVersion[]>;
  /** Fails with a duplicate key when (jurisdiction, version) exists. */
  abstract insertVersion(tx: Tx, version: LocalCreditRuleSetVersion): Promise<void>;
}

/** Every rule set decisions choose from: the national default (Order 60) and the stored local versions. */
export function creditRuleSetsOf(locals: readonly LocalCreditRuleSetVersion[]): CreditRuleSet[] {
  return [ORDER_60_V1, ...locals.map(localRuleSet)];
}
