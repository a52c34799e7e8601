export { CreditSupervisionModule, CREDIT_SUPERVISION_SERVICE, type CreditSupervisionOptions } from './credit-supervision.module';
export { CreditErrors } from './domain/credit.errors';
