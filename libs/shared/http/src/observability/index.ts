export * from './logging';
export * from './metrics';
export * from './request-observation';
export * from './tracing';
