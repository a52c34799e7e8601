import { Logger, Module, type DynamicModule } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { ALL_EVENT_CONTRACTS, CalendarYearPublished, CONSUMER_GROUPS } from '@sop/contracts';
import { EventCatalog } from '@sop/messaging';
import { commandAuditControllerFor, errorCatalogueControllerFor, healthControllerFor, SERVICE_RUNTIME, serviceRuntimeProviders, type ServiceDefinition, type ServiceDeps, calendarEventHandlerFor, auditKeysControllerFor } from '@sop/http';
import { PURCHASING_EVENTS } from './api/events/purchasing-events';
import { CreditEventsHandler } from './api/events/credit-events.event-handler';
import { CreditListEventsHandler } from './api/events/credit-list-events.event-handler';
import { ContractPerformanceHttpController, ProcurementContractHttpController } from './api/http/contract-performance.http.controller';
import { ContractFlags } from './application/contract-performance/contract-flags.use-case';
import { ContractFromAward } from './application/contract-performance/contract-from-award.use-case';
import { ContractPayments } from './application/contract-performance/contract-payments.use-case';
import { PerformanceStore } from './application/contract-performance/contract-performance.ports';
import { MilestoneAcceptances } from './application/contract-performance/milestone-acceptance.use-case';
import { PaymentDecisions } from './application/contract-performance/payment-decisions.use-case';
import { TerminateContract } from './application/contract-performance/terminate-contract.use-case';
import { PurchasingContractPerformance1732500000480 } from './infrastructure/migrations/1732500000480-purchasing-contract-performance.migration';
import { TypeOrmPerformanceStore } from './infrastructure/typeorm-contract-performance.store';
import { EvaluationEventsHandler } from './api/events/evaluation-events.event-handler';
import { SERVICE_PURCHASING } from './api/events/purchasing-events';
import { RegistrationEventsHandler } from './api/events/registration-events.event-handler';
import { AssessmentsHttpController } from './api/http/assessments.http.controller';
import { OrgansHttpController } from './api/http/organs.http.controller';
import { ContractsHttpController } from './api/http/contracts.http.controller';
import { RuleSetsHttpController } from './api/http/rule-sets.http.controller';
import { SuppliersHttpController } from './api/http/suppliers.http.controller';
import { BudgetsHttpController } from './api/http/budgets.http.controller';
import { CataloguesHttpController } from './api/http/catalogues.http.controller';
import { ProcurementsHttpController } from './api/http/procurements.http.controller';
import { OcdsHttpController } from './api/http/ocds.http.controller';
import { OCDS_PUBLICATION, OcdsContractSource, OcdsReleaseStore, type OcdsPublication } from './application/ocds/ocds.ports';
import { OcdsPublisher } from './application/ocds/ocds-publisher';
import { PerformanceContractSource } from './application/ocds/performance-contract-source';
import { OcdsReads } from './application/ocds/ocds-reads.use-cases';
import { ProcurementSnapshotAssembler } from './application/ocds/procurement-snapshot.assembler';
import { USCC_SCHEME } from './domain/ocds';
import { PurchasingOcdsReleases1732500000475 } from './infrastructure/migrations/1732500000475-purchasing-ocds-releases.migration';
import { OCDS_ENTITIES } from './infrastructure/ocds/ocds-release.orm-entities';
import { TypeOrmOcdsReleaseStore } from './infrastructure/ocds/typeorm-ocds-release.store';
import { BudgetLines } from './application/budgets/budget-lines.use-cases';
import { BudgetStore } from './application/budgets/budgets.ports';
import { CatalogueStore } from './application/catalogue/catalogue.ports';
import { Catalogues } from './application/catalogue/catalogues.use-cases';
import { BidSealer } from './application/procurements/bid-sealer.port';
import { BidStore, DecisionStore, ProcurementStore } from './application/procurements/procurements.ports';
import { ProcurementAwards } from './application/procurements/awards.use-cases';
import { OCDS_PREFIX, Procurements } from './application/procurements/procurements.use-cases';
import { SealedBids } from './application/procurements/sealed-bids.use-cases';
import { AesGcmBidSealer, bidMasterKeyOf } from './infrastructure/bid-sealing/aes-gcm-bid-sealer';
import { PurchasingProcurements1732500000450 } from './infrastructure/migrations/1732500000450-purchasing-procurements.migration';
import { TypeOrmBudgetStore } from './infrastructure/typeorm-budget.store';
import { TypeOrmCatalogueStore } from './infrastructure/typeorm-catalogue.store';
import { TypeOrmBidStore, TypeOrmDecisionStore, TypeOrmProcurementStore } from './infrastructure/typeorm-procurement.store';
import { PurchasingAward1732500000460 } from './infrastructure/migrations/1732500000460-purchasing-award.migration';
import { purchasingConfig, type PurchasingEnv } from './service-purchasing.config';
import { AssessPerformance } from './application/assessments/assess-performance.use-case';
import { AssessmentStore } from './application/assessments/assessments.ports';
import { ContractStore } from './application/contracts/contracts.ports';
import { GetContract } from './application/contracts/get-contract.use-case';
import { OrganStore } from './application/organs/organs.ports';
import { PurchasingOrgans } from './application/organs/purchasing-organs.use-cases';
import { PublishRuleSetVersion, RuleSetReads } from './application/rule-sets/publish-rule-set-version.use-case';
import { RuleSetStore } from './application/rule-sets/rule-sets.ports';
import { SignContract } from './application/contracts/sign-contract.use-case';
import { SupplierGrades } from './application/suppliers/supplier-grades.use-cases';
import { SupplierCreditMeasures } from './application/suppliers/supplier-measures.use-case';
import { SupplierProfile } from './application/suppliers/supplier-profile.use-case';
import { SupplierRegistrationFacts } from './application/suppliers/supplier-registration.use-cases';
import { SupplierGradeStore, SupplierStore } from './application/suppliers/suppliers.ports';
import { PurchasingErrors } from './domain/purchasing.errors';
import { FunctionCatalogueHttpController } from './api/http/function-transfer/function-catalogue.http.controller';
import { TransferAgreementsHttpController } from './api/http/function-transfer/transfer-agreements.http.controller';
import { TransferCasesHttpController } from './api/http/function-transfer/transfer-cases.http.controller';
import { SelfRegulationHttpController } from './api/http/function-transfer/self-regulation.http.controller';
import { AgreementTakeBack } from './application/function-transfer/agreements/take-back.use-case';
import { TransferAgreements } from './application/function-transfer/agreements/transfer-agreements.use-cases';
import { TransferCases } from './application/function-transfer/cases/transfer-cases.use-cases';
import { FunctionCatalogue } from './application/function-transfer/catalogue/catalogue-items.use-cases';
import { ConcentrationReport } from './application/function-transfer/concentration/concentration-report.use-case';
import { FunctionTransferStore } from './application/function-transfer/function-transfer.ports';
import { QualificationSuspensions } from './application/function-transfer/qualifications/qualification-suspension.use-case';
import { UndertakerQualifications } from './application/function-transfer/qualifications/undertaker-qualifications.use-cases';
import { SelfRegulation } from './application/function-transfer/self-regulation/self-regulation.use-cases';
import { TransferRuleSets } from './application/function-transfer/rule-sets/transfer-rule-sets.use-cases';
import { FunctionTransferErrors } from './domain/function-transfer/function-transfer.errors';
import { PurchasingFunctionTransfer1732500000700 } from './infrastructure/function-transfer/1732500000700-purchasing-function-transfer.migration';
import { FUNCTION_TRANSFER_ENTITIES } from './infrastructure/function-transfer/function-transfer.orm-entities';
import { TypeOrmFunctionTransferStore } from './infrastructure/function-transfer/typeorm-function-transfer.store';
import { PurchasingSkeleton1732500000400 } from './infrastructure/migrations/1732500000400-purchasing-skeleton.migration';
import { PurchasingContracts1732500000410 } from './infrastructure/migrations/1732500000410-purchasing-contracts.migration';
import { PurchasingPurchaserBinding1732500000420 } from './infrastructure/migrations/1732500000420-purchasing-purchaser-binding.migration';
import { PurchasingRuleSets1732500000430 } from './infrastructure/migrations/1732500000430-purchasing-rule-sets.migration';
import { PurchasingOrgans1732500000440 } from './infrastructure/migrations/1732500000440-purchasing-organs.migration';
import { PURCHASING_ENTITIES } from './infrastructure/purchasing.orm-entities';
import { TypeOrmAssessmentStore } from './infrastructure/typeorm-assessment.store';
import { TypeOrmContractStore } from './infrastructure/typeorm-contract.store';
import { TypeOrmOrganStore } from './infrastructure/typeorm-organ.store';
import { TypeOrmRuleSetStore } from './infrastructure/typeorm-rule-set.store';
import { ReportsHttpController } from './api/http/reports.http.controller';
import { ReportStore } from './application/reports/reports.ports';
import { SocialOrganizationShare } from './application/reports/social-organization-share.use-case';
import { TypeOrmReportStore } from './infrastructure/typeorm-report.store';
import { TypeOrmPerformanceHistoryStore } from './infrastructure/typeorm-performance-history.store';
import { PerformanceHistoryStore } from './application/procurements/performance-history.port';
import { PurchasingPerformanceBar1732500000490 } from './infrastructure/migrations/1732500000490-purchasing-performance-bar.migration';
import { PurchasingSupplierKinds1732500000495 } from './infrastructure/migrations/1732500000495-purchasing-supplier-kinds.migration';
import { PurchasingTerminationCause1732500000497 } from './infrastructure/migrations/1732500000497-purchasing-termination-cause.migration';
import { TypeOrmSupplierGradeStore } from './infrastructure/typeorm-supplier-grade.store';
import { TypeOrmSupplierStore } from './infrastructure/typeorm-supplier.store';
import { PURCHASE_MODES } from './purchase-modes.providers';

