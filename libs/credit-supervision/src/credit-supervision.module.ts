import { Module, type DynamicModule } from '@nestjs/common';
import { ALL_EVENT_CONTRACTS, CONSUMER_GROUPS } from '@sop/contracts';
import { EventCatalog } from '@sop/messaging';
import { healthControllerFor, SERVICE_RUNTIME, serviceRuntimeProviders, type ServiceDefinition, type ServiceDeps } from '@sop/http';
import { CreditProfileHttpController } from './api/credit-profile.http.controller';
import { CreditSupervisionHttpController } from './api/credit-supervision.http.controller';
import { CREDIT_SUPERVISION } from './api/events/credit-events';
import { GradeAndContractEventsHandler } from './api/events/grade-and-contract-events.event-handler';
import { RegistrationEventsHandler } from './api/events/registration-events.event-handler';
import { CreditFactsStore, CreditStore } from './application/credit.ports';
import { CreditService } from './application/credit.service';
import { EvaluationPurchasingFactsService } from './application/evaluation-purchasing-facts.service';
import { CREDIT_FACT_ENTITIES } from './infrastructure/credit-facts.orm-entities';
import { CREDIT_LIST_ENTITIES } from './infrastructure/credit-lists.orm-entities';
import { CREDIT_ENTITIES } from './infrastructure/credit.orm-entities';
import { CreditProfileQuery } from './infrastructure/credit-profile.query';
import { CREDIT_TIMER_INTERVAL_MS, CreditTimerScheduler } from './infrastructure/credit-timer.scheduler';
import { CreditSkeleton1732500000200 } from './infrastructure/migrations/1732500000200-credit-skeleton.migration';
import { CreditLists1732500000210 } from './infrastructure/migrations/1732500000210-credit-lists.migration';
import { CreditRegistrationFacts1732500000220 } from './infrastructure/migrations/1732500000220-credit-registration-facts.migration';
import { CreditGradesAndPurchases1732500000230 } from './infrastructure/migrations/1732500000230-credit-grades-and-purchases.migration';
import { CreditExportJobs1732500000240 } from './infrastructure/migrations/1732500000240-credit-export-jobs.migration';
import { RegisterExportService } from './infrastructure/register-export.service';
import { TypeOrmCreditFactsStore } from './infrastructure/typeorm-credit-facts.store';
import { TypeOrmCreditStore } from './infrastructure/typeorm-credit.store';

export interface CreditSupervisionOptions {
  /** Consumer group; tests use a unique one on a shared broker. Default: credit-supervision. */
  consumerGroupId?: string;
  /** Scheduler period for the list timers; 0 disables the periodic run (tests drive runDueTimers). */
  timerIntervalMs?: number;
}

@Module({})
export class CreditSupervisionModule {
  static register(deps: ServiceDeps, options: CreditSupervisionOptions = {}): DynamicModule {
    return {
      module: CreditSupervisionModule,
      controllers: [
        CreditProfileHttpController,
        CreditSupervisionHttpController,
        RegistrationEventsHandler,
        GradeAndContractEventsHandler,
        healthControllerFor(SERVICE_RUNTIME),
      ],
      providers: [
        ...serviceRuntimeProviders(deps, {
          serviceName: CREDIT_SUPERVISION,
          catalog: new EventCatalog(ALL_EVENT_CONTRACTS),
          entities: [...CREDIT_ENTITIES, ...CREDIT_LIST_ENTITIES, ...CREDIT_FACT_ENTITIES],
          migrations: [CreditSkeleton1732500000200, CreditLists1732500000210, CreditRegistrationFacts1732500000220, CreditGradesAndPurchases1732500000230, CreditExportJobs1732500000240],
          consumer: {
            groupId: options.consumerGroupId ?? CONSUMER_GROUPS.creditSupervision,
          },
        }),
        { provide: CreditStore, useClass: TypeOrmCreditStore },
        { provide: CreditFactsStore, useClass: TypeOrmCreditFactsStore },
        CreditService,
        EvaluationPurchasingFactsService,
        { provide: CREDIT_TIMER_INTERVAL_MS, useValue: options.timerIntervalMs ?? Number(process.env['CREDIT_TIMER_INTERVAL_MS'] ?? 60_000) },
        CreditTimerScheduler,
        CreditProfileQuery,
        RegisterExportService,
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
