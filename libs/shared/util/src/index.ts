export * from './uscc';
export * from './clock';
export * from './jurisdiction';
export * from './errors';
export * from './periodic-task';
export * from './request-context';
export * from './scheduler';
export * from './civil-time';
