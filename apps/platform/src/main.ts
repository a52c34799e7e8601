// Embedded mode (the default `npm start`): the four services in one process on one port, each with its own
// SQLite database under ./data, talking through the in-process bus that honours the Kafka transport contract.
import 'reflect-metadata';
import { RouterModule } from '@nestjs/core';
import { authConfigFromEnv } from '@sop/auth';
import { allTopicSpecs } from '@sop/contracts';
import {
  assertConfiguration,
  authEnvConfig,
  createHttpApp,
  embeddedConfig,
  messagingConfig,
  hostConfig,
  hostLogger,
  setUpTracing,
  shutDownTracing,
  startServices,
  type ServiceDefinition,
} from '@sop/http';
import { InProcessTransport, type ServiceRuntime } from '@sop/messaging';
import { SystemClock } from '@sop/util';
import { mountPlatformEndpoints, serviceOfPath } from './platform-endpoints';
import { EMBEDDED_SERVICES } from './services';

const SERVICES: ServiceDefinition[] = EMBEDDED_SERVICES;

async function main(): Promise<void> {
  const startedAt = Date.now();
  const schemas = [hostConfig, authEnvConfig, embeddedConfig, messagingConfig, ...SERVICES.flatMap((s) => s.config ?? [])];
  assertConfiguration(schemas); // every problem listed at once, before anything starts
  const host = hostConfig.load();
  const dataDir = host.DATA_DIR;
  setUpTracing({ serviceName: 'social-org-platform' });
  const transport = new InProcessTransport(embeddedConfig.load().BUS_PATH ?? `${dataDir}/bus.sqlite`);
  // The provisioning step of this mode: the same topic list as Kafka's, auto-creation off.
  await transport.ensureTopics(allTopicSpecs());
  const clock = new SystemClock();

  const runtimes: { name: string; runtime: ServiceRuntime }[] = [];
  const modules = SERVICES.map((s) =>
    s.module({
      db: { type: 'sqlite', path: `${dataDir}/${s.schema}.sqlite` },
      transport,
      clock,
      migrateOnStart: true,
      createDatabase: false,
      onRuntime: (name, runtime) => runtimes.push({ name, runtime }),
    }),
  );
  const auth = authConfigFromEnv({ ...process.env, DATA_DIR: dataDir });
  const app = await createHttpApp(
    [...modules, RouterModule.register(SERVICES.map((s) => ({ path: s.prefix, module: s.moduleClass })))],
    auth,
    [
      {
        path: 'docs',
        title: 'Social organization platform (embedded)',
        description: 'All four services in one process: /registration, /credit, /evaluation, /purchasing.',
      },
      ...SERVICES.map((s) => ({ path: `${s.prefix}/docs`, title: s.title, description: s.description, include: [s.moduleClass] })),
    ],
    { config: schemas, serviceOf: serviceOfPath(SERVICES), metricsToken: host.METRICS_TOKEN, logLevel: host.LOG_LEVEL },
  );
  mountPlatformEndpoints(app, runtimes, SERVICES);

  const port = host.PORT ?? 3000;
  await startServices(app);
  await app.listen(port, host.HOST);
  hostLogger.log(
    `embedded platform ready on http://localhost:${port} in ${Date.now() - startedAt} ms ` +
      `(docs: /docs; errors: /errors; metrics: /metrics; services: ${SERVICES.map((s) => '/' + s.prefix).join(' ')}; data: ${dataDir}; dev token: npm run dev-token)`,
  );

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    hostLogger.log(`${signal}: shutting down`);
    await app.close();
    await transport.close();
    await shutDownTracing();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
