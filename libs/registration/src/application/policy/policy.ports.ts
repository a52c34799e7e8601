import type { Tx } from '@sop/messaging';
import type { RuleSetVersion } from '../../domain/registration-policy';

/** Persistence port of registration policy as data: rule-set versions and their once-only activation (the shift). */
export abstract class PolicyStore {
  abstract policyVersions(tx: Tx | null): Promise<RuleSetVersion[]>;
  abstract insertPolicyVersion(tx: Tx, version: RuleSetVersion): Promise<void>;
  /** Inserts the once-only activation row; false if this version was already activated. */
  abstract recordActivation(tx: Tx, ruleSetId: string, version: number, at: Date, organizationsConverted: number, applicationsRerouted: number): Promise<boolean>;
  abstract updateActivationCounts(tx: Tx, ruleSetId: string, version: number, organizationsConverted: number, applicationsRerouted: number): Promise<void>;
  abstract activatedVersions(tx: Tx | null): Promise<Set<string>>;
}
