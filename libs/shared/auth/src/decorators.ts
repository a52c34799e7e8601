import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { Principal, Role } from './roles';

export const PUBLIC_KEY = 'sop:public';
export const ROLES_KEY = 'sop:roles';

/** No token needed (public disclosure, health, docs). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/** The roles admitted to an endpoint. Every non-public endpoint must declare them. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

/** The authenticated caller, as verified by the guard. */
export const CurrentPrincipal = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => {
  return ctx.switchToHttp().getRequest<{ principal: Principal }>().principal;
});
