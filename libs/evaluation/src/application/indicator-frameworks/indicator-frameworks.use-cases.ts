import { Injectable } from '@nestjs/common';
import { AuthErrors, type Principal } from '@sop/auth';
import { UnitOfWork } from '@sop/messaging';
import { isDuplicateKey } from '@sop/persistence';
import { Clock } from '@sop/util';
import { EvaluationErrors } from '../../domain/evaluation.errors';
import { assertFrameworkPublishable, frameworkIdFor, frameworkVersionOf, indicatorsOf, type IndicatorFrameworkVersion, type NewFrameworkVersionInput } from '../../domain/procedure/indicator-frameworks';
import { IndicatorFrameworkStore } from '../procedure/procedure.ports';

export function frameworkView(f: IndicatorFrameworkVersion) {
  return {
    ruleSetId: f.ruleSetId,
    frameworkVersion: frameworkVersionOf(f),
    jurisdiction: f.jurisdiction,
    form: f.form,
    version: f.version,
    effectiveOn: f.effectiveFrom,
    sections: f.sections.map((s) => ({ section: s.section, name: s.name, max: s.indicators.reduce((sum, i) => sum + i.max, 0), indicators: s.indicators.map((i) => ({ code: i.code, name: i.name, max: i.max })) })),
    total: indicatorsOf(f).reduce((sum, i) => sum + i.max, 0),
    maxBonus: f.maxBonus,
    source: f.source,
    publishedBy: f.publishedBy,
    publishedAt: f.publishedAt.toISOString(),
    note: f.note,
  };
}

/**
 * Indicator frameworks per form and jurisdiction (regulations §6 Content and Scoring), published as the local rule
 * sets are (rule-sets.use-cases.ts): an evaluator at national or provincial level covering the jurisdiction, a
 * future Beijing effective date, the next version number (a concurrent publication collides on the key). A
 * procedure fixes the version in force at its application.
 */
@Injectable()
export class PublishIndicatorFramework {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly frameworks: IndicatorFrameworkStore,
    private readonly clock: Clock,
  ) {}

  async publish(input: NewFrameworkVersionInput, principal: Principal): Promise<IndicatorFrameworkVersion> {
    const now = this.clock.now();
    assertFrameworkPublishable(input, principal.jurisdiction, now, (m) => new AuthErrors.OUT_OF_JURISDICTION(m));
    const ruleSetId = frameworkIdFor(input.jurisdiction, input.form);
    return this.uow.run(async (tx) => {
      const existing = (await this.frameworks.versions(tx)).filter((v) => v.ruleSetId === ruleSetId);
      const version: IndicatorFrameworkVersion = { ruleSetId, jurisdiction: input.jurisdiction, form: input.form, version: Math.max(0, ...existing.map((v) => v.version)) + 1, effectiveFrom: input.effectiveFrom, sections: input.sections, maxBonus: input.maxBonus, source: input.source, publishedBy: principal.subject, publishedAt: now, note: input.note };
      await this.frameworks.insertVersion(tx, version).catch((err: Error) => {
        throw isDuplicateKey(err) ? new EvaluationErrors.RULE_SET_VERSION_CONFLICT(`another version of ${ruleSetId} was published concurrently; retry`) : err;
      });
      return version;
    });
  }

  list(): Promise<IndicatorFrameworkVersion[]> {
    return this.frameworks.versions(null);
  }
}
