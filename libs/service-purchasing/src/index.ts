export { ServicePurchasingModule, SERVICE_PURCHASING_SERVICE } from './service-purchasing.module';
