import { Module, type DynamicModule } from '@nestjs/common';
import { ALL_EVENT_CONTRACTS } from '@sop/contracts';
import { EventCatalog } from '@sop/messaging';
import { healthControllerFor, SERVICE_RUNTIME, serviceRuntimeProviders, type ServiceDefinition, type ServiceDeps } from '@sop/http';
import { RegistrationHttpController } from './api/registration.http.controller';
import { RegistrationStore } from './application/registration.ports';
import { RegistrationService } from './application/registration.service';
import { RegistrationSkeleton1732500000100 } from './infrastructure/migrations/1732500000100-registration-skeleton.migration';
import { REGISTRATION_ENTITIES } from './infrastructure/registration.orm-entities';
import { TypeOrmRegistrationStore } from './infrastructure/typeorm-registration.store';

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
          migrations: [RegistrationSkeleton1732500000100],
        }),
        { provide: RegistrationStore, useClass: TypeOrmRegistrationStore },
        RegistrationService,
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
