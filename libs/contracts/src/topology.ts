import { AUDIT_CONTRACTS, AUDIT_TOPICS } from './audit';
import { CREDIT_CONTRACTS, CREDIT_TOPICS } from './credit';
import { EVALUATION_CONTRACTS, EVALUATION_TOPICS } from './evaluation';
import { PURCHASING_CONTRACTS, PURCHASING_TOPICS } from './purchasing';
import { REGISTRATION_CONTRACTS, REGISTRATION_TOPICS } from './registration';
import type { EventContractDefinition } from './shared/contract-types';

const producedBy = (source: string, contracts: EventContractDefinition[]) => contracts.map((c) => ({ ...c, source }));

/**
 * Every event type any service publishes, with its producer (the CloudEvents `source`). Consumers validate what they
 * read against this list, and refuse a type from another topic or another source (messaging's provenance checks).
 */
export const ALL_EVENT_CONTRACTS: EventContractDefinition[] = [
  ...producedBy('registration', REGISTRATION_CONTRACTS),
  ...producedBy('credit-supervision', CREDIT_CONTRACTS),
  ...producedBy('evaluation', EVALUATION_CONTRACTS),
  ...producedBy('service-purchasing', PURCHASING_CONTRACTS),
  // Each service's signed checkpoints and signing keys, on its own audit topic (issue 13 item 5).
  ...Object.entries(AUDIT_CONTRACTS).flatMap(([source, contracts]) => producedBy(source, contracts)),
];

/** Topics with explicit partition counts (auto-creation is off on every broker we run). */
export const EVENT_TOPICS: { topic: string; partitions: number }[] = [
  ...REGISTRATION_TOPICS,
  ...CREDIT_TOPICS,
  ...EVALUATION_TOPICS,
  ...PURCHASING_TOPICS,
  ...AUDIT_TOPICS,
];

/** Consumer groups; each has a dead-letter topic `<group>.dlq`. */
export const CONSUMER_GROUPS = {
  registration: 'registration',
  creditSupervision: 'credit-supervision',
  evaluation: 'evaluation',
  servicePurchasing: 'service-purchasing',
} as const;

export function allTopicSpecs(): { topic: string; partitions: number }[] {
  return [
    ...EVENT_TOPICS.map((t) => ({ ...t })),
    ...Object.values(CONSUMER_GROUPS).map((g) => ({ topic: `${g}.dlq`, partitions: 1 })),
  ];
}
