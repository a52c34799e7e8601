import { Injectable } from '@nestjs/common';
import { AuthErrors, type Principal } from '@sop/auth';
import { UnitOfWork, type Tx } from '@sop/messaging';
import { isDuplicateKey } from '@sop/persistence';
import { Clock, jurisdictionCovers, type CivilDate } from '@sop/util';
import { FunctionTransferErrors } from '../../../domain/function-transfer/function-transfer.errors';
import { assertRuleSetPublishable, NATIONAL_TRANSFER_RULES, transferRuleVersionOf, transferRulesInForce, type TransferRuleSet } from '../../../domain/function-transfer/transfer-rules';
import { FunctionTransferStore } from '../function-transfer.ports';
import { LIST_LIMIT } from '../records';

export type NewTransferRuleSet = Pick<TransferRuleSet, 'effectiveFrom' | 'source' | 'qualification' | 'concentration'>;

/**
 * The rules of the transfer of government functions as versioned data (regulations §8): the built-in national version
 * and the local versions civil affairs publishes (a registrar whose jurisdiction covers the division). The most
 * specific version in force decides; every decision records its version. No event: the versions are this service's
 * own data, public at GET /purchasing/function-transfer/rules.
 */
@Injectable()
export class TransferRuleSets {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly store: FunctionTransferStore,
    private readonly clock: Clock,
  ) {}

  async publish(jurisdiction: string, input: NewTransferRuleSet, principal: Principal): Promise<TransferRuleSet> {
    const now = this.clock.now();
    if (!jurisdictionCovers(principal.jurisdiction, jurisdiction)) throw new AuthErrors.OUT_OF_JURISDICTION(`rule set ${jurisdiction} is outside your jurisdiction ${principal.jurisdiction}`);
    assertRuleSetPublishable(input, now);
    return this.uow
      .run(async (tx) => {
        const mine = (await this.store.find<TransferRuleSet>(tx, 'RULE_SET', { jurisdictionPrefix: jurisdiction }, LIST_LIMIT)).filter((v) => v.jurisdiction === jurisdiction);
        const version: TransferRuleSet = {
          ruleSetId: NATIONAL_TRANSFER_RULES.ruleSetId,
          jurisdiction,
          version: Math.max(jurisdiction === NATIONAL_TRANSFER_RULES.jurisdiction ? 1 : 0, ...mine.map((v) => v.version)) + 1,
          effectiveFrom: input.effectiveFrom as CivilDate,
          source: input.source,
          qualification: input.qualification,
          concentration: input.concentration,
          publishedBy: principal.subject,
          publishedAt: now.toISOString(),
        };
        // A concurrent publication gets the same id and fails on the unique key.
        await this.store.insert(tx, 'RULE_SET', { id: transferRuleVersionOf(version), jurisdiction, status: 'PUBLISHED', revision: 1 }, version, now);
        return version;
      })
      .catch((err: Error) => {
        throw isDuplicateKey(err) ? new FunctionTransferErrors.RULE_SET_VERSION_CONFLICT(`another version of the ${jurisdiction} rule set was published concurrently; retry`) : err;
      });
  }

  /** Every version, the national one first (decisions name them; old ones stay readable). */
  async versions(tx: Tx | null): Promise<TransferRuleSet[]> {
    return [NATIONAL_TRANSFER_RULES, ...(await this.store.find<TransferRuleSet>(tx, 'RULE_SET', {}, LIST_LIMIT))];
  }

  /** The version in force for `division` at `at` (the most specific jurisdiction covering it). */
  async inForce(tx: Tx | null, division: string, at: Date): Promise<TransferRuleSet> {
    return transferRulesInForce(division, at, await this.versions(tx));
  }
}
