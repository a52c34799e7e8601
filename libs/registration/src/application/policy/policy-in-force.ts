import { Injectable } from '@nestjs/common';
import type { Tx } from '@sop/messaging';
import { civilDateOf, endOfCivilDay } from '@sop/util';
import type { RuleSetVersion } from '../../domain/registration-policy';
import { PolicyStore } from './policy.ports';

/**
 * The policy versions a submission decides by, read once per Beijing day instead of twice per submission (issue 14).
 * Exact, not a time-to-live: a version is published only effective from 00:00 Beijing time of a *later* date
 * (PublishPolicyVersion, assertPublishable), so a version published after this process read the table cannot be in
 * force before the next Beijing midnight after that read, and the cache is dropped at that midnight. Publishing
 * through this process also drops it at once (the listing shows the new version). Another instance's publication is
 * seen at the next midnight, which is exactly when it can first apply.
 */
@Injectable()
export class PolicyInForce {
  private cached?: { versions: RuleSetVersion[]; readAt: number; validUntil: number };

  constructor(private readonly policy: PolicyStore) {}

  async versionsAt(tx: Tx, now: Date): Promise<RuleSetVersion[]> {
    const t = now.getTime();
    const c = this.cached;
    if (c && t >= c.readAt && t < c.validUntil) return c.versions;
    const versions = await this.policy.policyVersions(tx);
    this.cached = { versions, readAt: t, validUntil: endOfCivilDay(civilDateOf(now)).getTime() };
    return versions;
  }

  /** After a publication or an activation through this process. */
  invalidate(): void {
    this.cached = undefined;
  }
}
