export * from './domain-error';
export * from './error-catalogue';
export * from './uscc.errors';
