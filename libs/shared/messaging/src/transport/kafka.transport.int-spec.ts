import { testKafkaBrokers, uniqueName } from '@sop/testing';
import { KafkaTransport } from './kafka.transport';
import { describeTransportConformance } from './transport-conformance';

describeTransportConformance('kafka', async () => new KafkaTransport({ brokers: testKafkaBrokers(), clientId: uniqueName('conf') }));
