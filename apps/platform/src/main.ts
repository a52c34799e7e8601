// Embedded mode (the default `npm start`): the four services in one process on one port, each with its own
// SQLite database under ./data, talking through the in-process bus that honours the Kafka transport contract.
import 'reflect-metadata';
import { RouterModule } from '@nestjs/core';
import { authConfigFromEnv } from '@sop/auth';
import { allTopicSpecs } from '@sop/contracts';
import { CREDIT_SUPERVISION_SERVICE } from '@sop/credit-supervision';
import { EVALUATION_SERVICE } from '@sop/evaluation';
import { createHttpApp, hostLogger, startServices, type ServiceDefinition } from '@sop/http';
import { InProcessTransport, type ServiceRuntime } from '@sop/messaging';
import { REGISTRATION_SERVICE } from '@sop/registration';
import { SERVICE_PURCHASING_SERVICE } from '@sop/service-purchasing';
import { SystemClock } from '@sop/util';

const SERVICES: ServiceDefinition[] = [REGISTRATION_SERVICE, CREDIT_SUPERVISION_SERVICE, EVALUATION_SERVICE, SERVICE_PURCHASING_SERVICE];

interface Res {
  status(code: number): Res;
  json(body: unknown): void;
}

async function main(): Promise<void> {
  const startedAt = Date.now();
  const dataDir = process.env['DATA_DIR'] ?? './data';
  const transport = new InProcessTransport(process.env['BUS_PATH'] ?? `${dataDir}/bus.sqlite`);
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
  );

  // Platform-wide probes: the process is live; it is ready when every service is.
  const http = app.getHttpAdapter();
  http.get('/health/live', (_req: unknown, res: Res) => res.status(200).json({ status: 'up' }));
  http.get('/health/ready', async (_req: unknown, res: Res) => {
    const reports = await Promise.all(runtimes.map(async (r) => [r.name, await r.runtime.readiness()] as const));
    const up = reports.every(([, report]) => report.status === 'up');
    res.status(up ? 200 : 503).json({ status: up ? 'up' : 'down', services: Object.fromEntries(reports) });
  });

  const port = Number(process.env['PORT'] ?? 3000);
  await startServices(app);
  await app.listen(port, process.env['HOST'] ?? '0.0.0.0');
  hostLogger.log(
    `embedded platform ready on http://localhost:${port} in ${Date.now() - startedAt} ms ` +
      `(docs: /docs; services: ${SERVICES.map((s) => '/' + s.prefix).join(' ')}; data: ${dataDir}; dev token: npm run dev-token)`,
  );

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    hostLogger.log(`${signal}: shutting down`);
    await app.close();
    await transport.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
