export * from './shared/contract-types';
export * from './registration';
export * from './credit';
export * from './evaluation';
export * from './purchasing';
export * from './audit';
export * from './topology';
export * from './asyncapi';
