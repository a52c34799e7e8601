export * from './shared/contract-types';
export * from './registration/organization-registered.v1';
export * from './registration/application-submitted.v1';
export * from './topology';
