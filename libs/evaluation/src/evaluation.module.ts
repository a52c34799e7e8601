import { Module, type DynamicModule } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { ALL_EVENT_CONTRACTS, CalendarYearPublished, CONSUMER_GROUPS } from '@sop/contracts';
import { EventCatalog } from '@sop/messaging';
import { commandAuditControllerFor, errorCatalogueControllerFor, healthControllerFor, SERVICE_RUNTIME, serviceRuntimeProviders, type ServiceDefinition, type ServiceDeps, calendarEventHandlerFor, auditKeysControllerFor } from '@sop/http';
import { EVALUATION_EVENTS } from './api/events/evaluation-events';
import { CreditEventsHandler } from './api/events/credit-events.event-handler';
import { EVALUATION } from './api/events/evaluation-events';
import { RegistrationEventsHandler } from './api/events/registration-events.event-handler';
import { PurchasingEventsHandler } from './api/events/purchasing-events.event-handler';
import { PerformanceEvidenceReader } from './application/performance-evidence/performance-evidence.reader';
import { RecordPerformanceEvidence } from './application/performance-evidence/record-performance-evidence.use-cases';
import { EvaluationPerformanceEvidence1732500000390 } from './infrastructure/migrations/1732500000390-evaluation-performance-evidence.migration';
import { PERFORMANCE_EVIDENCE_ENTITIES } from './infrastructure/performance-evidence.orm-entities';
import { GradesHttpController } from './api/http/grades.http.controller';
import { EvaluationRuleSetsHttpController } from './api/http/rule-sets.http.controller';
import { OrganizationsHttpController } from './api/http/organizations.http.controller';
import { VerificationCasesHttpController } from './api/http/verification-cases.http.controller';
import { RecordComplianceFacts } from './application/compliance/record-compliance-facts.use-cases';
import { ApplyJointMeasures } from './application/credit-measures/apply-joint-measures.use-case';
import { PublishDueExpiries } from './application/expiry/publish-due-expiries.use-case';
import { AdjustGrade } from './application/grades/adjust-grade.use-case';
import { AwardGrade } from './application/grades/award-grade.use-case';
import { GradeHistoryQuery } from './application/grades/grade-history.query';
import { OrganizationAccess } from './application/organizations/organization-access';
import { OrganizationViewQuery } from './application/organizations/organization-view.query';
import { RecordInvestigation } from './application/organizations/record-investigation.use-case';
import { RegistrationLifecycle } from './application/organizations/registration-lifecycle.use-cases';
import { PublishEvaluationRuleSetVersion } from './application/rule-sets/rule-sets.use-cases';
import { EVALUATION_SCHEDULER_INTERVAL_MS, EvaluationScheduler } from './application/schedulers/evaluation.scheduler';
import { OpenVerificationCase } from './application/verification-cases/open-verification-case';
import { VerificationCases } from './application/verification-cases/verification-cases.use-cases';
import { EvaluationErrors } from './domain/evaluation.errors';
import { EVALUATION_ENTITIES } from './infrastructure/evaluation.orm-entities';
import { EvaluationSkeleton1732500000300 } from './infrastructure/migrations/1732500000300-evaluation-skeleton.migration';
import { EvaluationGrades1732500000310 } from './infrastructure/migrations/1732500000310-evaluation-grades.migration';
import { EvaluationRegistrationStatus1732500000320 } from './infrastructure/migrations/1732500000320-evaluation-registration-status.migration';
import { EvaluationGradeExpiry1732500000330 } from './infrastructure/migrations/1732500000330-evaluation-grade-expiry.migration';
import { EvaluationCertificateReturn1732500000340 } from './infrastructure/migrations/1732500000340-evaluation-certificate-return.migration';
import { EvaluationComplianceFacts1732500000350 } from './infrastructure/migrations/1732500000350-evaluation-compliance-facts.migration';
import { EvaluationInvestigation1732500000360 } from './infrastructure/migrations/1732500000360-evaluation-investigation.migration';
import { EvaluationRuleSets1732500000370 } from './infrastructure/migrations/1732500000370-evaluation-rule-sets.migration';
import { EVALUATION_STORES, PROCEDURE_STORES } from './infrastructure/stores/evaluation.stores';
import { EvaluationProcedure1732500000380 } from './infrastructure/migrations/1732500000380-evaluation-procedure.migration';
import { PROCEDURE_ENTITIES } from './infrastructure/procedure.orm-entities';
import { CertificatesHttpController } from './api/http/certificates.http.controller';
import { IndicatorFrameworksHttpController } from './api/http/indicator-frameworks.http.controller';
import { ProceduresHttpController } from './api/http/procedures.http.controller';
import { CertificateReturns } from './application/certificates/certificates.use-cases';
import { PublishIndicatorFramework } from './application/indicator-frameworks/indicator-frameworks.use-cases';
import { AnnounceResult } from './application/procedure/announce-result.use-case';
import { ApplyForEvaluation } from './application/procedure/apply-for-evaluation.use-cases';
import { AssessmentSteps } from './application/procedure/assessment-steps.use-cases';
import { DecisionSteps } from './application/procedure/decision-steps.use-cases';
import { DeclareExpertLink } from './application/procedure/expert-links.use-case';
import { ProcedureQueries } from './application/procedure/procedure.queries';
import { ProcedureRunner } from './application/procedure/procedure-runner';
import { evaluationConfig, type EvaluationEnv } from './evaluation.config';

