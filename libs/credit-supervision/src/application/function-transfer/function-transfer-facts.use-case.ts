import { Injectable } from '@nestjs/common';
import type { TransferAgreementTakenBackV1 } from '@sop/contracts';
import type { CloudEvent, Tx } from '@sop/messaging';
import { Clock } from '@sop/util';
import { CreditCalendar } from '../calendar/credit-calendar';
import { informationAt } from '../organizations/credit-information';
import { OrganizationStore } from '../organizations/organizations.ports';

/** The fact type a revocation for cause of a transferred function is recorded under. */
export const TRANSFER_REVOKED_FOR_CAUSE = 'TRANSFERRED_FUNCTION_REVOKED_FOR_CAUSE';

/**
 * Transfer of government functions (regulations §8 item 4: evaluation and supervision feed credit records): a
 * department's revocation of a transfer agreement for cause is "other" credit information about the undertaking
 * organization (Order 60 Art. 7), with its 5-working-day capture deadline. Suspensions and revocations without cause
 * (a function taken back for policy reasons) say nothing about the organization and are not recorded. Idempotent:
 * the event id is the information's source; a redelivery finds it on record.
 */
@Injectable()
export class FunctionTransferFacts {
  constructor(
    private readonly organizations: OrganizationStore,
    private readonly clock: Clock,
    private readonly calendar: CreditCalendar,
  ) {}

  async onAgreementTakenBack(event: CloudEvent<TransferAgreementTakenBackV1>, tx: Tx): Promise<void> {
    const d = event.data;
    if (d.action !== 'REVOKED' || !d.forCause) return;
    if (await this.organizations.hasInformation(tx, event.id)) return;
    const summary = `transfer agreement ${d.agreementId} revoked for cause by ${d.departmentUnitId}: ${d.reasons.join('; ')} (${d.legalBasis})`;
    await this.organizations.addInformation(
      tx,
      informationAt(this.calendar, this.clock.now(), { uscc: d.uscc, category: 'OTHER', factType: TRANSFER_REVOKED_FOR_CAUSE, sourceId: event.id, summary: summary.slice(0, 1000), occurredAt: new Date(d.takenAt) }),
    );
  }
}
