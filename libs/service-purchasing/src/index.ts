export { ServicePurchasingModule, SERVICE_PURCHASING_SERVICE, type ServicePurchasingOptions } from './service-purchasing.module';
