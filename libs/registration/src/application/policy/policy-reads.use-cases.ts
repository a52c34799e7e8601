import { Injectable } from '@nestjs/common';
import type { OrganizationCategory, OrganizationForm } from '@sop/contracts';
import { Clock, isDivisionCode } from '@sop/util';
import { resolveRegime, ruleSetIdFor, type RegimeDecision, type RuleSetVersion } from '../../domain/registration-policy';
import { RegistrationErrors } from '../../domain/registration.errors';
import { PolicyStore } from './policy.ports';

/** Reading registration policy: every version (old ones stay readable), one version, and a decision preview. */
@Injectable()
export class PolicyReads {
  constructor(
    private readonly policy: PolicyStore,
    private readonly clock: Clock,
  ) {}

  /** Every version of every rule set, old ones included. */
  async list(): Promise<RuleSetVersion[]> {
    return this.policy.policyVersions(null);
  }

  async get(jurisdiction: string, version: number): Promise<RuleSetVersion> {
    const ruleSetId = ruleSetIdFor(jurisdiction);
    const found = (await this.policy.policyVersions(null)).find((v) => v.ruleSetId === ruleSetId && v.version === version);
    if (!found) throw new RegistrationErrors.POLICY_VERSION_NOT_FOUND(`no version ${version} of ${ruleSetId}`);
    return found;
  }

  /** Which regime and version would decide an application (now, or asOf an instant). */
  async decide(q: { registeringAuthority: string; form: OrganizationForm; category: OrganizationCategory; asOf?: Date }): Promise<RegimeDecision> {
    if (!isDivisionCode(q.registeringAuthority)) {
      throw new RegistrationErrors.REGISTERING_AUTHORITY('registeringAuthority must be a 6-digit division code');
    }
    return resolveRegime(await this.policy.policyVersions(null), { ...q, at: q.asOf ?? this.clock.now() });
  }
}
