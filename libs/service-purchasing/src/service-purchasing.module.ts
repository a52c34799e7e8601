import { Module, type DynamicModule } from '@nestjs/common';
import { ALL_EVENT_CONTRACTS, CONSUMER_GROUPS, OrganizationRegistered } from '@sop/contracts';
import { EventCatalog } from '@sop/messaging';
import { healthControllerFor, SERVICE_RUNTIME, serviceRuntimeProviders, type ServiceDefinition, type ServiceDeps } from '@sop/http';
import { SupplierHttpController } from './api/supplier.http.controller';
import { PurchasingSkeleton1732500000400 } from './infrastructure/migrations/1732500000400-purchasing-skeleton.migration';
import { projectOrganizationRegistered } from './infrastructure/organization-registered.projector';
import { PURCHASING_ENTITIES } from './infrastructure/purchasing.orm-entities';

@Module({})
export class ServicePurchasingModule {
  static register(deps: ServiceDeps): DynamicModule {
    return {
      module: ServicePurchasingModule,
      controllers: [SupplierHttpController, healthControllerFor(SERVICE_RUNTIME)],
      providers: serviceRuntimeProviders(deps, {
        serviceName: 'service-purchasing',
        catalog: new EventCatalog(ALL_EVENT_CONTRACTS),
        entities: PURCHASING_ENTITIES,
        migrations: [PurchasingSkeleton1732500000400],
        consumer: {
          groupId: CONSUMER_GROUPS.servicePurchasing,
          topics: [OrganizationRegistered.topic],
          handlers: { [OrganizationRegistered.type]: projectOrganizationRegistered },
        },
      }),
    };
  }
}

export const SERVICE_PURCHASING_SERVICE: ServiceDefinition = {
  name: 'service-purchasing',
  prefix: 'purchasing',
  schema: 'service_purchasing',
  defaultPort: 3004,
  title: 'Service purchasing service',
  description: 'Guiding catalogue, procurements (OCDS), bids, eligibility, contracts, milestones and payments.',
  moduleClass: ServicePurchasingModule,
  module: (deps) => ServicePurchasingModule.register(deps),
};
