export * from './config-schema';
export * from './platform.config';
