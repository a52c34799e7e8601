import type { OrganizationRegisteredV1 } from '@sop/contracts';
import type { CloudEvent, Tx } from '@sop/messaging';
import { hasCategoryPriority } from '../domain/supplier-priority';
import { PurchasingSupplierOrmEntity } from './purchasing.orm-entities';

/**
 * registration.organization.registered → a potential undertaker. The upsert names only register fields, so a
 * re-published registration never resets a REVOKED / DEREGISTERED status (new rows get the column default ACTIVE).
 */
export async function projectOrganizationRegistered(event: CloudEvent<OrganizationRegisteredV1>, tx: Tx): Promise<void> {
  const d = event.data;
  await tx.manager.upsert(
    PurchasingSupplierOrmEntity,
    {
      uscc: d.uscc,
      name: d.name,
      form: d.form,
      category: d.category,
      registeringAuthority: d.registeringAuthority,
      registeredAt: new Date(d.registeredAt),
      categoryPriority: hasCategoryPriority(d.category),
      lastEventId: event.id,
    },
    ['uscc'],
  );
}
