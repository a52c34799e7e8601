export { RegistrationModule, REGISTRATION_SERVICE } from './registration.module';
export { RegistrationErrors } from './domain/registration.errors';
