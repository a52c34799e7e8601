import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Tx } from '@sop/messaging';
import { policyVersionOf, type RuleSetVersion } from '../../domain/registration-policy';
import { PolicyStore } from '../../application/policy/policy.ports';
import { PolicyActivationOrmEntity, PolicyVersionOrmEntity, RegimeRuleOrmEntity } from '../registration.orm-entities';
import { insertOnce, managerOf } from '../typeorm-helpers';

/** Registration policy versions with their rules, and the once-only activation rows of the shift, TypeORM. */
@Injectable()
export class TypeOrmPolicyStore extends PolicyStore {
  constructor(private readonly ds: DataSource) {
    super();
  }

  async policyVersions(tx: Tx | null): Promise<RuleSetVersion[]> {
    const manager = managerOf(this.ds, tx);
    const versions = await manager.find(PolicyVersionOrmEntity, { order: { ruleSetId: 'ASC', version: 'ASC' } });
    const rules = await manager.find(RegimeRuleOrmEntity, { order: { ruleSetId: 'ASC', version: 'ASC', position: 'ASC' } });
    return versions.map((v) => ({
      ...v,
      rules: rules
        .filter((r) => r.ruleSetId === v.ruleSetId && r.version === v.version)
        .map((r) => ({ form: r.form, category: r.category, regime: r.regime, source: r.source })),
    }));
  }

  async insertPolicyVersion(tx: Tx, v: RuleSetVersion): Promise<void> {
    const { rules, ...version } = v;
    await tx.manager.insert(PolicyVersionOrmEntity, version);
    await tx.manager.insert(
      RegimeRuleOrmEntity,
      rules.map((r, position) => ({ ruleSetId: v.ruleSetId, version: v.version, position, ...r })),
    );
  }

  recordActivation(tx: Tx, ruleSetId: string, version: number, at: Date, organizationsConverted: number, applicationsRerouted: number): Promise<boolean> {
    return insertOnce(tx, PolicyActivationOrmEntity, { ruleSetId, version, activatedAt: at, organizationsConverted, applicationsRerouted });
  }

  async updateActivationCounts(tx: Tx, ruleSetId: string, version: number, organizationsConverted: number, applicationsRerouted: number): Promise<void> {
    await tx.manager.update(PolicyActivationOrmEntity, { ruleSetId, version }, { organizationsConverted, applicationsRerouted });
  }

  async activatedVersions(tx: Tx | null): Promise<Set<string>> {
    const rows = await managerOf(this.ds, tx).find(PolicyActivationOrmEntity);
    return new Set(rows.map(policyVersionOf));
  }
}
