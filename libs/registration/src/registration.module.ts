import { Logger, Module, type DynamicModule } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { ALL_EVENT_CONTRACTS } from '@sop/contracts';
import { EventCatalog } from '@sop/messaging';
import { commandAuditControllerFor, errorCatalogueControllerFor, healthControllerFor, SERVICE_RUNTIME, serviceRuntimeProviders, type ServiceDefinition, type ServiceDeps, auditKeysControllerFor } from '@sop/http';
import { AnnualReportsHttpController } from './api/http/annual-reports.http.controller';
import { CalendarHttpController } from './api/http/calendar.http.controller';
import { ApplicationsHttpController } from './api/http/applications.http.controller';
import { OrganizationsHttpController } from './api/http/organizations.http.controller';
import { PartyOrganizationHttpController } from './api/http/party-organization.http.controller';
import { PolicyHttpController } from './api/http/policy.http.controller';
import { RegimeMetricsHttpController } from './api/http/regime-metrics.http.controller';
import { AnnualReportStore } from './application/annual-reports/annual-reports.ports';
import { PublishCalendarYear } from './application/calendar/publish-calendar-year.use-case';
import { AnnualReports } from './application/annual-reports/annual-reports.use-cases';
import { DetectOverdueAnnualReports } from './application/annual-reports/detect-overdue-annual-reports.use-case';
import { ApplicationDecisions } from './application/applications/application-decisions.use-cases';
import { ApplicationReads } from './application/applications/application-reads.use-cases';
import { ApplicationStore } from './application/applications/applications.ports';
import { SubmitApplication } from './application/applications/submit-application.use-case';
import { SupervisingUnitConsent } from './application/applications/supervising-unit-consent.use-cases';
import { ChangeOrganization } from './application/organizations/change-organization.use-case';
import { DeregistrationAndRevocation } from './application/organizations/deregistration-and-revocation.use-cases';
import { LegalRepresentatives } from './application/organizations/legal-representatives.use-case';
import { OrganizationReads } from './application/organizations/organization-reads.use-cases';
import { RevokeChange } from './application/organizations/revoke-change.use-case';
import { OrganizationStore } from './application/organizations/organizations.ports';
import { DetectOverduePartyOrganizations } from './application/party-organization/detect-overdue-party-organizations.use-case';
import { PartyOrganizationStore } from './application/party-organization/party-organization.ports';
import { PartyOrganizations } from './application/party-organization/party-organizations.use-cases';
import { PersonalDataStore, PiiProtector } from './application/personal-data/personal-data.ports';
import { PersonalDataService } from './application/personal-data/personal-data.service';
import { PolicyReads } from './application/policy/policy-reads.use-cases';
import { PolicyStore } from './application/policy/policy.ports';
import { PolicyInForce } from './application/policy/policy-in-force';
import { PublishPolicyVersion } from './application/policy/publish-policy-version.use-case';
import { CompareRegimes } from './application/regime-metrics/compare-regimes.use-case';
import { ApplyDueRegimeChanges } from './application/regime-shift/apply-due-regime-changes.use-case';
import { RegistrationScheduler, SCHEDULER_INTERVAL_MS } from './application/schedulers/registration.scheduler';
import { RegistrationErrors } from './domain/registration.errors';
import { TypeOrmAnnualReportStore } from './infrastructure/annual-reports/typeorm-annual-report.store';
import { TypeOrmApplicationStore } from './infrastructure/applications/typeorm-application.store';
import { REGISTRATION_MIGRATIONS } from './infrastructure/migrations/registration.migrations';
import { TypeOrmOrganizationStore } from './infrastructure/organizations/typeorm-organization.store';
import { AesGcmPiiProtector, piiKeyRingOf } from './infrastructure/personal-data/aes-gcm-pii-protector';
import { TypeOrmPartyOrganizationStore } from './infrastructure/party-organization/typeorm-party-organization.store';
import { TypeOrmPersonalDataStore } from './infrastructure/personal-data/typeorm-personal-data.store';
import { TypeOrmPolicyStore } from './infrastructure/policy/typeorm-policy.store';
import { REGISTRATION_ENTITIES } from './infrastructure/registration.orm-entities';
import { registrationConfig, type RegistrationEnv } from './registration.config';

