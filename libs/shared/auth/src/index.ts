export * from './roles';
export * from './auth-config';
export * from './jwt';
export * from './jwks';
export * from './decorators';
export * from './auth.guard';
export * from './route-audit';
export * from './auth.errors';
