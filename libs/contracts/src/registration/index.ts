import type { EventContractDefinition } from '../shared/contract-types';
import { AnnualReportOverdue } from './annual-report-overdue.v1';
import { CalendarYearPublished } from './calendar-year-published.v1';
import { AnnualReportReviewed, AnnualReportSubmitted } from './annual-report-submitted.v1';
import { ApplicationConsentGiven, ApplicationConsentRefused, ApplicationRefused, ApplicationRerouted } from './application-decisions.v1';
import { ApplicationSubmitted } from './application-submitted.v1';
import { OrganizationRegistered } from './organization-registered.v1';
import { OrganizationChanged, OrganizationChangeRevoked, OrganizationDeregistered, OrganizationRevoked } from './organization-lifecycle.v1';
import { PartyOrganizationOverdue, PartyOrganizationRecorded } from './party-organization.v1';
import { RegimeChanged, RegistrationPolicyPublished } from './registration-policy.v1';
import { SupervisionConvertedToGuidance } from './supervision-converted-to-guidance.v1';

export * from './organization-registered.v1';
export * from './application-submitted.v1';
export * from './annual-report-overdue.v1';
export * from './annual-report-submitted.v1';
export * from './application-decisions.v1';
export * from './registration-policy.v1';
export * from './supervision-converted-to-guidance.v1';
export * from './organization-lifecycle.v1';
export * from './calendar-year-published.v1';
export * from './party-organization.v1';

/** Event types the registration service publishes. */
export const REGISTRATION_CONTRACTS: EventContractDefinition[] = [
  OrganizationRegistered,
  ApplicationSubmitted,
  AnnualReportOverdue,
  AnnualReportSubmitted,
  AnnualReportReviewed,
  ApplicationConsentGiven,
  ApplicationConsentRefused,
  ApplicationRefused,
  ApplicationRerouted,
  RegistrationPolicyPublished,
  RegimeChanged,
  SupervisionConvertedToGuidance,
  OrganizationChanged,
  OrganizationDeregistered,
  OrganizationRevoked,
  OrganizationChangeRevoked,
  CalendarYearPublished,
  PartyOrganizationRecorded,
  PartyOrganizationOverdue,
];

/** Registration's topics, with explicit partition counts. */
export const REGISTRATION_TOPICS: { topic: string; partitions: number }[] = [
  { topic: 'registration.organization.v1', partitions: 6 },
  { topic: 'registration.application.v1', partitions: 3 },
  { topic: 'registration.annual-report.v1', partitions: 3 },
  { topic: 'registration.policy.v1', partitions: 1 },
  { topic: 'registration.calendar.v1', partitions: 1 },
  { topic: 'registration.party-organization.v1', partitions: 3 },
];
