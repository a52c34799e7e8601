import type { OrganizationRegisteredV1 } from '@sop/contracts';
import type { CloudEvent, Tx } from '@sop/messaging';
import { eligibleForEvaluationFrom } from '../domain/eligibility';
import { EvaluationOrganizationOrmEntity } from './evaluation.orm-entities';

export async function projectOrganizationRegistered(event: CloudEvent<OrganizationRegisteredV1>, tx: Tx): Promise<void> {
  const d = event.data;
  const registeredAt = new Date(d.registeredAt);
  await tx.manager.upsert(
    EvaluationOrganizationOrmEntity,
    {
      uscc: d.uscc,
      name: d.name,
      form: d.form,
      category: d.category,
      registeringAuthority: d.registeringAuthority,
      registeredAt,
      eligibleFrom: eligibleForEvaluationFrom(registeredAt),
      lastEventId: event.id,
    },
    ['uscc'],
  );
}
