import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { enrichRequestContext, jurisdictionCovers } from '@sop/util';
import { AuthErrors } from './auth.errors';
import type { AuthConfig } from './auth-config';
import { PUBLIC_KEY, ROLES_KEY } from './decorators';
import { TokenVerifier } from './jwt';
import type { Principal, Role } from './roles';

export const AUTH_CONFIG = Symbol('AUTH_CONFIG');

/**
 * Global guard: public endpoints pass; everything else needs a valid bearer token and one of the roles the
 * endpoint declares. An endpoint that declares no roles is refused (fail closed) and the boot check reports it.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly verifier: TokenVerifier;

  constructor(
    private readonly reflector: Reflector,
    @Inject(AUTH_CONFIG) config: AuthConfig,
  ) {
    this.verifier = new TokenVerifier(config);
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const request = context.switchToHttp().getRequest<{ headers: Record<string, string | undefined>; principal?: Principal }>();
    const header = request.headers['authorization'];
    if (!header || !header.startsWith('Bearer ')) {
      throw new AuthErrors.TOKEN_REQUIRED('send Authorization: Bearer <token>');
    }
    const principal = await this.verifier.verify(header.slice('Bearer '.length).trim());
    const allowed = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (!allowed || allowed.length === 0) {
      throw new AuthErrors.NO_ROLE_DECLARED('this endpoint declares no role and is closed');
    }
    if (!principal.roles.some((r) => allowed.includes(r))) {
      throw new AuthErrors.ROLE_REQUIRED(`requires one of: ${allowed.join(', ')}`);
    }
    request.principal = principal;
    enrichRequestContext({ subject: principal.subject }); // logs name who acted (an id, never a person's data)
    return true;
  }
}

/** Throws 403 unless the caller's jurisdiction covers the division the object belongs to. */
export function assertJurisdiction(principal: Principal, division: string, what = 'this object'): void {
  if (!jurisdictionCovers(principal.jurisdiction, division)) {
    throw new AuthErrors.OUT_OF_JURISDICTION(`${what} belongs to division ${division}, outside your jurisdiction ${principal.jurisdiction}`,
    );
  }
}
