import { Injectable } from '@nestjs/common';
import { AuthErrors, type Principal } from '@sop/auth';
import { UnitOfWork } from '@sop/messaging';
import { isDuplicateKey } from '@sop/persistence';
import { Clock, jurisdictionCovers } from '@sop/util';
import { PurchasingErrors } from '../../domain/purchasing.errors';
import { purchasingRuleSetIdFor, type PurchasingRuleSetVersion } from '../../domain/purchasing-rules';
import { assertLocalJurisdiction, assertPublisherLevel, assertVersionPublishable, type NewRuleSetVersionInput } from '../../domain/rule-set-publishing';
import { RuleSetStore } from './rule-sets.ports';

/**
 * Who may publish and what (issue §2 "local rules are local"; bands are local practice, regulations §7.2): a
 * finance officer at national or provincial level whose jurisdiction covers the local rule set's, a future
 * effective Beijing date, valid bands.
 */
export function assertPublishable(input: NewRuleSetVersionInput, publisherJurisdiction: string, now: Date): void {
  assertLocalJurisdiction(input.jurisdiction);
  assertPublisherLevel(publisherJurisdiction);
  if (!jurisdictionCovers(publisherJurisdiction, input.jurisdiction))
    throw new AuthErrors.OUT_OF_JURISDICTION(`rule set ${input.jurisdiction} is outside your jurisdiction ${publisherJurisdiction}`);
  assertVersionPublishable(input, now);
}

/**
 * Publishes the next version of a jurisdiction's purchasing rule set. No event: the rule set is purchasing's own data,
 * read at `GET /purchasing/rule-sets`, and every decision names the version it applied (`ruleVersion`).
 */
@Injectable()
export class PublishRuleSetVersion {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly ruleSets: RuleSetStore,
    private readonly clock: Clock,
  ) {}

  async publish(input: NewRuleSetVersionInput, principal: Principal): Promise<PurchasingRuleSetVersion> {
    const now = this.clock.now();
    assertPublishable(input, principal.jurisdiction, now);
    const ruleSetId = purchasingRuleSetIdFor(input.jurisdiction);
    return this.uow.run(async (tx) => {
      const existing = (await this.ruleSets.versions(tx)).filter((v) => v.ruleSetId === ruleSetId);
      const version: PurchasingRuleSetVersion = {
        ruleSetId,
        jurisdiction: input.jurisdiction,
        version: Math.max(0, ...existing.map((v) => v.version)) + 1,
        effectiveFrom: input.effectiveFrom,
        bands: input.bands,
        source: input.source,
        publishedBy: principal.subject,
        publishedAt: now,
        note: input.note,
        performanceBar: input.performanceBar ?? null,
      };
      // A concurrent publish of the same rule set gets the same number and fails on the primary key.
      await this.ruleSets.insertVersion(tx, version).catch((err: Error) => {
        throw isDuplicateKey(err) ? new PurchasingErrors.RULE_SET_VERSION_CONFLICT(`another version of ${ruleSetId} was published concurrently; retry`) : err;
      });
      return version;
    });
  }
}

/** Every version, public (old versions stay readable: decisions name them). */
@Injectable()
export class RuleSetReads {
  constructor(private readonly ruleSets: RuleSetStore) {}

  list(): Promise<PurchasingRuleSetVersion[]> {
    return this.ruleSets.versions(null);
  }
}
