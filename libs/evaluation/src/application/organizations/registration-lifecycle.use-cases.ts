import { Injectable } from '@nestjs/common';
import type { OrganizationDeregisteredV1, OrganizationRegisteredV1, OrganizationRevokedV1 } from '@sop/contracts';
import type { CloudEvent, Tx } from '@sop/messaging';
import { civilDateOf, Clock } from '@sop/util';
import { eligibleForEvaluationFrom } from '../../domain/eligibility';
import { ruleSetAt } from '../../domain/evaluation-rules';
import { currentGrade } from '../../domain/grade';
import { registrationStatusAfter, VERIFICATION_CAUSE_OF_REGISTRATION_END, type EndedRegistrationStatus } from '../../domain/registration-status';
import { GradeStore } from '../grades/grades.ports';
import { OpenVerificationCase } from '../verification-cases/open-verification-case';
import { OrganizationStore } from './organizations.ports';

/**
 * Registration's lifecycle events, as evaluation follows them: who exists and since when (the 2-year eligibility
 * date), and whose registration ended. Each runs in the consuming handler's transaction (inbox: a redelivery
 * changes nothing).
 */
@Injectable()
export class RegistrationLifecycle {
  constructor(
    private readonly organizations: OrganizationStore,
    private readonly grades: GradeStore,
    private readonly verification: OpenVerificationCase,
    private readonly clock: Clock,
  ) {}

  /** registration.organization.registered → the organization and the date it may first be evaluated (Order 39 Art. 6). */
  registered(event: CloudEvent<OrganizationRegisteredV1>, tx: Tx): Promise<void> {
    const d = event.data;
    const registeredAt = new Date(d.registeredAt);
    return this.organizations.saveRegistered(tx, {
      uscc: d.uscc,
      name: d.name,
      form: d.form,
      category: d.category,
      registeringAuthority: d.registeringAuthority,
      registeredAt,
      eligibleFrom: eligibleForEvaluationFrom(registeredAt),
      lastEventId: event.id,
    });
  }

  /** registration.organization.revoked → REVOKED (see registrationEnded). */
  revoked(event: CloudEvent<OrganizationRevokedV1>, tx: Tx): Promise<void> {
    return this.registrationEnded(event, 'REVOKED', new Date(event.data.revokedAt), tx);
  }

  /** registration.organization.deregistered → DEREGISTERED (see registrationEnded). */
  deregistered(event: CloudEvent<OrganizationDeregisteredV1>, tx: Tx): Promise<void> {
    return this.registrationEnded(event, 'DEREGISTERED', new Date(event.data.deregisteredAt), tx);
  }

  /**
   * The organization's registration ended: its status (and when, and by which event) is recorded, so that it is
   * no longer evaluated (regulations §6; Order 39 Art. 6). A grade in force is not cancelled automatically — the
   * evaluators decide — but a verification case is opened for it (cause REGISTRATION_REVOKED / DEREGISTERED, the
   * event id as evidence), or the event is added to the grade's open case. An organization evaluation never
   * projected, or a status already recorded (or deregistration being final), records nothing.
   */
  private async registrationEnded(event: CloudEvent<{ uscc: string }>, reported: EndedRegistrationStatus, at: Date, tx: Tx): Promise<void> {
    const uscc = event.data.uscc;
    const now = this.clock.now();
    await this.organizations.lockOrganization(tx, uscc);
    const org = await this.organizations.organization(tx, uscc);
    if (!org) return;
    const status = registrationStatusAfter(org.registrationStatus, reported);
    if (!status) return;
    await this.organizations.setRegistrationStatus(tx, uscc, status, at, event.id);
    const current = currentGrade(await this.grades.grades(tx, uscc), civilDateOf(now));
    if (current) await this.verification.forGrade(tx, current, VERIFICATION_CAUSE_OF_REGISTRATION_END[status], event.id, now, ruleSetAt(now));
  }
}
