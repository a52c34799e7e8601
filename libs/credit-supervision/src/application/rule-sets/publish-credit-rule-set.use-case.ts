import { Injectable } from '@nestjs/common';
import { AuthErrors, type Principal } from '@sop/auth';
import { UnitOfWork } from '@sop/messaging';
import { isDuplicateKey } from '@sop/persistence';
import { Clock, jurisdictionCovers } from '@sop/util';
import { CreditErrors } from '../../domain/credit.errors';
import { assertCreditRuleSetVersion, type NewCreditRuleSetVersionInput } from '../../domain/credit-rule-set-publishing';
import { ORDER_60_V1, ruleVersionOf, type LocalCreditRuleSetVersion } from '../../domain/credit-rules';
import { CreditRuleSetStore, creditRuleSetsOf } from './rule-sets.ports';

/**
 * Who may publish and what (issue §2 "local rules are local", regulations §5.3): a credit officer at national or
 * provincial level whose jurisdiction covers the local rule set's division, a future Beijing date, a cited source.
 */
export function assertCreditRuleSetPublishable(input: NewCreditRuleSetVersionInput, publisherJurisdiction: string, now: Date): void {
  assertCreditRuleSetVersion(input, publisherJurisdiction, now);
  if (!jurisdictionCovers(publisherJurisdiction, input.jurisdiction))
    throw new AuthErrors.OUT_OF_JURISDICTION(`rule set ${input.jurisdiction} is outside your jurisdiction ${publisherJurisdiction}`);
}

/** A rule-set version as clients read it: `ruleVersion` is what list events and joint measures record. */
export interface CreditRuleSetVersionView {
  ruleVersion: string;
  jurisdiction: string;
  version: number;
  effectiveFrom: string;
  jointMeasures: LocalCreditRuleSetVersion['jointMeasures'];
  source: string;
  publishedBy: string | null;
  publishedAt: string | null;
}

/**
 * Publishes the next version of a jurisdiction's credit rule set (issue §2 "local rules are local"; regulations §5.3:
 * local rules extend the joint measures). No event: the rule set is credit's own data, read at GET /rule-sets, and
 * every list decision names the version it applied (`ruleVersion`).
 */
@Injectable()
export class CreditRuleSetUseCases {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly ruleSets: CreditRuleSetStore,
    private readonly clock: Clock,
  ) {}

  async publish(input: NewCreditRuleSetVersionInput, principal: Principal): Promise<CreditRuleSetVersionView> {
    const now = this.clock.now();
    assertCreditRuleSetPublishable(input, principal.jurisdiction, now);
    return this.uow.run(async (tx) => {
      const existing = (await this.ruleSets.localVersions(tx)).filter((v) => v.jurisdiction === input.jurisdiction);
      const version: LocalCreditRuleSetVersion = {
        jurisdiction: input.jurisdiction,
        version: Math.max(0, ...existing.map((v) => v.version)) + 1,
        effectiveFrom: input.effectiveFrom,
        jointMeasures: { ABNORMAL: [...new Set(input.jointMeasures.ABNORMAL)].sort(), SERIOUS: [...new Set(input.jointMeasures.SERIOUS)].sort() },
        source: input.source.trim(),
        publishedBy: principal.subject,
        publishedAt: now,
      };
      // A concurrent publication of the same jurisdiction gets the same number and fails on the primary key.
      await this.ruleSets.insertVersion(tx, version).catch((err: Error) => {
        throw isDuplicateKey(err) ? new CreditErrors.RULE_SET_VERSION_CONFLICT(`another version of ${input.jurisdiction}'s credit rule set was published concurrently; retry`) : err;
      });
      return localView(version);
    });
  }

  /** Every version, public: the national default and every local one (old versions stay readable: decisions name them). */
  async list(): Promise<CreditRuleSetVersionView[]> {
    const locals = await this.ruleSets.localVersions(null);
    const national: CreditRuleSetVersionView = {
      ruleVersion: ruleVersionOf(ORDER_60_V1),
      jurisdiction: ORDER_60_V1.jurisdiction,
      version: ORDER_60_V1.version,
      effectiveFrom: ORDER_60_V1.effectiveFrom,
      jointMeasures: ORDER_60_V1.jointMeasures,
      source: ORDER_60_V1.source,
      publishedBy: null,
      publishedAt: null,
    };
    return [national, ...locals.map(localView)];
  }
}

function localView(v: LocalCreditRuleSetVersion): CreditRuleSetVersionView {
  const [rules] = creditRuleSetsOf([v]).slice(1);
  return {
    ruleVersion: ruleVersionOf(rules),
    jurisdiction: v.jurisdiction,
    version: v.version,
    effectiveFrom: v.effectiveFrom,
    jointMeasures: rules.jointMeasures,
    source: v.source,
    publishedBy: v.publishedBy,
    publishedAt: v.publishedAt.toISOString(),
  };
}
