import type { DynamicModule, INestApplication, Type } from '@nestjs/common';
import type { NestMicroservice } from '@nestjs/microservices';
import { PassThroughRpcErrors, type ServiceRuntime } from '@sop/messaging';
import { SERVICE_RUNTIME } from './service-definition';

/**
 * Connects the event server (the Nest transport strategy of @sop/messaging) of every service module in the
 * application as a hybrid microservice. Initialisation is deferred so that the error pass-through filter is in
 * place before Nest wraps the handlers; the application's own lifecycle hooks have run by then, so the
 * microservice must not run them a second time.
 */
export function connectEventServers(app: INestApplication, imports: (DynamicModule | Type<unknown>)[]): void {
  for (const imported of imports) {
    if (!providesRuntime(imported)) continue; // RouterModule, DiscoveryModule...
    const runtime = app.select(imported, { abortOnError: false }).get<ServiceRuntime>(SERVICE_RUNTIME, { strict: true });
    if (!runtime.eventServer) continue;
    const microservice = app.connectMicroservice({ strategy: runtime.eventServer }, { deferInitialization: true }) as NestMicroservice;
    microservice.setIsInitHookCalled(true);
    microservice.useGlobalFilters(new PassThroughRpcErrors());
  }
}

/** Service modules are dynamic modules (one per host) that provide their runtime under SERVICE_RUNTIME. */
function providesRuntime(imported: DynamicModule | Type<unknown>): imported is DynamicModule {
  return 'module' in imported && (imported.providers ?? []).some((p) => typeof p === 'object' && 'provide' in p && p.provide === SERVICE_RUNTIME);
}
