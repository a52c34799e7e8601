// Distributed mode: the credit-supervision service as its own process against Kafka and MySQL.
import 'reflect-metadata';
import { ALL_EVENT_CONTRACTS, allTopicSpecs, asyncApiDocument } from '@sop/contracts';
import { runStandaloneService } from '@sop/http';
import { CREDIT_SUPERVISION_SERVICE } from '@sop/credit-supervision';

runStandaloneService(CREDIT_SUPERVISION_SERVICE, { specs: allTopicSpecs, contracts: ALL_EVENT_CONTRACTS, asyncApi: asyncApiDocument }).catch((err) => {
  console.error(err);
  process.exit(1);
});
