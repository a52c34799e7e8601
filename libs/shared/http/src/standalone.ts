import { auditChain, KafkaTransport, kafkaSecurityFromEnv, readTopicsToEnd, ServiceRuntime } from '@sop/messaging';
import { audienceOf, authConfigFromEnv } from '@sop/auth';
import type { DbConfig } from '@sop/persistence';
import { SystemClock } from '@sop/util';
import { assertConfiguration, type AnyConfigSchema } from './config/config-schema';
import { authEnvConfig, databaseConfig, hostConfig, kafkaConfig, messagingConfig, type DatabaseEnv } from './config/platform.config';
import { edgeConfig } from './edge/edge.config';
import { createHttpApp, hostLogger, startServices } from './http-app';
import { setUpTracing, shutDownTracing } from './observability/tracing';
import { SERVICE_RUNTIME, type ServiceDefinition } from './service-definition';

/** What a service binary needs to know about the platform's topics (from libs/contracts). */
export interface PlatformTopology {
  specs(): { topic: string; partitions: number }[];
  contracts: { type: string; topic: string }[];
  /** The event API (AsyncAPI 3.0) served at GET /asyncapi.json. */
  asyncApi?: () => object;
}

/** The configuration each command of a standalone service needs (validated together before anything starts). */
export function standaloneConfigSchemas(def: ServiceDefinition, command: string): AnyConfigSchema[] {
  if (command === 'provision-topics' || command === 'audit-chain') return [kafkaConfig];
  if (command === 'migrate') return [kafkaConfig, databaseConfig];
  return [hostConfig, authEnvConfig, edgeConfig, kafkaConfig, databaseConfig, messagingConfig, ...(def.config ?? [])];
}

function dbConfigOf(env: DatabaseEnv, def: ServiceDefinition): DbConfig {
  if (env.DB_TYPE === 'sqlite') return { type: 'sqlite', path: env.DB_SQLITE_PATH ?? `./data/${def.schema}.sqlite` };
  return { type: 'mysql', host: env.DB_HOST ?? '', port: env.DB_PORT, username: env.DB_USER, password: env.DB_PASSWORD, database: env.DB_NAME ?? def.schema };
}

/**
 * Entry point of one service as its own process (distributed mode): Kafka + MySQL from the environment.
 *   node main.js            serve HTTP, relay and consumer
 *   node main.js migrate    apply pending migrations and exit
 *   node main.js provision-topics   create the platform's topics (auto-creation is off) and exit
 *   node main.js audit-chain        read this service's topics from the broker and verify its hash chain
 * A bad or missing variable stops the start with every problem listed.
 */
export async function runStandaloneService(def: ServiceDefinition, topics: PlatformTopology): Promise<void> {
  const command = process.argv[2] ?? 'serve';
  const schemas = standaloneConfigSchemas(def, command);
  assertConfiguration(schemas);
  const kafka = kafkaConfig.load();
  const brokers = kafka.KAFKA_BROKERS.split(',').map((b) => b.trim());
  const security = kafkaSecurityFromEnv(process.env); // KAFKA_SSL, KAFKA_SASL_* (the service's own principal)
  const transport = new KafkaTransport({
    clientId: `${def.name}-${process.pid}`,
    brokers,
    ...security,
    replicationFactor: kafka.KAFKA_REPLICATION_FACTOR,
    logLevel: kafka.KAFKA_LOG_LEVEL,
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
    const { events, undecodable } = await readTopicsToEnd({ brokers, ...security }, topicNames);
    const report = { ...auditChain(def.name, events), topics: topicNames, read: events.length, undecodable };
    process.stdout.write(JSON.stringify(report, null, 2) + '\n');
    await transport.close();
    process.exitCode = report.ok ? 0 : 1;
    return;
  }

  const database = databaseConfig.load();
  const deps = {
    db: dbConfigOf(database, def),
    transport,
    clock: new SystemClock(),
    migrateOnStart: database.DB_MIGRATE_ON_START,
    createDatabase: database.DB_CREATE_DATABASE,
  };

  if (command === 'migrate') {
    // No HTTP is served by this command: no token is accepted (and no key is needed).
    const app = await createHttpApp([def.module({ ...deps, migrateOnStart: false })], { issuer: def.name, audience: [] }, [], { config: schemas });
    const applied = await app.get<ServiceRuntime>(SERVICE_RUNTIME, { strict: false }).migrate();
    hostLogger.log(`${def.name}: applied ${applied.length} migration(s) ${applied.join(', ')}`);
    await app.close();
    await transport.close();
    return;
  }

  const host = hostConfig.load();
  setUpTracing({ serviceName: def.name });
  // Tokens for this service only (AUTH_AUDIENCE overrides); development keys were refused above unless
  // AUTH_ALLOW_DEV_KEYS=true, which is warned here at every start.
  const auth = authConfigFromEnv(process.env, { audience: audienceOf(def.name), warn: (m) => hostLogger.warn(m) });
  const app = await createHttpApp([def.module(deps)], auth, [{ path: 'docs', title: def.title, description: def.description }], {
    config: schemas,
    serviceOf: () => def.name,
    metricsToken: host.METRICS_TOKEN,
    logLevel: host.LOG_LEVEL,
  });
  const asyncApi = topics.asyncApi?.();
  if (asyncApi) {
    // Public, like the embedded host's: the document of every event the platform's topics carry (no personal data).
    app.getHttpAdapter().get('/asyncapi.json', (_req: unknown, res: { status(code: number): { json(body: unknown): void } }) => res.status(200).json(asyncApi));
  }
  const port = host.PORT ?? def.defaultPort;
  await startServices(app);
  await app.listen(port, host.HOST);
  hostLogger.log(`${def.name} listening on :${port} (docs at /docs, metrics at /metrics)`);
  const shutdown = async () => {
    await app.close();
    await transport.close();
    await shutDownTracing();
    process.exit(0);
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}
