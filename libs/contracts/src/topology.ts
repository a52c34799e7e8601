import { ApplicationSubmitted } from './registration/application-submitted.v1';
import { OrganizationRegistered } from './registration/organization-registered.v1';
import type { EventContractDefinition } from './shared/contract-types';

/** Every event type any service publishes. Consumers validate what they read against this list. */
export const ALL_EVENT_CONTRACTS: EventContractDefinition[] = [OrganizationRegistered, ApplicationSubmitted];

/** Topics with explicit partition counts (auto-creation is off on every broker we run). */
export const EVENT_TOPICS = [
  { topic: 'registration.organization.v1', partitions: 6 },
  { topic: 'registration.application.v1', partitions: 3 },
] as const;

/** Consumer groups; each has a dead-letter topic `<group>.dlq`. */
export const CONSUMER_GROUPS = {
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
