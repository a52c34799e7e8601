import { Injectable } from '@nestjs/common';
import type { JointMeasuresChangedV1 } from '@sop/contracts';
import type { CloudEvent, Tx } from '@sop/messaging';
import { Clock } from '@sop/util';
import { SupplierStore } from './suppliers.ports';

/** The credit joint measures in force for each supplier, as credit publishes them (regulations §5.3). */
@Injectable()
export class SupplierCreditMeasures {
  constructor(
    private readonly suppliers: SupplierStore,
    private readonly clock: Clock,
  ) {}

  /**
   * credit.joint-measures.changed → the whole set replaces the previous one (regulations §5.3; credit decides
   * which lists carry NO_PURCHASE_OF_SERVICES). Sets arrive in order per USCC (Kafka key); a redelivery of the same
   * event is stopped by the inbox, and storing the same set again changes nothing.
   */
  async onJointMeasuresChanged(event: CloudEvent<JointMeasuresChangedV1>, tx: Tx): Promise<void> {
    const d = event.data;
    await this.suppliers.saveMeasures(tx, d.uscc, { lists: [...d.lists], measures: [...d.measures], effectiveFrom: d.effectiveFrom, ruleVersion: d.ruleVersion, eventId: event.id, receivedAt: this.clock.now() });
  }
}
