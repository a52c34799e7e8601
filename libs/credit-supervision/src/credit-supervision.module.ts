import { ConfigModule } from '@nestjs/config';
import { Module, type DynamicModule, type Provider } from '@nestjs/common';
import { ALL_EVENT_CONTRACTS, CalendarYearPublished, CONSUMER_GROUPS } from '@sop/contracts';
import { EventCatalog, OfficialCalendars } from '@sop/messaging';
import { commandAuditControllerFor, calendarEventHandlerFor, errorCatalogueControllerFor, healthControllerFor, SERVICE_RUNTIME, serviceRuntimeProviders, type ServiceDefinition, type ServiceDeps, auditKeysControllerFor } from '@sop/http';
import { CREDIT_EVENTS, CREDIT_SUPERVISION } from './api/events/credit-events';
import { EvaluationEventsHandler } from './api/events/evaluation-events.event-handler';
import { PurchasingEventsHandler } from './api/events/purchasing-events.event-handler';
import { FunctionTransferEventsHandler } from './api/events/function-transfer-events.event-handler';
import { FunctionTransferFacts } from './application/function-transfer/function-transfer-facts.use-case';
import { RegistrationEventsHandler } from './api/events/registration-events.event-handler';
import { CreditRecordsHttpController } from './api/http/credit-records.http.controller';
import { InspectionsHttpController } from './api/http/inspections.http.controller';
import { ListEntriesHttpController } from './api/http/list-entries.http.controller';
import { ObjectionsHttpController } from './api/http/objections.http.controller';
import { PenaltiesHttpController } from './api/http/penalties.http.controller';
import { PublicRegisterHttpController } from './api/http/public-register.http.controller';
import { RegisterExportsHttpController } from './api/http/register-exports.http.controller';
import { CreditRuleSetsHttpController } from './api/http/rule-sets.http.controller';
import { CreditCalendar } from './application/calendar/credit-calendar';
import { CreditRecordQuery } from './application/credit-records/credit-record.query';
import { ContractFacts } from './application/grades-and-contracts/contract-facts.use-cases';
import { GradeFacts } from './application/grades-and-contracts/grade-facts.use-cases';
import { GradesAndContractsStore } from './application/grades-and-contracts/grades-and-contracts.ports';
import { InspectionUseCases } from './application/inspections/inspections.use-cases';
import { RectificationNoticeStore } from './application/inspections/inspections.ports';
import { ListEntryUseCases } from './application/list-entries/list-entries.use-cases';
import { RunDueTimersUseCase } from './application/list-timers/run-due-timers.use-case';
import { ListViewUseCases } from './application/list-view/list-view.use-cases';
import { ListDecisions } from './application/lists/list-decisions';
import { ListStore } from './application/lists/lists.ports';
import { ObjectionStore } from './application/objections/objections.ports';
import { ObjectionUseCases } from './application/objections/objections.use-cases';
import { OfficerAccess } from './application/organizations/officer-access';
import { OrganizationStore } from './application/organizations/organizations.ports';
import { PenaltyStore } from './application/penalties/penalties.ports';
import { RecordPenaltyUseCase } from './application/penalties/record-penalty.use-case';
import { AnnualReportFacts } from './application/registration-facts/annual-report-facts.use-cases';
import { PartyOrganizationFacts } from './application/registration-facts/party-organization-facts.use-cases';
import { OrganizationFacts } from './application/registration-facts/organization-facts.use-cases';
import { AnnualReportObligationStore } from './application/registration-facts/registration-facts.ports';
import { CreditRuleSetUseCases } from './application/rule-sets/publish-credit-rule-set.use-case';
import { CreditRuleSetStore } from './application/rule-sets/rule-sets.ports';
import { CREDIT_TIMER_INTERVAL_MS, CreditTimerScheduler } from './application/schedulers/credit-timer.scheduler';
import { CreditErrors } from './domain/credit.errors';
import { CREDIT_FACT_ENTITIES } from './infrastructure/credit-facts.orm-entities';
import { CREDIT_LIST_ENTITIES } from './infrastructure/credit-lists.orm-entities';
import { CREDIT_ENTITIES } from './infrastructure/credit.orm-entities';
import { CreditSkeleton1732500000200 } from './infrastructure/migrations/1732500000200-credit-skeleton.migration';
import { CreditLists1732500000210 } from './infrastructure/migrations/1732500000210-credit-lists.migration';
import { CreditRegistrationFacts1732500000220 } from './infrastructure/migrations/1732500000220-credit-registration-facts.migration';
import { CreditGradesAndPurchases1732500000230 } from './infrastructure/migrations/1732500000230-credit-grades-and-purchases.migration';
import { CreditExportJobs1732500000240 } from './infrastructure/migrations/1732500000240-credit-export-jobs.migration';
import { CreditRuleSets1732500000250 } from './infrastructure/migrations/1732500000250-credit-rule-sets.migration';
import { CreditPurchasePerformance1732500000260 } from './infrastructure/migrations/1732500000260-credit-purchase-performance.migration';
import { CreditProfileQuery } from './infrastructure/public-register/credit-profile.query';
import { RegisterExportService } from './infrastructure/public-register/register-export.service';
import { TypeOrmCreditRuleSetStore } from './infrastructure/stores/typeorm-credit-rule-set.store';
import { TypeOrmAnnualReportObligationStore } from './infrastructure/stores/typeorm-annual-report-obligation.store';
import { TypeOrmGradesAndContractsStore } from './infrastructure/stores/typeorm-grades-and-contracts.store';
import { TypeOrmListStore } from './infrastructure/stores/typeorm-list.store';
import { TypeOrmObjectionStore } from './infrastructure/stores/typeorm-objection.store';
import { TypeOrmOrganizationStore } from './infrastructure/stores/typeorm-organization.store';
import { TypeOrmPenaltyStore } from './infrastructure/stores/typeorm-penalty.store';
import { TypeOrmRectificationNoticeStore } from './infrastructure/stores/typeorm-rectification-notice.store';
import { creditSupervisionConfig, type CreditSupervisionEnv } from './credit-supervision.config';

