import { randomUUID } from 'node:crypto';
import type { OrganizationRegisteredV1 } from '@sop/contracts';
import type { CloudEvent, Tx } from '@sop/messaging';
import type { Clock } from '@sop/util';
import { CN_NATIONAL_CALENDAR_V1 } from '../domain/holiday-calendar';
import { addWorkingDays, CAPTURE_DEADLINE_WORKING_DAYS } from '../domain/working-days';
import { CreditInformationOrmEntity, CreditOrganizationOrmEntity } from './credit.orm-entities';

/**
 * registration.organization.registered → the organization's credit record starts: basic information
 * (Order 60 Art. 6 category 1), captured with its deadline. Runs inside the consumer's inbox transaction.
 */
export function projectOrganizationRegistered(clock: Clock) {
  return async (event: CloudEvent<OrganizationRegisteredV1>, tx: Tx): Promise<void> => {
    const d = event.data;
    const registeredAt = new Date(d.registeredAt);
    const now = clock.now();
    await tx.manager.upsert(
      CreditOrganizationOrmEntity,
      {
        uscc: d.uscc,
        name: d.name,
        form: d.form,
        category: d.category,
        registeringAuthority: d.registeringAuthority,
        domicile: d.domicile,
        registrationStatus: 'REGISTERED',
        registeredAt,
        updatedAt: now,
      },
      ['uscc'],
    );
    await tx.manager.insert(CreditInformationOrmEntity, {
      id: randomUUID(),
      uscc: d.uscc,
      category: 'BASIC',
      factType: 'REGISTERED',
      sourceEventId: event.id,
      summary: `registered by authority ${d.registeringAuthority} as ${d.form} (${d.regime})`,
      occurredAt: registeredAt,
      recordedAt: now,
      captureDeadline: addWorkingDays(registeredAt, CAPTURE_DEADLINE_WORKING_DAYS, CN_NATIONAL_CALENDAR_V1),
    });
  };
}
