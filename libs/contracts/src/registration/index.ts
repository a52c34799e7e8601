import type { EventContractDefinition } from '../shared/contract-types';
import { AnnualReportOverdue } from './annual-report-overdue.v1';
import { ApplicationSubmitted } from './application-submitted.v1';
import { OrganizationRegistered } from './organization-registered.v1';

export * from './organization-registered.v1';
export * from './application-submitted.v1';
export * from './annual-report-overdue.v1';

/** Event types the registration service publishes. */
export const REGISTRATION_CONTRACTS: EventContractDefinition[] = [OrganizationRegistered, ApplicationSubmitted, AnnualReportOverdue];

/** Registration's topics, with explicit partition counts. */
export const REGISTRATION_TOPICS: { topic: string; partitions: number }[] = [
  { topic: 'registration.organization.v1', partitions: 6 },
  { topic: 'registration.application.v1', partitions: 3 },
  { topic: 'registration.annual-report.v1', partitions: 3 },
];