export interface CreditSupervisionOptions {
  /** Consumer group; tests use a unique one on a shared broker. Default: credit-supervision. */
  consumerGroupId?: string;
  /** Scheduler period for the list timers; 0 disables the periodic run (tests drive runDueTimers). */
  timerIntervalMs?: number;
}

/** Ports → their TypeORM adapters, one store per feature. */
const STORES: Provider[] = [
  { provide: OrganizationStore, useClass: TypeOrmOrganizationStore },
  { provide: ListStore, useClass: TypeOrmListStore },
  { provide: PenaltyStore, useClass: TypeOrmPenaltyStore },
  { provide: RectificationNoticeStore, useClass: TypeOrmRectificationNoticeStore },
  { provide: ObjectionStore, useClass: TypeOrmObjectionStore },
  { provide: AnnualReportObligationStore, useClass: TypeOrmAnnualReportObligationStore },
  { provide: GradesAndContractsStore, useClass: TypeOrmGradesAndContractsStore },
  { provide: CreditRuleSetStore, useClass: TypeOrmCreditRuleSetStore },
];

/** The use cases, one folder of application/ each, and the shared list decision core and officers' access check. */
const USE_CASES: Provider[] = [
  ListDecisions,
  OfficerAccess,
  RecordPenaltyUseCase,
  InspectionUseCases,
  ListEntryUseCases,
  ObjectionUseCases,
  CreditRecordQuery,
  RunDueTimersUseCase,
  ListViewUseCases,
  AnnualReportFacts,
  PartyOrganizationFacts,
  OrganizationFacts,
  GradeFacts,
  ContractFacts,
  FunctionTransferFacts,
  CreditRuleSetUseCases,
];

@Module({})
export class CreditSupervisionModule {
  static register(deps: ServiceDeps, options: CreditSupervisionOptions = {}): DynamicModule {
    return {
      module: CreditSupervisionModule,
      imports: [ConfigModule.forFeature(creditSupervisionConfig.factory)],
      controllers: [
        PublicRegisterHttpController,
        RegisterExportsHttpController,
        PenaltiesHttpController,
        InspectionsHttpController,
        ListEntriesHttpController,
        ObjectionsHttpController,
        CreditRecordsHttpController,
        CreditRuleSetsHttpController,
        RegistrationEventsHandler,
        EvaluationEventsHandler,
        PurchasingEventsHandler,
        FunctionTransferEventsHandler,
        // registration.calendar.year-published: the service's copy of the official calendar gains the year.
        calendarEventHandlerFor(CalendarYearPublished, CREDIT_EVENTS),
        healthControllerFor(SERVICE_RUNTIME),
        commandAuditControllerFor(),
        errorCatalogueControllerFor([CreditErrors]),
        auditKeysControllerFor(SERVICE_RUNTIME),
      ],
      providers: [
        ...serviceRuntimeProviders(deps, {
          serviceName: CREDIT_SUPERVISION,
          catalog: new EventCatalog(ALL_EVENT_CONTRACTS),
          entities: [...CREDIT_ENTITIES, ...CREDIT_LIST_ENTITIES, ...CREDIT_FACT_ENTITIES],
          migrations: [CreditSkeleton1732500000200, CreditLists1732500000210, CreditRegistrationFacts1732500000220, CreditGradesAndPurchases1732500000230, CreditExportJobs1732500000240, CreditRuleSets1732500000250, CreditPurchasePerformance1732500000260],
          consumer: {
            groupId: options.consumerGroupId ?? CONSUMER_GROUPS.creditSupervision,
          },
        }),
        ...STORES,
        // The service's copy of the official calendar: shipped notices plus the years registration published since.
        { provide: CreditCalendar, useFactory: (calendars: OfficialCalendars) => new CreditCalendar(calendars), inject: [OfficialCalendars] },
        ...USE_CASES,
        {
          provide: CREDIT_TIMER_INTERVAL_MS,
          useFactory: (config: CreditSupervisionEnv) => options.timerIntervalMs ?? config.CREDIT_TIMER_INTERVAL_MS,
          inject: [creditSupervisionConfig.KEY],
        },
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
  module: (deps) => CreditSupervisionModule.register(deps, { consumerGroupId: creditSupervisionConfig.load().CREDIT_CONSUMER_GROUP_ID }),
  errors: [CreditErrors],
  config: [creditSupervisionConfig],
};
