import { Injectable, Logger } from '@nestjs/common';
import type { OrganizationDeregisteredV1, OrganizationRegisteredV1, OrganizationRevokedV1 } from '@sop/contracts';
import type { CloudEvent, Tx } from '@sop/messaging';
import { nextStatus, type SupplierStatus } from '../../domain/supplier-eligibility';
import { hasCategoryPriority } from '../../domain/supplier-priority';
import { SupplierStore } from './suppliers.ports';

/**
 * The supplier register as registration's events describe it: who is a potential undertaker, and whether it is
 * still registered. Runs inside the consumer's inbox transaction, so a redelivered event changes nothing.
 */
@Injectable()
export class SupplierRegistrationFacts {
  private readonly logger = new Logger('SupplierRegistrationFacts');

  constructor(private readonly suppliers: SupplierStore) {}

  /**
   * registration.organization.registered → a potential undertaker. Only register fields are written, so a
   * re-published registration never resets a REVOKED / DEREGISTERED status (new suppliers start ACTIVE).
   */
  async onOrganizationRegistered(event: CloudEvent<OrganizationRegisteredV1>, tx: Tx): Promise<void> {
    const d = event.data;
    await this.suppliers.saveRegistration(tx, {
      uscc: d.uscc,
      name: d.name,
      form: d.form,
      category: d.category,
      registeringAuthority: d.registeringAuthority,
      registeredAt: new Date(d.registeredAt),
      categoryPriority: hasCategoryPriority(d.category),
      eventId: event.id,
    });
  }

  async onOrganizationRevoked(event: CloudEvent<OrganizationRevokedV1>, tx: Tx): Promise<void> {
    await this.statusChanged(tx, event.data.uscc, 'REVOKED', new Date(event.data.revokedAt), event.id);
  }

  async onOrganizationDeregistered(event: CloudEvent<OrganizationDeregisteredV1>, tx: Tx): Promise<void> {
    await this.statusChanged(tx, event.data.uscc, 'DEREGISTERED', new Date(event.data.deregisteredAt), event.id);
  }

  /** Revoked / deregistered organizations cannot undertake purchased services (Order 102 Art. 6–7). */
  private async statusChanged(tx: Tx, uscc: string, incoming: SupplierStatus, at: Date, eventId: string): Promise<void> {
    const supplier = await this.suppliers.supplier(tx, uscc);
    if (!supplier) {
      // Same topic and key as the registration event, so it cannot overtake it: purchasing never knew this one.
      this.logger.warn(`${incoming} for ${uscc}, which purchasing never registered; ignored`);
      return;
    }
    const next = nextStatus(supplier.status, incoming);
    if (next !== supplier.status) await this.suppliers.setSupplierStatus(tx, uscc, next, at, eventId);
  }
}
