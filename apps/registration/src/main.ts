// Distributed mode: the registration service as its own process against Kafka and MySQL.
import 'reflect-metadata';
import { ALL_EVENT_CONTRACTS, allTopicSpecs, asyncApiDocument } from '@sop/contracts';
import { runStandaloneService } from '@sop/http';
import { REGISTRATION_SERVICE } from '@sop/registration';

runStandaloneService(REGISTRATION_SERVICE, { specs: allTopicSpecs, contracts: ALL_EVENT_CONTRACTS, asyncApi: asyncApiDocument }).catch((err) => {
  console.error(err);
  process.exit(1);
});
