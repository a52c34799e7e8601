import type { EventContractDefinition } from '../shared/contract-types';

/** Event types the credit-supervision service publishes. */
export const CREDIT_CONTRACTS: EventContractDefinition[] = [];

/** Credit supervision's topics, with explicit partition counts. */
export const CREDIT_TOPICS: { topic: string; partitions: number }[] = [];
