import { Module, type DynamicModule } from '@nestjs/common';
import { ALL_EVENT_CONTRACTS, CONSUMER_GROUPS, OrganizationRegistered } from '@sop/contracts';
import { EventCatalog } from '@sop/messaging';
import { healthControllerFor, SERVICE_RUNTIME, serviceRuntimeProviders, type ServiceDefinition, type ServiceDeps } from '@sop/http';
import { EvaluationOrganizationHttpController } from './api/evaluation-organization.http.controller';
import { EVALUATION_ENTITIES } from './infrastructure/evaluation.orm-entities';
import { EvaluationSkeleton1732500000300 } from './infrastructure/migrations/1732500000300-evaluation-skeleton.migration';
import { projectOrganizationRegistered } from './infrastructure/organization-registered.projector';

@Module({})
export class EvaluationModule {
  static register(deps: ServiceDeps): DynamicModule {
    return {
      module: EvaluationModule,
      controllers: [EvaluationOrganizationHttpController, healthControllerFor(SERVICE_RUNTIME)],
      providers: serviceRuntimeProviders(deps, {
        serviceName: 'evaluation',
        catalog: new EventCatalog(ALL_EVENT_CONTRACTS),
        entities: EVALUATION_ENTITIES,
        migrations: [EvaluationSkeleton1732500000300],
        consumer: {
          groupId: CONSUMER_GROUPS.evaluation,
          topics: [OrganizationRegistered.topic],
          handlers: { [OrganizationRegistered.type]: projectOrganizationRegistered },
        },
      }),
    };
  }
}

export const EVALUATION_SERVICE: ServiceDefinition = {
  name: 'evaluation',
  prefix: 'evaluation',
  schema: 'evaluation',
  defaultPort: 3003,
  title: 'Evaluation service',
  description: 'Indicator frameworks, grade evaluations (1A-5A), grades with validity, performance evaluations.',
  moduleClass: EvaluationModule,
  module: (deps) => EvaluationModule.register(deps),
};
