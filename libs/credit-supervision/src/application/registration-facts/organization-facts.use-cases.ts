import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type {
  OrganizationChangedV1,
  OrganizationChangeRevokedV1,
  OrganizationDeregisteredV1,
  OrganizationRegisteredV1,
  OrganizationRevokedV1,
  SupervisionConvertedToGuidanceV1,
} from '@sop/contracts';
import type { CloudEvent, Tx } from '@sop/messaging';
import { Clock } from '@sop/util';
import { decideDeregistration, decideTrigger } from '../../domain/list-decisions';
import { decideRevocation, projectedChanges, type InformationCategory } from '../../domain/registration-facts';
import { ListDecisions } from '../lists/list-decisions';
import { CreditCalendar } from '../calendar/credit-calendar';
import { informationAt } from '../organizations/credit-information';
import { OrganizationStore } from '../organizations/organizations.ports';

/**
 * Registration's organization lifecycle events as the credit record: it starts on registration, follows changes,
 * and records revocation and deregistration with their list decisions (regulations §5.2 trigger 7 and removal).
 * Each runs in the consumer's inbox transaction, the event id as source (and evidence).
 */
@Injectable()
export class OrganizationFacts {
  constructor(
    private readonly organizations: OrganizationStore,
    private readonly lists: ListDecisions,
    private readonly clock: Clock,
    private readonly calendar: CreditCalendar,
  ) {}

  /**
   * registration.organization.registered → the organization's credit record starts: basic information
   * (Order 60 Art. 6 category 1), captured with its deadline.
   */
  async onOrganizationRegistered(event: CloudEvent<OrganizationRegisteredV1>, tx: Tx): Promise<void> {
    const d = event.data;
    const registeredAt = new Date(d.registeredAt);
    const now = this.clock.now();
    await this.organizations.registerOrganization(
      tx,
      { uscc: d.uscc, name: d.name, form: d.form, category: d.category, registeringAuthority: d.registeringAuthority, domicile: d.domicile, registeredAt },
      now,
    );
    await this.information(tx, event, d.uscc, 'BASIC', 'REGISTERED', `registered by authority ${d.registeringAuthority} as ${d.form} (${d.regime})`, registeredAt, now);
  }

  /** registration.organization.revoked → penalty information and §5.2 trigger 7 (event id as evidence), unless already listed for it. */
  async onOrganizationRevoked(event: CloudEvent<OrganizationRevokedV1>, tx: Tx): Promise<void> {
    const d = event.data;
    const now = this.clock.now();
    const at = new Date(d.revokedAt);
    await this.information(tx, event, d.uscc, 'PENALTY', 'REGISTRATION_REVOKED', `registration revoked by ${d.registeringAuthority}: ${d.reason} (${d.legalBasis})`, at, now);
    await this.organizations.lockOrganization(tx, d.uscc);
    await this.organizations.setRegistrationStatus(tx, d.uscc, 'REVOKED', now);
    await this.lists.decide(tx, d.uscc, now, (s, r) => decideRevocation(s, { uscc: d.uscc, evidence: [event.id], at, decidingAuthority: d.registeringAuthority }, r, randomUUID), event.id, at);
  }

  /** registration.organization.deregistered → status DEREGISTERED; an entry for revocation leaves the serious list (§5.2). */
  async onOrganizationDeregistered(event: CloudEvent<OrganizationDeregisteredV1>, tx: Tx): Promise<void> {
    const d = event.data;
    const now = this.clock.now();
    const at = new Date(d.deregisteredAt);
    const summary = `deregistered after liquidation completed on ${d.liquidationCompletedOn}${d.filedLate ? ' (filed late)' : ''}: ${d.reason}`;
    await this.information(tx, event, d.uscc, 'BASIC', 'DEREGISTERED', summary, at, now);
    await this.organizations.lockOrganization(tx, d.uscc);
    await this.organizations.setRegistrationStatus(tx, d.uscc, 'DEREGISTERED', now);
    await this.lists.decide(tx, d.uscc, now, (s, r) => decideDeregistration(s, d.uscc, at, r), event.id, at);
  }

