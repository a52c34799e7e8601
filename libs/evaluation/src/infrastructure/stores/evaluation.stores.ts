import type { Provider } from '@nestjs/common';
import { CertificateStore, IndicatorFrameworkStore, ProcedureStore } from '../../application/procedure/procedure.ports';
import { PerformanceEvidenceStore } from '../../application/performance-evidence/performance-evidence.ports';
import { TypeOrmPerformanceEvidenceStore } from './typeorm-performance-evidence.store';
import { TypeOrmCertificateStore, TypeOrmIndicatorFrameworkStore, TypeOrmProcedureStore } from './typeorm-procedure.stores';
import { ComplianceFactsStore } from '../../application/compliance/compliance.ports';
import { CreditMeasuresStore } from '../../application/credit-measures/credit-measures.ports';
import { GradeStore } from '../../application/grades/grades.ports';
import { EvaluationRuleSetStore } from '../../application/rule-sets/rule-sets.ports';
import { OrganizationStore } from '../../application/organizations/organizations.ports';
import { VerificationCaseStore } from '../../application/verification-cases/verification-cases.ports';
import { TypeOrmComplianceFactsStore } from './typeorm-compliance-facts.store';
import { TypeOrmCreditMeasuresStore } from './typeorm-credit-measures.store';
import { TypeOrmGradeStore } from './typeorm-grade.store';
import { TypeOrmEvaluationRuleSetStore } from './typeorm-rule-set.store';
import { TypeOrmOrganizationStore } from './typeorm-organization.store';
import { TypeOrmVerificationCaseStore } from './typeorm-verification-case.store';

/** Each persistence port of the evaluation use cases, bound to its TypeORM adapter. */
export const EVALUATION_STORES: Provider[] = [
  { provide: OrganizationStore, useClass: TypeOrmOrganizationStore },
  { provide: GradeStore, useClass: TypeOrmGradeStore },
  { provide: CreditMeasuresStore, useClass: TypeOrmCreditMeasuresStore },
  { provide: VerificationCaseStore, useClass: TypeOrmVerificationCaseStore },
  { provide: ComplianceFactsStore, useClass: TypeOrmComplianceFactsStore },
  { provide: EvaluationRuleSetStore, useClass: TypeOrmEvaluationRuleSetStore },
];

/** The procedure's ports (issue 13), bound to their TypeORM adapters. */
export const PROCEDURE_STORES: Provider[] = [
  { provide: IndicatorFrameworkStore, useClass: TypeOrmIndicatorFrameworkStore },
  { provide: ProcedureStore, useClass: TypeOrmProcedureStore },
  { provide: CertificateStore, useClass: TypeOrmCertificateStore },
  { provide: PerformanceEvidenceStore, useClass: TypeOrmPerformanceEvidenceStore },
];
