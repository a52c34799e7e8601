import { auditContractsFor } from './audit-events.v1';
import { CREDIT_LISTS_REBUILDER } from './rebuild-credit-lists';
import { GRADES_REBUILDER } from './rebuild-grades';

export * from './audit-events.v1';
export * from './rebuild.types';
export * from './rebuild-grades';
export * from './rebuild-credit-lists';

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

/** The auditor's rebuilds (`npm run audit:verify -- --rebuild <name>`): state from the topics alone vs the services' answers. */
export const AUDIT_REBUILDERS = { grades: GRADES_REBUILDER, 'credit-lists': CREDIT_LISTS_REBUILDER };
