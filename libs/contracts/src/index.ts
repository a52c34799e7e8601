export * from './shared/contract-types';
export * from './registration';
export * from './credit';
export * from './topology';
