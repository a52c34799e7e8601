import { auditContractsFor } from './audit-events.v1';

export * from './audit-events.v1';

/** Each service's audit contracts (checkpoints and signing keys), by CloudEvents source. */
export const AUDIT_CONTRACTS = {
  registration: auditContractsFor('registration'),
  'credit-supervision': auditContractsFor('credit'),
  evaluation: auditContractsFor('evaluation'),
  'service-purchasing': auditContractsFor('purchasing'),
};

/** One partition each: a producer's checkpoints and keys are read in the order it wrote them. */
export const AUDIT_TOPICS: { topic: string; partitions: number }[] = ['registration', 'credit', 'evaluation', 'purchasing'].map((p) => ({
  topic: `${p}.audit.v1`,
  partitions: 1,
}));
