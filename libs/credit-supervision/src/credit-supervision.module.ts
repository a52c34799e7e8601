import { Module, type DynamicModule } from '@nestjs/common';
import {
  ALL_EVENT_CONTRACTS,
  AnnualReportOverdue,
  AnnualReportReviewed,
  AnnualReportSubmitted,
  CONSUMER_GROUPS,
  ContractPerformanceAssessed,
  ContractSigned,
  GradeAdjusted,
  GradeAwarded,
  GradeExpired,
  OrganizationChanged,
  OrganizationDeregistered,
  OrganizationRegistered,
  OrganizationRevoked,
  SupervisionConvertedToGuidance,
  type AnnualReportOverdueV1,
  type AnnualReportReviewedV1,
  type AnnualReportSubmittedV1,
  type ContractPerformanceAssessedV1,
  type ContractSignedV1,
  type GradeAdjustedV1,
  type GradeAwardedV1,
  type GradeExpiredV1,
  type OrganizationChangedV1,
  type OrganizationDeregisteredV1,
  type OrganizationRevokedV1,
  type SupervisionConvertedToGuidanceV1,
} from '@sop/contracts';
import { EventCatalog, type CloudEvent, type Tx } from '@sop/messaging';
import { healthControllerFor, SERVICE_RUNTIME, serviceRuntimeProviders, type ServiceDefinition, type ServiceDeps } from '@sop/http';
import { CreditProfileHttpController } from './api/credit-profile.http.controller';
import { CreditSupervisionHttpController } from './api/credit-supervision.http.controller';
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
import { projectOrganizationRegistered } from './infrastructure/organization-registered.projector';
import { RegisterExportService } from './infrastructure/register-export.service';
import { TypeOrmCreditFactsStore } from './infrastructure/typeorm-credit-facts.store';
import { TypeOrmCreditStore } from './infrastructure/typeorm-credit.store';

export interface CreditSupervisionOptions {
  /** Consumer group; tests use a unique one on a shared broker. Default: credit-supervision. */
  consumerGroupId?: string;
  /** Scheduler period for the list timers; 0 disables the periodic run (tests drive runDueTimers). */
  timerIntervalMs?: number;
}

/** The events credit supervision consumes (their topics form the subscription). */
export const CONSUMED = [
  OrganizationRegistered,
  AnnualReportOverdue,
  AnnualReportSubmitted,
  AnnualReportReviewed,
  OrganizationChanged,
  OrganizationDeregistered,
  OrganizationRevoked,
  SupervisionConvertedToGuidance,
  GradeAwarded,
  GradeAdjusted,
  GradeExpired,
  ContractSigned,
  ContractPerformanceAssessed,
];

@Module({})
export class CreditSupervisionModule {
  static register(deps: ServiceDeps, options: CreditSupervisionOptions = {}): DynamicModule {
    // The consumer is built with the runtime, before Nest creates the use cases; it reaches them through this
    // bridge, bound once CreditService exists (the consumer starts only after every provider is created).
    const bridge: { credit?: CreditService; facts?: EvaluationPurchasingFactsService } = {};
    const via =
      <S>(get: () => S | undefined, handle: (service: S, event: CloudEvent, tx: Tx) => Promise<void>) =>
      (event: CloudEvent, tx: Tx) => {
        const service = get();
        if (!service) throw new Error('credit use cases not ready');
        return handle(service, event, tx);
      };
    const viaService = (handle: (credit: CreditService, event: CloudEvent, tx: Tx) => Promise<void>) => via(() => bridge.credit, handle);
    const viaFacts = (handle: (facts: EvaluationPurchasingFactsService, event: CloudEvent, tx: Tx) => Promise<void>) => via(() => bridge.facts, handle);
    return {
      module: CreditSupervisionModule,
      controllers: [CreditProfileHttpController, CreditSupervisionHttpController, healthControllerFor(SERVICE_RUNTIME)],
      providers: [
        ...serviceRuntimeProviders(deps, {
          serviceName: 'credit-supervision',
          catalog: new EventCatalog(ALL_EVENT_CONTRACTS),
          entities: [...CREDIT_ENTITIES, ...CREDIT_LIST_ENTITIES, ...CREDIT_FACT_ENTITIES],
          migrations: [CreditSkeleton1732500000200, CreditLists1732500000210, CreditRegistrationFacts1732500000220, CreditGradesAndPurchases1732500000230, CreditExportJobs1732500000240],
          consumer: {
            groupId: options.consumerGroupId ?? CONSUMER_GROUPS.creditSupervision,
            topics: [...new Set(CONSUMED.map((c) => c.topic))],
            handlers: {
              [OrganizationRegistered.type]: projectOrganizationRegistered(deps.clock),
              // The consumer validated each payload against its contract before calling the handler.
              [AnnualReportOverdue.type]: viaService((credit, event, tx) => credit.onAnnualReportOverdue(event as CloudEvent<AnnualReportOverdueV1>, tx)),
              [AnnualReportSubmitted.type]: viaService((credit, event, tx) => credit.onAnnualReportSubmitted(event as CloudEvent<AnnualReportSubmittedV1>, tx)),
              [AnnualReportReviewed.type]: viaService((credit, event, tx) => credit.onAnnualReportReviewed(event as CloudEvent<AnnualReportReviewedV1>, tx)),
              [OrganizationRevoked.type]: viaService((credit, event, tx) => credit.onOrganizationRevoked(event as CloudEvent<OrganizationRevokedV1>, tx)),
              [OrganizationDeregistered.type]: viaService((credit, event, tx) => credit.onOrganizationDeregistered(event as CloudEvent<OrganizationDeregisteredV1>, tx)),
              [OrganizationChanged.type]: viaService((credit, event, tx) => credit.onOrganizationChanged(event as CloudEvent<OrganizationChangedV1>, tx)),
              [SupervisionConvertedToGuidance.type]: viaService((credit, event, tx) =>
                credit.onSupervisionConvertedToGuidance(event as CloudEvent<SupervisionConvertedToGuidanceV1>, tx),
              ),
              [GradeAwarded.type]: viaFacts((facts, event, tx) => facts.onGradeAwarded(event as CloudEvent<GradeAwardedV1>, tx)),
              [GradeAdjusted.type]: viaFacts((facts, event, tx) => facts.onGradeAdjusted(event as CloudEvent<GradeAdjustedV1>, tx)),
              [GradeExpired.type]: viaFacts((facts, event, tx) => facts.onGradeExpired(event as CloudEvent<GradeExpiredV1>, tx)),
              [ContractSigned.type]: viaFacts((facts, event, tx) => facts.onContractSigned(event as CloudEvent<ContractSignedV1>, tx)),
              [ContractPerformanceAssessed.type]: viaFacts((facts, event, tx) => facts.onContractPerformanceAssessed(event as CloudEvent<ContractPerformanceAssessedV1>, tx)),
            },
          },
        }),
        { provide: CreditStore, useClass: TypeOrmCreditStore },
        { provide: CreditFactsStore, useClass: TypeOrmCreditFactsStore },
        CreditService,
        EvaluationPurchasingFactsService,
        {
          provide: 'CREDIT_CONSUMER_BRIDGE',
          useFactory: (credit: CreditService, facts: EvaluationPurchasingFactsService) => Object.assign(bridge, { credit, facts }),
          inject: [CreditService, EvaluationPurchasingFactsService],
        },
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
