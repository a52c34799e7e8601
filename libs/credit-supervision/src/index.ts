export { CreditSupervisionModule, CREDIT_SUPERVISION_SERVICE, type CreditSupervisionOptions } from './credit-supervision.module';
