// Distributed mode: the evaluation service as its own process against Kafka and MySQL.
import 'reflect-metadata';
import { ALL_EVENT_CONTRACTS, allTopicSpecs, asyncApiDocument } from '@sop/contracts';
import { runStandaloneService } from '@sop/http';
import { EVALUATION_SERVICE } from '@sop/evaluation';

runStandaloneService(EVALUATION_SERVICE, { specs: allTopicSpecs, contracts: ALL_EVENT_CONTRACTS, asyncApi: asyncApiDocument }).catch((err) => {
  console.error(err);
  process.exit(1);
});