export interface ServicePurchasingOptions {
  /** Consumer group; tests use a unique one on a shared broker. Default: service-purchasing. */
  consumerGroupId?: string;
}

export const PURCHASING_MIGRATIONS = [PurchasingSkeleton1732500000400, PurchasingContracts1732500000410, PurchasingPurchaserBinding1732500000420, PurchasingRuleSets1732500000430, PurchasingOrgans1732500000440, PurchasingProcurements1732500000450, PurchasingAward1732500000460, PurchasingOcdsReleases1732500000475, PurchasingContractPerformance1732500000480, PurchasingPerformanceBar1732500000490, PurchasingSupplierKinds1732500000495, PurchasingTerminationCause1732500000497, PurchasingFunctionTransfer1732500000700, PURCHASE_MODES.migration];

@Module({})
export class ServicePurchasingModule {
  static register(deps: ServiceDeps, options: ServicePurchasingOptions = {}): DynamicModule {
    return {
      module: ServicePurchasingModule,
      imports: [ConfigModule.forFeature(purchasingConfig.factory)],
      controllers: [
        calendarEventHandlerFor(CalendarYearPublished, PURCHASING_EVENTS),
        SuppliersHttpController,
        OrgansHttpController,
        ContractsHttpController,
        AssessmentsHttpController,
        RuleSetsHttpController,
        ReportsHttpController,
        BudgetsHttpController,
        CataloguesHttpController,
        ProcurementsHttpController,
        FunctionCatalogueHttpController,
        TransferAgreementsHttpController,
        TransferCasesHttpController,
        SelfRegulationHttpController,
        ProcurementContractHttpController,
        ContractPerformanceHttpController,
        OcdsHttpController,
        ...PURCHASE_MODES.controllers,
        RegistrationEventsHandler,
        CreditEventsHandler,
        CreditListEventsHandler,
        EvaluationEventsHandler,
        healthControllerFor(SERVICE_RUNTIME),
        commandAuditControllerFor(),
        errorCatalogueControllerFor([PurchasingErrors, FunctionTransferErrors, PURCHASE_MODES.errors]),
        auditKeysControllerFor(SERVICE_RUNTIME),
      ],
      providers: [
        ...serviceRuntimeProviders(deps, {
          serviceName: SERVICE_PURCHASING,
          catalog: new EventCatalog(ALL_EVENT_CONTRACTS),
          entities: [...PURCHASING_ENTITIES, ...OCDS_ENTITIES, ...FUNCTION_TRANSFER_ENTITIES, ...PURCHASE_MODES.entities],
          migrations: PURCHASING_MIGRATIONS,
          consumer: {
            groupId: options.consumerGroupId ?? CONSUMER_GROUPS.servicePurchasing,
          },
        }),
        // ports → TypeORM adapters
        { provide: SupplierStore, useClass: TypeOrmSupplierStore },
        { provide: SupplierGradeStore, useClass: TypeOrmSupplierGradeStore },
        { provide: ContractStore, useClass: TypeOrmContractStore },
        { provide: AssessmentStore, useClass: TypeOrmAssessmentStore },
        { provide: RuleSetStore, useClass: TypeOrmRuleSetStore },
        { provide: PerformanceHistoryStore, useClass: TypeOrmPerformanceHistoryStore },
        { provide: OrganStore, useClass: TypeOrmOrganStore },
        { provide: BudgetStore, useClass: TypeOrmBudgetStore },
        { provide: CatalogueStore, useClass: TypeOrmCatalogueStore },
        { provide: ReportStore, useClass: TypeOrmReportStore },
        { provide: ProcurementStore, useClass: TypeOrmProcurementStore },
        { provide: BidStore, useClass: TypeOrmBidStore },
        { provide: DecisionStore, useClass: TypeOrmDecisionStore },
        { provide: FunctionTransferStore, useClass: TypeOrmFunctionTransferStore },
        { provide: PerformanceStore, useClass: TypeOrmPerformanceStore },
        { provide: OcdsReleaseStore, useClass: TypeOrmOcdsReleaseStore },
        // The contract part of OCDS snapshots: contracts, milestones, acceptances and payments of contract performance.
        { provide: OcdsContractSource, useClass: PerformanceContractSource },
        {
          provide: OCDS_PUBLICATION,
          useFactory: (config: PurchasingEnv): OcdsPublication => ({
            baseUrl: config.PURCHASING_OCDS_BASE_URL,
            publisher: {
              name: config.PURCHASING_OCDS_PUBLISHER_NAME,
              scheme: config.PURCHASING_OCDS_PUBLISHER_USCC ? USCC_SCHEME : undefined,
              uid: config.PURCHASING_OCDS_PUBLISHER_USCC,
              uri: config.PURCHASING_OCDS_PUBLISHER_URI,
            },
            license: config.PURCHASING_OCDS_LICENSE,
            publicationPolicy: config.PURCHASING_OCDS_PUBLICATION_POLICY,
          }),
          inject: [purchasingConfig.KEY],
        },
        {
          provide: BidSealer,
          useFactory: (config: PurchasingEnv) => {
            // PURCHASING_BID_KEY / _FILE, or (embedded mode / AUTH_ALLOW_DEV_KEYS; purchasing.config.ts refuses it otherwise) a dev key.
            const { key, devKey } = bidMasterKeyOf(config);
            if (devKey) new Logger('ServicePurchasing').warn('no PURCHASING_BID_KEY: sealed bids are encrypted with the development key under DATA_DIR/dev-keys');
            return new AesGcmBidSealer(key);
          },
          inject: [purchasingConfig.KEY],
        },
        { provide: OCDS_PREFIX, useFactory: (config: PurchasingEnv) => config.PURCHASING_OCDS_PREFIX, inject: [purchasingConfig.KEY] },
        // use cases: suppliers (facts from events, profile), contracts, assessments
        SupplierRegistrationFacts,
        SupplierCreditMeasures,
        SupplierGrades,
        SupplierProfile,
        PurchasingOrgans,
        SignContract,
        GetContract,
        AssessPerformance,
        RuleSetReads,
        PublishRuleSetVersion,
        BudgetLines,
        Catalogues,
        Procurements,
        SealedBids,
        ProcurementAwards,
        SocialOrganizationShare,
        // transfer of government functions (regulations §8, issue 12)
        TransferRuleSets,
        FunctionCatalogue,
        UndertakerQualifications,
        QualificationSuspensions,
        TransferAgreements,
        AgreementTakeBack,
        TransferCases,
        SelfRegulation,
        ConcentrationReport,
        ContractFromAward,
        MilestoneAcceptances,
        ContractPayments,
        PaymentDecisions,
        TerminateContract,
        ContractFlags,
        ProcurementSnapshotAssembler,
        OcdsPublisher,
        OcdsReads,
        ...PURCHASE_MODES.providers,
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
  description: 'Purchasing organs (Order 102 Art. 5, 8), budget lines, the guiding catalogue and negative list (Art. 10–11), procurement notices and sealed bids, purchase-of-services contracts (Order 102), supplier eligibility and priority, performance assessment.',
  moduleClass: ServicePurchasingModule,
  module: (deps) => ServicePurchasingModule.register(deps),
  errors: [PurchasingErrors, FunctionTransferErrors, PURCHASE_MODES.errors],
  config: [purchasingConfig],
};
