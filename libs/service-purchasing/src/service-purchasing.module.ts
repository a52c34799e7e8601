import { Module, type DynamicModule } from '@nestjs/common';
import { ALL_EVENT_CONTRACTS, CONSUMER_GROUPS } from '@sop/contracts';
import { EventCatalog } from '@sop/messaging';
import { healthControllerFor, SERVICE_RUNTIME, serviceRuntimeProviders, type ServiceDefinition, type ServiceDeps } from '@sop/http';
import { SERVICE_PURCHASING } from './api/events/purchasing-events';
import { SupplierEventsHandler } from './api/events/supplier-events.event-handler';
import { ContractHttpController } from './api/contract.http.controller';
import { SupplierHttpController } from './api/supplier.http.controller';
import { ContractService } from './application/contract.service';
import { PurchasingStore } from './application/purchasing.ports';
import { PurchasingSkeleton1732500000400 } from './infrastructure/migrations/1732500000400-purchasing-skeleton.migration';
import { PurchasingContracts1732500000410 } from './infrastructure/migrations/1732500000410-purchasing-contracts.migration';
import { PurchasingPurchaserBinding1732500000420 } from './infrastructure/migrations/1732500000420-purchasing-purchaser-binding.migration';
import { PURCHASING_ENTITIES } from './infrastructure/purchasing.orm-entities';
import { TypeOrmPurchasingStore } from './infrastructure/typeorm-purchasing.store';

export interface ServicePurchasingOptions {
  /** Consumer group; tests use a unique one on a shared broker. Default: service-purchasing. */
  consumerGroupId?: string;
}

export const PURCHASING_MIGRATIONS = [PurchasingSkeleton1732500000400, PurchasingContracts1732500000410, PurchasingPurchaserBinding1732500000420];

@Module({})
export class ServicePurchasingModule {
  static register(deps: ServiceDeps, options: ServicePurchasingOptions = {}): DynamicModule {
    return {
      module: ServicePurchasingModule,
      controllers: [SupplierHttpController, ContractHttpController, SupplierEventsHandler, healthControllerFor(SERVICE_RUNTIME)],
      providers: [
        ...serviceRuntimeProviders(deps, {
          serviceName: SERVICE_PURCHASING,
          catalog: new EventCatalog(ALL_EVENT_CONTRACTS),
          entities: PURCHASING_ENTITIES,
          migrations: PURCHASING_MIGRATIONS,
          consumer: {
            groupId: options.consumerGroupId ?? CONSUMER_GROUPS.servicePurchasing,
          },
        }),
        { provide: PurchasingStore, useClass: TypeOrmPurchasingStore },
        ContractService,
      ],
    };
  }
}

export const SERVICE_PURCHASING_SERVICE: ServiceDefinition = {
  name: 'service-purchasing',
  prefix: 'purchasing',
  schema: 'service_purchasing',
  defaultPort: 3004,
  title: 'Service purchasing service',
  description: 'Purchase-of-services contracts (Order 102), supplier eligibility and priority, performance assessment.',
  moduleClass: ServicePurchasingModule,
  module: (deps) => ServicePurchasingModule.register(deps),
};