export interface EvaluationOptions {
  /** Consumer group; tests use a unique one on a shared broker. Default: evaluation. */
  consumerGroupId?: string;
  /**
   * Period of the scheduler (GradeExpired for grades past their validity), in ms; 0 disables the timer (tests call
   * `EvaluationScheduler.tick()`). Default: EVALUATION_SCHEDULER_INTERVAL_MS (evaluation.config.ts).
   */
  schedulerIntervalMs?: number;
}

@Module({})
export class EvaluationModule {
  static register(deps: ServiceDeps, options: EvaluationOptions = {}): DynamicModule {
    return {
      module: EvaluationModule,
      imports: [ConfigModule.forFeature(evaluationConfig.factory)],
      controllers: [
        calendarEventHandlerFor(CalendarYearPublished, EVALUATION_EVENTS),
        GradesHttpController,
        OrganizationsHttpController,
        VerificationCasesHttpController,
        EvaluationRuleSetsHttpController,
        IndicatorFrameworksHttpController,
        ProceduresHttpController,
        CertificatesHttpController,
        RegistrationEventsHandler,
        CreditEventsHandler,
        PurchasingEventsHandler,
        healthControllerFor(SERVICE_RUNTIME),
        commandAuditControllerFor(),
        errorCatalogueControllerFor([EvaluationErrors]),
        auditKeysControllerFor(SERVICE_RUNTIME),
      ],
      providers: [
        ...serviceRuntimeProviders(deps, {
          serviceName: EVALUATION,
          catalog: new EventCatalog(ALL_EVENT_CONTRACTS),
          entities: [...EVALUATION_ENTITIES, ...PROCEDURE_ENTITIES, ...PERFORMANCE_EVIDENCE_ENTITIES],
          migrations: [EvaluationSkeleton1732500000300, EvaluationGrades1732500000310, EvaluationRegistrationStatus1732500000320, EvaluationGradeExpiry1732500000330, EvaluationCertificateReturn1732500000340, EvaluationComplianceFacts1732500000350, EvaluationInvestigation1732500000360, EvaluationRuleSets1732500000370, EvaluationProcedure1732500000380, EvaluationPerformanceEvidence1732500000390],
          consumer: {
            groupId: options.consumerGroupId ?? CONSUMER_GROUPS.evaluation,
          },
        }),
        ...EVALUATION_STORES,
        ...PROCEDURE_STORES,
        RecordPerformanceEvidence,
        PerformanceEvidenceReader,
        ProcedureRunner,
        ApplyForEvaluation,
        AssessmentSteps,
        DecisionSteps,
        AnnounceResult,
        ProcedureQueries,
        CertificateReturns,
        DeclareExpertLink,
        PublishIndicatorFramework,
        OrganizationAccess,
        OpenVerificationCase,
        AwardGrade,
        AdjustGrade,
        GradeHistoryQuery,
        OrganizationViewQuery,
        VerificationCases,
        RegistrationLifecycle,
        ApplyJointMeasures,
        RecordComplianceFacts,
        RecordInvestigation,
        PublishDueExpiries,
        PublishEvaluationRuleSetVersion,
        {
          provide: EVALUATION_SCHEDULER_INTERVAL_MS,
          useFactory: (config: EvaluationEnv) => options.schedulerIntervalMs ?? config.EVALUATION_SCHEDULER_INTERVAL_MS,
          inject: [evaluationConfig.KEY],
        },
        EvaluationScheduler,
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
  errors: [EvaluationErrors],
  config: [evaluationConfig],
};
