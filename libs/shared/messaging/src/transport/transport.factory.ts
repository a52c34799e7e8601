import { InProcessTransport } from './in-process.transport';
import { KafkaTransport } from './kafka.transport';
import type { EventTransport } from './transport.port';

/** KAFKA_BROKERS set → Kafka; otherwise the embedded in-process bus (BUS_PATH, default ./data/bus.sqlite). */
export function transportFromEnv(clientId: string, env: NodeJS.ProcessEnv = process.env): EventTransport {
  const brokers = env['KAFKA_BROKERS'];
  if (brokers) {
    return new KafkaTransport({
      clientId,
      brokers: brokers.split(',').map((b) => b.trim()).filter(Boolean),
      replicationFactor: Number(env['KAFKA_REPLICATION_FACTOR'] ?? 1),
    });
  }
  return new InProcessTransport(env['BUS_PATH'] ?? './data/bus.sqlite');
}
