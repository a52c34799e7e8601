import { Injectable, Optional } from '@nestjs/common';
import { PolicyInForce } from './policy-in-force';
import { AuthErrors, type Principal } from '@sop/auth';
import { RegistrationPolicyPublished } from '@sop/contracts';
import { UnitOfWork } from '@sop/messaging';
import { isDuplicateKey } from '@sop/persistence';
import { Clock, jurisdictionCovers } from '@sop/util';
import {
  assertPolicyJurisdiction,
  assertPublisherLevel,
  assertVersionPublishable,
  normalizeEffectiveFrom,
  policyVersionOf,
  ruleSetIdFor,
  type NewVersionInput,
  type RuleSetVersion,
} from '../../domain/registration-policy';
import { RegistrationErrors } from '../../domain/registration.errors';
import { PolicyStore } from './policy.ports';

/**
 * Checks a new version before it is stored: published by a registrar at national or provincial level whose
 * jurisdiction covers the rule set's, effective strictly in the future (a rule change never rewrites decided
 * history), non-empty rules each citing a source, no two rules for the same (form, category).
 */
export function assertPublishable(input: NewVersionInput, publisherJurisdiction: string, now: Date): void {
  assertPolicyJurisdiction(input.jurisdiction);
  assertPublisherLevel(publisherJurisdiction);
  if (!jurisdictionCovers(publisherJurisdiction, input.jurisdiction)) {
    throw new AuthErrors.OUT_OF_JURISDICTION(`rule set ${input.jurisdiction} is outside your jurisdiction ${publisherJurisdiction}`);
  }
  assertVersionPublishable(input, now);
}

/** Registration policy as data: publishes the next version of a jurisdiction's rule set, effective from 00:00 Beijing time of a later Beijing date. */
@Injectable()
export class PublishPolicyVersion {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly policy: PolicyStore,
    private readonly clock: Clock,
    @Optional() private readonly inForce?: PolicyInForce,
  ) {}

  async publish(input: NewVersionInput, principal: Principal): Promise<RuleSetVersion> {
    const now = this.clock.now();
    assertPublishable(input, principal.jurisdiction, now);
    const ruleSetId = ruleSetIdFor(input.jurisdiction);
    const published = await this.uow.run(async (tx) => {
      const existing = (await this.policy.policyVersions(tx)).filter((v) => v.ruleSetId === ruleSetId);
      const version: RuleSetVersion = {
        ruleSetId,
        jurisdiction: input.jurisdiction,
        version: Math.max(0, ...existing.map((v) => v.version)) + 1,
        effectiveFrom: normalizeEffectiveFrom(input.effectiveFrom),
        rules: input.rules,
        publishedBy: principal.subject,
        publishedAt: now,
        note: input.note,
      };
      // A concurrent publish of the same rule set gets the same number and fails on the primary key (409 below).
      await this.policy.insertPolicyVersion(tx, version).catch((err: Error) => {
        throw isDuplicateKey(err)
          ? new RegistrationErrors.POLICY_VERSION_CONFLICT(`another version of ${ruleSetId} was published concurrently; retry`)
          : err;
      });
      await tx.publish(RegistrationPolicyPublished, { subject: ruleSetId,
        policyVersion: policyVersionOf(version),
        data: {
          ruleSetId,
          jurisdiction: version.jurisdiction,
          version: version.version,
          effectiveFrom: version.effectiveFrom.toISOString(),
          rules: version.rules.map((r) => ({
            ...(r.form ? { form: r.form } : {}),
            ...(r.category ? { category: r.category } : {}),
            regime: r.regime,
            source: r.source,
          })),
          publishedAt: now.toISOString(),
        },
      });
      return version;
    });
    this.inForce?.invalidate();
    return published;
  }
}
