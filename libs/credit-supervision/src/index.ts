export { CreditSupervisionModule, CREDIT_SUPERVISION_SERVICE } from './credit-supervision.module';
