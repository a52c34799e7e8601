import type { INestApplication } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { PATH_METADATA } from '@nestjs/common/constants';
import { PUBLIC_KEY, ROLES_KEY } from './decorators';

/**
 * Boot check: lists every route handler that is neither @Public() nor declares @Roles(...).
 * The host refuses to start when the list is not empty, so "every non-public endpoint requires a role"
 * is checked at startup and not only by review.
 */
export function routesWithoutRoles(app: INestApplication): string[] {
  const discovery = app.get(DiscoveryService);
  const scanner = app.get(MetadataScanner);
  const reflector = app.get(Reflector);
  const missing: string[] = [];
  for (const wrapper of discovery.getControllers()) {
    const instance = wrapper.instance as object | undefined;
    if (!instance) continue;
    const proto = Object.getPrototypeOf(instance);
    for (const name of scanner.getAllMethodNames(proto)) {
      const handler = proto[name];
      if (Reflect.getMetadata(PATH_METADATA, handler) === undefined) continue;
      const targets = [handler, instance.constructor];
      const isPublic = reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets);
      const roles = reflector.getAllAndOverride<string[]>(ROLES_KEY, targets);
      if (!isPublic && (!roles || roles.length === 0)) missing.push(`${instance.constructor.name}.${name}`);
    }
  }
  return missing;
}
