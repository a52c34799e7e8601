import { Injectable } from '@nestjs/common';
import { AuthErrors, type Principal } from '@sop/auth';
import { UnitOfWork } from '@sop/messaging';
import { isDuplicateKey } from '@sop/persistence';
import { Clock } from '@sop/util';
import { EvaluationErrors } from '../../domain/evaluation.errors';
import { assertLocalVersionPublishable, localRuleSetIdFor, type LocalEvaluationRuleSetVersion, type NewLocalRuleSetVersionInput } from '../../domain/local-rule-sets';
import { EvaluationRuleSetStore } from './rule-sets.ports';

/** The public view of a version (old versions stay readable: grades name them). */
export function ruleSetVersionView(v: LocalEvaluationRuleSetVersion) {
  return {
    ruleSetId: v.ruleSetId,
    ruleVersion: `${v.ruleSetId}@v${v.version}`,
    jurisdiction: v.jurisdiction,
    version: v.version,
    effectiveOn: v.effectiveFrom,
    cutOffs: v.cutOffs.map((c) => ({ grade: c.grade, minScore: c.minScore })),
    source: v.source,
    publishedBy: v.publishedBy,
    publishedAt: v.publishedAt.toISOString(),
    note: v.note,
  };
}

/**
 * Publishes the next version of a jurisdiction's local evaluation rule set (issue §2 "local rules are local"; its
 * grade cut-offs, set locally per regulations §6 Scoring): an evaluator at national or provincial level covering the
 * jurisdiction, a future Beijing effective date. No event: the rule set is evaluation's own data, read at
 * `GET /evaluation/rule-sets`; every grade names the version it applied (GradeAwarded.localRuleVersion).
 */
@Injectable()
export class PublishEvaluationRuleSetVersion {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly ruleSets: EvaluationRuleSetStore,
    private readonly clock: Clock,
  ) {}

  async publish(input: NewLocalRuleSetVersionInput, principal: Principal): Promise<LocalEvaluationRuleSetVersion> {
    const now = this.clock.now();
    assertLocalVersionPublishable(input, principal.jurisdiction, now, (m) => new AuthErrors.OUT_OF_JURISDICTION(m));
    const ruleSetId = localRuleSetIdFor(input.jurisdiction);
    return this.uow.run(async (tx) => {
      const existing = (await this.ruleSets.versions(tx)).filter((v) => v.ruleSetId === ruleSetId);
      const version: LocalEvaluationRuleSetVersion = {
        ruleSetId,
        jurisdiction: input.jurisdiction,
        version: Math.max(0, ...existing.map((v) => v.version)) + 1,
        effectiveFrom: input.effectiveFrom,
        cutOffs: input.cutOffs,
        source: input.source,
        publishedBy: principal.subject,
        publishedAt: now,
        note: input.note,
      };
      // A concurrent publish of the same rule set gets the same number and fails on the primary key.
      await this.ruleSets.insertVersion(tx, version).catch((err: Error) => {
        throw isDuplicateKey(err) ? new EvaluationErrors.RULE_SET_VERSION_CONFLICT(`another version of ${ruleSetId} was published concurrently; retry`) : err;
      });
      return version;
    });
  }

  list(): Promise<LocalEvaluationRuleSetVersion[]> {
    return this.ruleSets.versions(null);
  }
}
