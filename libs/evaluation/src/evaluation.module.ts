import { Module, type DynamicModule } from '@nestjs/common';
import {
  ALL_EVENT_CONTRACTS,
  CONSUMER_GROUPS,
  JointMeasuresChanged,
  OrganizationDeregistered,
  OrganizationRegistered,
  OrganizationRevoked,
  type JointMeasuresChangedV1,
  type OrganizationDeregisteredV1,
  type OrganizationRevokedV1,
} from '@sop/contracts';
import { EventCatalog, type CloudEvent, type Tx } from '@sop/messaging';
import { healthControllerFor, SERVICE_RUNTIME, serviceRuntimeProviders, type ServiceDefinition, type ServiceDeps } from '@sop/http';
import { EvaluationHttpController } from './api/evaluation.http.controller';
import { EvaluationStore } from './application/evaluation.ports';
import { EVALUATION_SCHEDULER_INTERVAL_MS, EvaluationScheduler } from './application/evaluation.scheduler';
import { EvaluationService } from './application/evaluation.service';
import { EVALUATION_ENTITIES } from './infrastructure/evaluation.orm-entities';
import { EvaluationSkeleton1732500000300 } from './infrastructure/migrations/1732500000300-evaluation-skeleton.migration';
import { EvaluationGrades1732500000310 } from './infrastructure/migrations/1732500000310-evaluation-grades.migration';
import { EvaluationRegistrationStatus1732500000320 } from './infrastructure/migrations/1732500000320-evaluation-registration-status.migration';
import { EvaluationGradeExpiry1732500000330 } from './infrastructure/migrations/1732500000330-evaluation-grade-expiry.migration';
import { projectOrganizationRegistered } from './infrastructure/organization-registered.projector';
import { TypeOrmEvaluationStore } from './infrastructure/typeorm-evaluation.store';

export interface EvaluationOptions {
  /** Consumer group; tests use a unique one on a shared broker. Default: evaluation. */
  consumerGroupId?: string;
  /**
   * Period of the scheduler (GradeExpired for grades past their validity), in ms; 0 disables the timer (tests call
   * `EvaluationScheduler.tick()`). Default: env EVALUATION_SCHEDULER_INTERVAL_MS, else 60000.
   */
  schedulerIntervalMs?: number;
}

function schedulerIntervalMs(options: EvaluationOptions): number {
  if (options.schedulerIntervalMs !== undefined) return options.schedulerIntervalMs;
  const env = process.env['EVALUATION_SCHEDULER_INTERVAL_MS'];
  const parsed = env === undefined || env.trim() === '' ? NaN : Number(env);
  return Number.isFinite(parsed) && parsed >= 0 ? parsed : 60_000;
}

/** The events evaluation consumes (their topics form the subscription). */
export const CONSUMED = [OrganizationRegistered, OrganizationRevoked, OrganizationDeregistered, JointMeasuresChanged];

@Module({})
export class EvaluationModule {
  static register(deps: ServiceDeps, options: EvaluationOptions = {}): DynamicModule {
    // The consumer is built with the runtime, before Nest creates the use cases; it reaches them through this
    // bridge, bound once EvaluationService exists (the consumer starts only after every provider is created).
    const bridge: { evaluation?: EvaluationService } = {};
    // The consumer validated the payload against its contract before calling the handler.
    const toService =
      <T>(handle: (evaluation: EvaluationService, event: CloudEvent<T>, tx: Tx) => Promise<void>) =>
      (event: CloudEvent, tx: Tx): Promise<void> => {
        if (!bridge.evaluation) throw new Error('evaluation service not ready');
        return handle(bridge.evaluation, event as CloudEvent<T>, tx);
      };
    return {
      module: EvaluationModule,
      controllers: [EvaluationHttpController, healthControllerFor(SERVICE_RUNTIME)],
      providers: [
        ...serviceRuntimeProviders(deps, {
          serviceName: 'evaluation',
          catalog: new EventCatalog(ALL_EVENT_CONTRACTS),
          entities: EVALUATION_ENTITIES,
          migrations: [EvaluationSkeleton1732500000300, EvaluationGrades1732500000310, EvaluationRegistrationStatus1732500000320, EvaluationGradeExpiry1732500000330],
          consumer: {
            groupId: options.consumerGroupId ?? CONSUMER_GROUPS.evaluation,
            topics: [...new Set(CONSUMED.map((c) => c.topic))],
            handlers: {
              [OrganizationRegistered.type]: projectOrganizationRegistered,
              [OrganizationRevoked.type]: toService<OrganizationRevokedV1>((evaluation, event, tx) => evaluation.onOrganizationRevoked(event, tx)),
              [OrganizationDeregistered.type]: toService<OrganizationDeregisteredV1>((evaluation, event, tx) => evaluation.onOrganizationDeregistered(event, tx)),
              [JointMeasuresChanged.type]: toService<JointMeasuresChangedV1>((evaluation, event, tx) => evaluation.onJointMeasuresChanged(event, tx)),
            },
          },
        }),
        { provide: EvaluationStore, useClass: TypeOrmEvaluationStore },
        EvaluationService,
        { provide: EVALUATION_SCHEDULER_INTERVAL_MS, useValue: schedulerIntervalMs(options) },
        EvaluationScheduler,
        { provide: 'EVALUATION_CONSUMER_BRIDGE', useFactory: (evaluation: EvaluationService) => (bridge.evaluation = evaluation), inject: [EvaluationService] },
      ],
    };
  }
}

export const EVALUATION_SERVICE: ServiceDefinition = {
  name: 'evaluation',
  prefix: 'evaluation',
  schema: 'evaluation',
  defaultPort: 3003,
  title: 'Evaluation service',
  description: 'Grade decisions (1A-5A) with validity under Order 39 and the 2026 measures, adjustments, credit measures and verification cases.',
  moduleClass: EvaluationModule,
  module: (deps) => EvaluationModule.register(deps),
};
