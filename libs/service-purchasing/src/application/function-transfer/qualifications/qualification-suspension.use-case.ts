import { Injectable } from '@nestjs/common';
import { UndertakerQualificationSuspended, type JointMeasuresChangedV1, type OrganizationDeregisteredV1, type OrganizationRevokedV1 } from '@sop/contracts';
import type { CloudEvent, Tx } from '@sop/messaging';
import { Clock } from '@sop/util';
import { listingCause, type UndertakerQualification } from '../../../domain/function-transfer/qualification';
import type { TransferRuleSet } from '../../../domain/function-transfer/transfer-rules';
import { FunctionTransferStore } from '../function-transfer.ports';
import { keysOf, LIST_LIMIT, saveChanged } from '../records';
import { TransferRuleSets } from '../rule-sets/transfer-rule-sets.use-cases';

/**
 * Automatic suspension of qualifications (regulations §8 item 2; issue 12): when credit lists the organization
 * (its joint-measure set names a barring list), or registration revokes or deregisters it, every active
 * qualification of it is suspended in the consumer's transaction, with the causing event as evidence. Idempotent: a
 * redelivered or later event finds nothing active and does nothing; a suspension is lifted only by a new grant.
 */
@Injectable()
export class QualificationSuspensions {
  constructor(
    private readonly store: FunctionTransferStore,
    private readonly ruleSets: TransferRuleSets,
    private readonly clock: Clock,
  ) {}

  async onJointMeasuresChanged(event: CloudEvent<JointMeasuresChangedV1>, tx: Tx): Promise<void> {
    const d = event.data;
    await this.suspendAll(tx, d.uscc, 'LISTED', (rules) => {
      const lists = listingCause(d.lists, rules);
      return lists.length ? { sourceEventId: event.id, sourceType: event.type, lists: d.lists, barringLists: lists, measures: d.measures, effectiveFrom: d.effectiveFrom, creditRuleVersion: d.ruleVersion } : null;
    });
  }

  async onOrganizationRevoked(event: CloudEvent<OrganizationRevokedV1>, tx: Tx): Promise<void> {
    const d = event.data;
    await this.suspendAll(tx, d.uscc, 'REVOKED', () => ({ sourceEventId: event.id, sourceType: event.type, reason: d.reason, legalBasis: d.legalBasis, registeringAuthority: d.registeringAuthority }));
  }

  async onOrganizationDeregistered(event: CloudEvent<OrganizationDeregisteredV1>, tx: Tx): Promise<void> {
    const d = event.data;
    await this.suspendAll(tx, d.uscc, 'DEREGISTERED', () => ({ sourceEventId: event.id, sourceType: event.type, reason: d.reason, deregisteredAt: d.deregisteredAt, registeringAuthority: d.registeringAuthority }));
  }

  private async suspendAll(tx: Tx, uscc: string, cause: string, evidenceOf: (rules: TransferRuleSet) => Record<string, unknown> | null): Promise<void> {
    const now = this.clock.now();
    for (const found of await this.store.find<UndertakerQualification>(tx, 'QUALIFICATION', { uscc, status: 'ACTIVE' }, LIST_LIMIT)) {
      const q = await this.store.locked<UndertakerQualification>(tx, 'QUALIFICATION', found.id);
      if (!q || q.status !== 'ACTIVE') continue;
      // The lists that suspend are those of the rule set in force for the qualification's jurisdiction.
      const evidence = evidenceOf(await this.ruleSets.inForce(tx, q.jurisdiction, now));
      if (!evidence) continue;
      const published = await tx.publish(UndertakerQualificationSuspended, {
        subject: q.id,
        data: { qualificationId: q.id, uscc, cause, evidence, suspendedAt: now.toISOString() },
      });
      const next: UndertakerQualification = { ...q, status: 'SUSPENDED', suspension: { cause, evidence, suspendedAt: now.toISOString(), eventId: published.id }, revision: q.revision + 1 };
      await saveChanged(this.store, tx, 'QUALIFICATION', keysOf.QUALIFICATION(next), next, now);
    }
  }
}
