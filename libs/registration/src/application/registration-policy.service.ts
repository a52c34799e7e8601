import { Injectable } from '@nestjs/common';
import type { Principal } from '@sop/auth';
import { RegistrationPolicyPublished, type OrganizationCategory, type OrganizationForm } from '@sop/contracts';
import { UnitOfWork } from '@sop/messaging';
import { isDuplicateKey } from '@sop/persistence';
import { Clock, isDivisionCode, ProblemError } from '@sop/util';
import {
  assertPublishable,
  policyVersionOf,
  resolveRegime,
  ruleSetIdFor,
  type NewVersionInput,
  type RegimeDecision,
  type RuleSetVersion,
} from '../domain/registration-policy';
import { RegistrationStore } from './registration.ports';

/** Registration policy as data: publish versions (future-dated), read every version, preview a decision. */
@Injectable()
export class RegistrationPolicyService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly store: RegistrationStore,
    private readonly clock: Clock,
  ) {}

  async publish(input: NewVersionInput, principal: Principal): Promise<RuleSetVersion> {
    const now = this.clock.now();
    assertPublishable(input, principal.jurisdiction, now);
    const ruleSetId = ruleSetIdFor(input.jurisdiction);
    return this.uow.run(async (tx) => {
      const existing = (await this.store.policyVersions(tx)).filter((v) => v.ruleSetId === ruleSetId);
      const version: RuleSetVersion = {
        ruleSetId,
        jurisdiction: input.jurisdiction,
        version: Math.max(0, ...existing.map((v) => v.version)) + 1,
        effectiveFrom: input.effectiveFrom,
        rules: input.rules,
        publishedBy: principal.subject,
        publishedAt: now,
        note: input.note,
      };
      // A concurrent publish of the same rule set gets the same number and fails on the primary key (409 below).
      await this.store.insertPolicyVersion(tx, version).catch((err: Error) => {
        throw isDuplicateKey(err)
          ? ProblemError.conflict('REGISTRATION.POLICY_VERSION_CONFLICT', `another version of ${ruleSetId} was published concurrently; retry`)
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
  }

  /** Every version of every rule set, old ones included. */
  async list(): Promise<RuleSetVersion[]> {
    return this.store.policyVersions(null);
  }

  async get(jurisdiction: string, version: number): Promise<RuleSetVersion> {
    const ruleSetId = ruleSetIdFor(jurisdiction);
    const found = (await this.store.policyVersions(null)).find((v) => v.ruleSetId === ruleSetId && v.version === version);
    if (!found) throw ProblemError.notFound('REGISTRATION.POLICY_VERSION_NOT_FOUND', `no version ${version} of ${ruleSetId}`);
    return found;
  }

  /** Which regime and version would decide an application (now, or asOf an instant). */
  async decide(q: { registeringAuthority: string; form: OrganizationForm; category: OrganizationCategory; asOf?: Date }): Promise<RegimeDecision> {
    if (!isDivisionCode(q.registeringAuthority)) {
      throw ProblemError.badRequest('REGISTRATION.REGISTERING_AUTHORITY', 'registeringAuthority must be a 6-digit division code');
    }
    return resolveRegime(await this.store.policyVersions(null), { ...q, at: q.asOf ?? this.clock.now() });
  }
}
