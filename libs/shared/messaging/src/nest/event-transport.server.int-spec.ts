import { dropDatabase, ensureDatabase } from '@sop/persistence';
import { testKafkaBrokers, testMysqlConfig, uniqueName } from '@sop/testing';
import { KafkaTransport } from '../transport/kafka.transport';
import { describeConsumerConformance } from './consumer-conformance';

describeConsumerConformance('Kafka + MySQL', async () => {
  const db = testMysqlConfig('consumer_conformance');
  await ensureDatabase(db);
  return {
    transport: new KafkaTransport({ brokers: testKafkaBrokers(), clientId: uniqueName('consumer-conf') }),
    db,
    cleanup: () => dropDatabase(db),
  };
});
