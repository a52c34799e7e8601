export { ServicePurchasingModule, SERVICE_PURCHASING_SERVICE, type ServicePurchasingOptions } from './service-purchasing.module';
export { PurchasingErrors } from './domain/purchasing.errors';
