import { Injectable } from '@nestjs/common';
import type { Principal } from '@sop/auth';
import { ApplicationConsentGiven, ApplicationConsentRefused } from '@sop/contracts';
import { UnitOfWork, OfficialCalendars } from '@sop/messaging';
import { Clock } from '@sop/util';
import type { RegistrationApplication } from '../../domain/registration-application';
import { ApplicationStore } from './applications.ports';

/**
 * Dual management: the supervising unit an application names gives or refuses its consent (社团条例 Art. 9, 11(2)).
 * Only that unit's own users decide, identified by the unit_id claim.
 */
@Injectable()
export class SupervisingUnitConsent {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly applications: ApplicationStore,
    private readonly clock: Clock,
    private readonly calendars: OfficialCalendars,
  ) {}

  /** Consent completes the application, so the 60-day decision period runs from now. */
  async giveConsent(applicationId: string, principal: Principal): Promise<RegistrationApplication> {
    const now = this.clock.now();
    return this.uow.run(async (tx) => {
      const application = await this.applications.requireApplication(tx, applicationId, true);
      application.giveConsent(principal.unitId, principal.subject, now, this.calendars.current());
      await this.applications.saveApplication(tx, application);
      const s = application.snapshot;
      await tx.publish(ApplicationConsentGiven, { subject: s.id,
        policyVersion: s.policyVersion,
        data: {
          applicationId: s.id,
          supervisingUnitId: s.unit?.id ?? '',
          supervisingUnitName: s.unit?.name ?? '',
          consentedAt: now.toISOString(),
          decisionDueBy: s.decisionDueBy.toISOString(),
          policyVersion: s.policyVersion,
        },
      });
      return application;
    });
  }

  /** A refusal states its reasons and ends the application. */
  async refuseConsent(applicationId: string, reasons: string[], principal: Principal): Promise<RegistrationApplication> {
    const now = this.clock.now();
    return this.uow.run(async (tx) => {
      const application = await this.applications.requireApplication(tx, applicationId, true);
      application.refuseConsent(principal.unitId, principal.subject, reasons, now);
      await this.applications.saveApplication(tx, application);
      const s = application.snapshot;
      await tx.publish(ApplicationConsentRefused, { subject: s.id,
        policyVersion: s.policyVersion,
        data: {
          applicationId: s.id,
          supervisingUnitId: s.unit?.id ?? '',
          supervisingUnitName: s.unit?.name ?? '',
          reasons: s.consentReasons,
          refusedAt: now.toISOString(),
          policyVersion: s.policyVersion,
        },
      });
      return application;
    });
  }
}
