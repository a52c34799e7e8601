import { dbConfigFromEnv } from '@sop/persistence';
import { auditChain, KafkaTransport, readTopicsToEnd, ServiceRuntime } from '@sop/messaging';
import { authConfigFromEnv } from '@sop/auth';
import { SystemClock } from '@sop/util';
import { createHttpApp, hostLogger, startServices } from './http-app';
import { SERVICE_RUNTIME, type ServiceDefinition } from './service-definition';

/** What a service binary needs to know about the platform's topics (from libs/contracts). */
export interface PlatformTopology {
  specs(): { topic: string; partitions: number }[];
  contracts: { type: string; topic: string }[];
}

/**
 * Entry point of one service as its own process (distributed mode): Kafka + MySQL from the environment.
 *   node main.js            serve HTTP, relay and consumer
 *   node main.js migrate    apply pending migrations and exit
 *   node main.js provision-topics   create the platform's topics (auto-creation is off) and exit
 *   node main.js audit-chain        read this service's topics from the broker and verify its hash chain
 */
export async function runStandaloneService(def: ServiceDefinition, topics: PlatformTopology): Promise<void> {
  const command = process.argv[2] ?? 'serve';
  const brokers = process.env['KAFKA_BROKERS'];
  if (!brokers) {
    throw new Error(
      `${def.name}: KAFKA_BROKERS is not set. A standalone service needs Kafka and MySQL (DB_HOST...). ` +
        'For the no-install embedded platform run `npm start`.',
    );
  }
  const transport = new KafkaTransport({
    clientId: `${def.name}-${process.pid}`,
    brokers: brokers.split(',').map((b) => b.trim()),
    replicationFactor: Number(process.env['KAFKA_REPLICATION_FACTOR'] ?? 1),
  });

  if (command === 'provision-topics') {
    await transport.ensureTopics(topics.specs());
    await transport.close();
    hostLogger.log(`topics provisioned: ${topics.specs().length}`);
    return;
  }

  if (command === 'audit-chain') {
    const own = topics.contracts.filter((c) => c.type.startsWith(`${def.name}.`) || c.topic.startsWith(`${def.prefix}.`));
    const topicNames = [...new Set(own.map((c) => c.topic))];
    const { events, undecodable } = await readTopicsToEnd(brokers.split(',').map((b) => b.trim()), topicNames);
    const report = { ...auditChain(def.name, events), topics: topicNames, read: events.length, undecodable };
    process.stdout.write(JSON.stringify(report, null, 2) + '\n');
    await transport.close();
    process.exitCode = report.ok ? 0 : 1;
    return;
  }

  const deps = {
    db: dbConfigFromEnv(def.schema),
    transport,
    clock: new SystemClock(),
    migrateOnStart: process.env['DB_MIGRATE_ON_START'] !== 'false',
    createDatabase: process.env['DB_CREATE_DATABASE'] !== 'false',
  };

  if (command === 'migrate') {
    const app = await createHttpApp([def.module({ ...deps, migrateOnStart: false })], authConfigFromEnv(), []);
    const applied = await app.get<ServiceRuntime>(SERVICE_RUNTIME, { strict: false }).migrate();
    hostLogger.log(`${def.name}: applied ${applied.length} migration(s) ${applied.join(', ')}`);
    await app.close();
    await transport.close();
    return;
  }

  const auth = authConfigFromEnv();
  if (auth.devKeys) hostLogger.warn('AUTH_PUBLIC_KEY not set: accepting tokens signed by the local development key');
  const app = await createHttpApp([def.module(deps)], auth, [
    { path: 'docs', title: def.title, description: def.description },
  ]);
  const port = Number(process.env['PORT'] ?? def.defaultPort);
  await startServices(app);
  await app.listen(port, process.env['HOST'] ?? '0.0.0.0');
  hostLogger.log(`${def.name} listening on :${port} (docs at /docs)`);
  const shutdown = async () => {
    await app.close();
    await transport.close();
    process.exit(0);
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}
