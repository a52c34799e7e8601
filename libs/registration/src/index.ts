export { RegistrationModule, REGISTRATION_SERVICE } from './registration.module';
