import { Module, type DynamicModule } from '@nestjs/common';
import { ALL_EVENT_CONTRACTS, CONSUMER_GROUPS, OrganizationRegistered } from '@sop/contracts';
import { EventCatalog } from '@sop/messaging';
import { healthControllerFor, SERVICE_RUNTIME, serviceRuntimeProviders, type ServiceDefinition, type ServiceDeps } from '@sop/http';
import { CreditProfileHttpController } from './api/credit-profile.http.controller';
import { CREDIT_ENTITIES } from './infrastructure/credit.orm-entities';
import { CreditProfileQuery } from './infrastructure/credit-profile.query';
import { CreditSkeleton1732500000200 } from './infrastructure/migrations/1732500000200-credit-skeleton.migration';
import { projectOrganizationRegistered } from './infrastructure/organization-registered.projector';

@Module({})
export class CreditSupervisionModule {
  static register(deps: ServiceDeps): DynamicModule {
    return {
      module: CreditSupervisionModule,
      controllers: [CreditProfileHttpController, healthControllerFor(SERVICE_RUNTIME)],
      providers: [
        ...serviceRuntimeProviders(deps, {
          serviceName: 'credit-supervision',
          catalog: new EventCatalog(ALL_EVENT_CONTRACTS),
          entities: CREDIT_ENTITIES,
          migrations: [CreditSkeleton1732500000200],
          consumer: {
            groupId: CONSUMER_GROUPS.creditSupervision,
            topics: [OrganizationRegistered.topic],
            handlers: { [OrganizationRegistered.type]: projectOrganizationRegistered(deps.clock) },
          },
        }),
        CreditProfileQuery,
      ],
    };
  }
}

export const CREDIT_SUPERVISION_SERVICE: ServiceDefinition = {
  name: 'credit-supervision',
  prefix: 'credit',
  schema: 'credit_supervision',
  defaultPort: 3002,
  title: 'Credit supervision service',
  description: 'Credit records, abnormal and serious lists, penalties, objections and the public credit profile.',
  moduleClass: CreditSupervisionModule,
  module: (deps) => CreditSupervisionModule.register(deps),
};
