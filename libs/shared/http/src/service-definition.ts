import type { DynamicModule, Type } from '@nestjs/common';
import type { DbConfig } from '@sop/persistence';
import type { EventTransport, ServiceRuntime } from '@sop/messaging';
import type { Clock, ErrorSet } from '@sop/util';
import type { AnyConfigSchema } from './config/config-schema';

/** What a host gives a service: its database, the broker, the clock. */
export interface ServiceDeps {
  db: DbConfig;
  transport: EventTransport;
  clock: Clock;
  migrateOnStart: boolean;
  createDatabase: boolean;
  /** Lets a host collect the runtimes it mounts (the embedded platform's aggregate readiness). */
  onRuntime?: (serviceName: string, runtime: ServiceRuntime) => void;
}

/** How a host (standalone process or the embedded platform) mounts one service. */
export interface ServiceDefinition {
  /** CloudEvents source, consumer-group owner, relay name. */
  name: string;
  /** Path prefix in the embedded process. */
  prefix: string;
  /** Default database / schema name. */
  schema: string;
  defaultPort: number;
  title: string;
  description: string;
  moduleClass: Type<unknown>;
  module(deps: ServiceDeps): DynamicModule;
  /** The service's own problem codes (the platform's are added by the catalogue): GET /errors, docs/error-codes.md. */
  errors?: readonly ErrorSet[];
  /** The service's own environment variables (validated by the host at start, with the platform's). */
  config?: readonly AnyConfigSchema[];
}

/** The token under which each service module provides its ServiceRuntime. */
export const SERVICE_RUNTIME = Symbol('SERVICE_RUNTIME');
