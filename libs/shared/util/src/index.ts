export * from './uscc';
export * from './clock';
export * from './jurisdiction';
export * from './errors';
export * from './problem';
export * from './rule-violation';
export * from './periodic-task';
export * from './request-context';