@Module({})
export class RegistrationModule {
  static register(deps: ServiceDeps): DynamicModule {
    return {
      module: RegistrationModule,
      imports: [ConfigModule.forFeature(registrationConfig.factory)],
      controllers: [
        CalendarHttpController,
        ApplicationsHttpController,
        OrganizationsHttpController,
        PolicyHttpController,
        AnnualReportsHttpController,
        PartyOrganizationHttpController,
        RegimeMetricsHttpController,
        errorCatalogueControllerFor([RegistrationErrors]),
        auditKeysControllerFor(SERVICE_RUNTIME),
        healthControllerFor(SERVICE_RUNTIME),
        commandAuditControllerFor(),
      ],
      providers: [
        ...serviceRuntimeProviders(deps, {
          serviceName: 'registration',
          catalog: new EventCatalog(ALL_EVENT_CONTRACTS),
          entities: REGISTRATION_ENTITIES,
          migrations: REGISTRATION_MIGRATIONS,
        }),
        // Ports and their adapters
        { provide: ApplicationStore, useClass: TypeOrmApplicationStore },
        { provide: OrganizationStore, useClass: TypeOrmOrganizationStore },
        { provide: PersonalDataStore, useClass: TypeOrmPersonalDataStore },
        { provide: PolicyStore, useClass: TypeOrmPolicyStore },
        { provide: AnnualReportStore, useClass: TypeOrmAnnualReportStore },
        { provide: PartyOrganizationStore, useClass: TypeOrmPartyOrganizationStore },
        {
          provide: PiiProtector,
          useFactory: (config: RegistrationEnv) => {
            // Named keys with rotation (REGISTRATION_PII_KEYS), the legacy key, or (embedded / AUTH_ALLOW_DEV_KEYS) a dev key.
            const { ring, devKey } = piiKeyRingOf(config);
            if (devKey) new Logger('Registration').warn('no REGISTRATION_PII_KEYS / REGISTRATION_PII_KEY: ID numbers are encrypted with the development key under DATA_DIR/dev-keys');
            return new AesGcmPiiProtector(ring);
          },
          inject: [registrationConfig.KEY],
        },
        PersonalDataService,
        // Use cases, by feature
        SubmitApplication,
        SupervisingUnitConsent,
        ApplicationDecisions,
        ApplicationReads,
        OrganizationReads,
        ChangeOrganization,
        LegalRepresentatives,
        DeregistrationAndRevocation,
        RevokeChange,
        PublishPolicyVersion,
        PolicyInForce,
        PolicyReads,
        ApplyDueRegimeChanges,
        AnnualReports,
        DetectOverdueAnnualReports,
        PartyOrganizations,
        DetectOverduePartyOrganizations,
        CompareRegimes,
        PublishCalendarYear,
        // Time-driven work
        { provide: SCHEDULER_INTERVAL_MS, useFactory: (config: RegistrationEnv) => config.REGISTRATION_SCHEDULER_INTERVAL_MS, inject: [registrationConfig.KEY] },
        RegistrationScheduler,
      ],
    };
  }
}

export const REGISTRATION_SERVICE: ServiceDefinition = {
  name: 'registration',
  prefix: 'registration',
  schema: 'registration',
  defaultPort: 3001,
  title: 'Registration service',
  description: 'Applications, registration policy, USCC issuance and the organization register (civil-affairs registration authorities).',
  moduleClass: RegistrationModule,
  module: (deps) => RegistrationModule.register(deps),
  errors: [RegistrationErrors],
  config: [registrationConfig],
};
