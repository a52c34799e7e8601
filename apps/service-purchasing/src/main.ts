// Distributed mode: the service-purchasing service as its own process against Kafka and MySQL.
import 'reflect-metadata';
import { ALL_EVENT_CONTRACTS, allTopicSpecs, asyncApiDocument } from '@sop/contracts';
import { runStandaloneService } from '@sop/http';
import { SERVICE_PURCHASING_SERVICE } from '@sop/service-purchasing';

runStandaloneService(SERVICE_PURCHASING_SERVICE, { specs: allTopicSpecs, contracts: ALL_EVENT_CONTRACTS, asyncApi: asyncApiDocument }).catch((err) => {
  console.error(err);
  process.exit(1);
});
