import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown, type Provider } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { OfficialCalendars, ServiceRuntime, UnitOfWork, type ServiceRuntimeOptions } from '@sop/messaging';
import { Clock } from '@sop/util';
import { messagingConfig } from './config/platform.config';
import { platformMetrics } from './observability/metrics';
import { SERVICE_RUNTIME, type ServiceDeps } from './service-definition';
import { CommandAuditLog } from './command-audit/command-audit.log';

/** Starts the service's runtime (migrations, relay, consumer) and its command audit log with the app; stops it on shutdown. */
@Injectable()
export class ServiceLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    @Inject(SERVICE_RUNTIME) private readonly runtime: ServiceRuntime,
    private readonly commandAudit: CommandAuditLog,
  ) {}
  async onApplicationBootstrap(): Promise<void> {
    await this.runtime.start();
    await this.commandAudit.ensure();
  }
  async onApplicationShutdown(): Promise<void> {
    await this.runtime.stop();
  }
}

/**
 * The providers every service module declares: its runtime, and from it the DataSource, the UnitOfWork and
 * the Clock its use cases inject. They are module-scoped, so four services can share one embedded process.
 */
export function serviceRuntimeProviders(
  deps: ServiceDeps,
  options: Omit<ServiceRuntimeOptions, 'db' | 'transport' | 'clock' | 'migrateOnStart' | 'createDatabase'>,
): Provider[] {
  return [
    {
      provide: SERVICE_RUNTIME,
      useFactory: () => {
        const metrics = platformMetrics();
        const messaging = messagingConfig.load();
        const runtime = new ServiceRuntime({
          consumerHooks: metrics.consumerHooks(options.serviceName),
          onRelayPublished: metrics.relayObserver(options.serviceName),
          retention: { outboxDays: messaging.MESSAGING_OUTBOX_RETENTION_DAYS, inboxDays: messaging.MESSAGING_INBOX_RETENTION_DAYS, busDays: messaging.MESSAGING_BUS_RETENTION_DAYS },
          relay: { maxBatchBytes: messaging.RELAY_MAX_BATCH_BYTES },
          ...options,
          db: deps.db,
          transport: deps.transport,
          clock: deps.clock,
          migrateOnStart: deps.migrateOnStart,
          createDatabase: deps.createDatabase,
        });
        metrics.watch(options.serviceName, runtime);
        deps.onRuntime?.(options.serviceName, runtime);
        return runtime;
      },
    },
    { provide: DataSource, useFactory: (rt: ServiceRuntime) => rt.dataSource, inject: [SERVICE_RUNTIME] },
    { provide: UnitOfWork, useFactory: (rt: ServiceRuntime) => rt.unitOfWork, inject: [SERVICE_RUNTIME] },
    { provide: OfficialCalendars, useFactory: (rt: ServiceRuntime) => rt.calendars, inject: [SERVICE_RUNTIME] },
    { provide: Clock, useValue: deps.clock },
    {
      provide: CommandAuditLog,
      useFactory: (rt: ServiceRuntime) => new CommandAuditLog(options.serviceName, () => rt.dataSource, deps.db, deps.createDatabase),
      inject: [SERVICE_RUNTIME],
    },
    ServiceLifecycle,
  ];
}
