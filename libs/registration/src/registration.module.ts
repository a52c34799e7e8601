import { Logger, Module, type DynamicModule } from '@nestjs/common';
import { ALL_EVENT_CONTRACTS } from '@sop/contracts';
import { EventCatalog } from '@sop/messaging';
import { healthControllerFor, SERVICE_RUNTIME, serviceRuntimeProviders, type ServiceDefinition, type ServiceDeps } from '@sop/http';
import { RegistrationHttpController } from './api/registration.http.controller';
import { AnnualReportStore, PiiProtector, RegistrationStore } from './application/registration.ports';
import { AnnualReportService } from './application/annual-report.service';
import { RegimeMetricsService } from './application/regime-metrics.service';
import { OrganizationLifecycleService } from './application/organization-lifecycle.service';
import { OrganizationHistory1732600000300 } from './infrastructure/migrations/1732600000300-organization-history.migration';
import { LegalRepresentativeChanges1732600000400 } from './infrastructure/migrations/1732600000400-legal-representative-changes.migration';
import { AnnualReportDueDatesPerForm1732600000500 } from './infrastructure/migrations/1732600000500-annual-report-due-dates-per-form.migration';
import { RegistrationPolicyService } from './application/registration-policy.service';
import { RegistrationService } from './application/registration.service';
import { RegimeShiftService } from './application/regime-shift.service';
import { RegistrationScheduler, SCHEDULER_INTERVAL_MS } from './application/registration.scheduler';
import { AesGcmPiiProtector, piiKeyFromEnv } from './infrastructure/aes-gcm-pii-protector';
import { RegistrationSkeleton1732500000100 } from './infrastructure/migrations/1732500000100-registration-skeleton.migration';
import { RegistrationPolicyAndConsent1732600000100 } from './infrastructure/migrations/1732600000100-registration-policy-and-consent.migration';
import { REGISTRATION_ENTITIES } from './infrastructure/registration.orm-entities';
import { TypeOrmRegistrationStore } from './infrastructure/typeorm-registration.store';
import { TypeOrmAnnualReportStore } from './infrastructure/typeorm-annual-report.store';
import { AnnualReports1732600000200 } from './infrastructure/migrations/1732600000200-annual-reports.migration';

@Module({})
export class RegistrationModule {
  static register(deps: ServiceDeps): DynamicModule {
    return {
      module: RegistrationModule,
      controllers: [RegistrationHttpController, healthControllerFor(SERVICE_RUNTIME)],
      providers: [
        ...serviceRuntimeProviders(deps, {
          serviceName: 'registration',
          catalog: new EventCatalog(ALL_EVENT_CONTRACTS),
          entities: REGISTRATION_ENTITIES,
          migrations: [RegistrationSkeleton1732500000100, RegistrationPolicyAndConsent1732600000100, AnnualReports1732600000200, OrganizationHistory1732600000300, LegalRepresentativeChanges1732600000400, AnnualReportDueDatesPerForm1732600000500],
        }),
        { provide: RegistrationStore, useClass: TypeOrmRegistrationStore },
        { provide: AnnualReportStore, useClass: TypeOrmAnnualReportStore },
        AnnualReportService,
        RegimeMetricsService,
        OrganizationLifecycleService,
        {
          provide: PiiProtector,
          useFactory: () => {
            const { key, devKey } = piiKeyFromEnv();
            if (devKey) new Logger('Registration').warn('REGISTRATION_PII_KEY not set: ID numbers are encrypted with the local development key under DATA_DIR/dev-keys');
            return new AesGcmPiiProtector(key);
          },
        },
        RegistrationService,
        RegistrationPolicyService,
        RegimeShiftService,
        { provide: SCHEDULER_INTERVAL_MS, useFactory: () => Number(process.env['REGISTRATION_SCHEDULER_INTERVAL_MS'] ?? 60_000) },
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
};
