import { Module, type DynamicModule } from '@nestjs/common';
import {
  ALL_EVENT_CONTRACTS,
  CONSUMER_GROUPS,
  GradeAdjusted,
  GradeAwarded,
  JointMeasuresChanged,
  OrganizationDeregistered,
  OrganizationRegistered,
  OrganizationRevoked,
  type GradeAdjustedV1,
  type GradeAwardedV1,
  type JointMeasuresChangedV1,
  type OrganizationDeregisteredV1,
  type OrganizationRevokedV1,
} from '@sop/contracts';
import { EventCatalog, type CloudEvent, type Tx } from '@sop/messaging';
import { healthControllerFor, SERVICE_RUNTIME, serviceRuntimeProviders, type ServiceDefinition, type ServiceDeps } from '@sop/http';
import { ContractHttpController } from './api/contract.http.controller';
import { SupplierHttpController } from './api/supplier.http.controller';
import { ContractService } from './application/contract.service';
import { PurchasingStore } from './application/purchasing.ports';
import { PurchasingSkeleton1732500000400 } from './infrastructure/migrations/1732500000400-purchasing-skeleton.migration';
import { PurchasingContracts1732500000410 } from './infrastructure/migrations/1732500000410-purchasing-contracts.migration';
import { PurchasingPurchaserBinding1732500000420 } from './infrastructure/migrations/1732500000420-purchasing-purchaser-binding.migration';
import { projectOrganizationRegistered } from './infrastructure/organization-registered.projector';
import { PURCHASING_ENTITIES } from './infrastructure/purchasing.orm-entities';
import { TypeOrmPurchasingStore } from './infrastructure/typeorm-purchasing.store';

export interface ServicePurchasingOptions {
  /** Consumer group; tests use a unique one on a shared broker. Default: service-purchasing. */
  consumerGroupId?: string;
}

/** The events purchasing consumes (their topics form the subscription). */
export const CONSUMED = [OrganizationRegistered, OrganizationRevoked, OrganizationDeregistered, JointMeasuresChanged, GradeAwarded, GradeAdjusted];

export const PURCHASING_MIGRATIONS = [PurchasingSkeleton1732500000400, PurchasingContracts1732500000410, PurchasingPurchaserBinding1732500000420];

@Module({})
export class ServicePurchasingModule {
  static register(deps: ServiceDeps, options: ServicePurchasingOptions = {}): DynamicModule {
    // The consumer is built with the runtime, before Nest creates the use cases; it reaches them through this
    // bridge, bound once ContractService exists (the consumer starts only after every provider is created).
    const bridge: { contracts?: ContractService } = {};
    const viaService = (handle: (contracts: ContractService, event: CloudEvent, tx: Tx) => Promise<void>) => (event: CloudEvent, tx: Tx) => {
      if (!bridge.contracts) throw new Error('contract service not ready');
      return handle(bridge.contracts, event, tx);
    };
    return {
      module: ServicePurchasingModule,
      controllers: [SupplierHttpController, ContractHttpController, healthControllerFor(SERVICE_RUNTIME)],
      providers: [
        ...serviceRuntimeProviders(deps, {
          serviceName: 'service-purchasing',
          catalog: new EventCatalog(ALL_EVENT_CONTRACTS),
          entities: PURCHASING_ENTITIES,
          migrations: PURCHASING_MIGRATIONS,
          consumer: {
            groupId: options.consumerGroupId ?? CONSUMER_GROUPS.servicePurchasing,
            topics: [...new Set(CONSUMED.map((c) => c.topic))],
            handlers: {
              [OrganizationRegistered.type]: projectOrganizationRegistered,
              // The consumer validated each payload against its contract before calling the handler.
              [OrganizationRevoked.type]: viaService((c, event, tx) => c.onOrganizationRevoked(event as CloudEvent<OrganizationRevokedV1>, tx)),
              [OrganizationDeregistered.type]: viaService((c, event, tx) => c.onOrganizationDeregistered(event as CloudEvent<OrganizationDeregisteredV1>, tx)),
              [JointMeasuresChanged.type]: viaService((c, event, tx) => c.onJointMeasuresChanged(event as CloudEvent<JointMeasuresChangedV1>, tx)),
              [GradeAwarded.type]: viaService((c, event, tx) => c.onGradeAwarded(event as CloudEvent<GradeAwardedV1>, tx)),
              [GradeAdjusted.type]: viaService((c, event, tx) => c.onGradeAdjusted(event as CloudEvent<GradeAdjustedV1>, tx)),
            },
          },
        }),
        { provide: PurchasingStore, useClass: TypeOrmPurchasingStore },
        ContractService,
        { provide: 'PURCHASING_CONSUMER_BRIDGE', useFactory: (contracts: ContractService) => (bridge.contracts = contracts), inject: [ContractService] },
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
