export * from './problem.filter';
export * from './uscc.pipe';
export * from './health.controller';
export * from './service-definition';
export * from './service-providers';
export * from './http-app';
export * from './standalone';