  /** registration.organization.changed → basic information; name and domicile of the credit record follow, with the effective date. */
  async onOrganizationChanged(event: CloudEvent<OrganizationChangedV1>, tx: Tx): Promise<void> {
    const d = event.data;
    const now = this.clock.now();
    const at = new Date(d.effectiveAt);
    const fields = d.changes.map((c) => c.field).join(', ');
    await this.information(tx, event, d.uscc, 'BASIC', 'CHANGE_REGISTERED', `change registration of ${fields}, effective ${d.effectiveAt}`, at, now);
    await this.organizations.lockOrganization(tx, d.uscc);
    const org = await this.organizations.organization(tx, d.uscc);
    if (!org) return;
    const set = projectedChanges(d.changes, at, { name: org.nameEffectiveFrom ?? null, domicile: org.domicileEffectiveFrom ?? null });
    if (Object.keys(set).length > 0) await this.organizations.updateRegisterFields(tx, d.uscc, set, at, now);
  }

  /**
   * registration.organization.change-revoked → basic information, the restored name and domicile (from the revocation
   * on), and for a fraudulent change serious-list trigger 2 (regulations §5.2 (2)), the event id as evidence.
   */
  async onOrganizationChangeRevoked(event: CloudEvent<OrganizationChangeRevokedV1>, tx: Tx): Promise<void> {
    const d = event.data;
    const now = this.clock.now();
    const at = new Date(d.revokedAt);
    const fields = d.restored.map((c) => c.field).join(', ');
    const summary = `change registration ${d.changeSeq} (effective ${d.changeEffectiveAt}) revoked${d.fraudulent ? ' as fraudulent' : ''}; restored ${fields}: ${d.reason} (${d.legalBasis})`;
    await this.information(tx, event, d.uscc, d.fraudulent ? 'PENALTY' : 'BASIC', 'CHANGE_REGISTRATION_REVOKED', summary, at, now);
    await this.organizations.lockOrganization(tx, d.uscc);
    const org = await this.organizations.organization(tx, d.uscc);
    if (org) {
      const set = projectedChanges(d.restored, at, { name: org.nameEffectiveFrom ?? null, domicile: org.domicileEffectiveFrom ?? null });
      if (Object.keys(set).length > 0) await this.organizations.updateRegisterFields(tx, d.uscc, set, at, now);
    }
    if (!d.fraudulent) return;
    await this.lists.decide(
      tx,
      d.uscc,
      now,
      (s, r) => decideTrigger(s, { uscc: d.uscc, list: 'SERIOUS', reason: 'FRAUDULENT_CHANGE_REVOKED', evidence: [event.id], at, decidingAuthority: d.registeringAuthority }, r, randomUUID),
      event.id,
      at,
    );
  }

  /** registration.organization.supervision-converted-to-guidance → other information only. */
  async onSupervisionConvertedToGuidance(event: CloudEvent<SupervisionConvertedToGuidanceV1>, tx: Tx): Promise<void> {
    const d = event.data;
    const summary = `supervising unit ${d.unitName} became a guidance unit (${d.fromPolicyVersion} → ${d.policyVersion})`;
    await this.information(tx, event, d.uscc, 'OTHER', 'SUPERVISION_CONVERTED_TO_GUIDANCE', summary, new Date(d.effectiveFrom), this.clock.now());
  }

  /** Credit information from a registration event, with its 5-working-day capture deadline (§5). */
  private information(tx: Tx, event: CloudEvent, uscc: string, category: InformationCategory, factType: string, summary: string, occurredAt: Date, now: Date): Promise<void> {
    return this.organizations.addInformation(tx, informationAt(this.calendar, now, { uscc, category, factType, sourceId: event.id, summary, occurredAt }));
  }
}
