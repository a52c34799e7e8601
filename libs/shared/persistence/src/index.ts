export * from './db-config';
export * from './data-source.factory';
export * from './snake-naming.strategy';
export * from './transactions';
export * from './column-types';
export * from './db-errors';
