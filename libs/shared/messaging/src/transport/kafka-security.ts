import { readFileSync } from 'node:fs';
import type { SASLOptions } from 'kafkajs';

/** TLS and SASL for kafkajs, as KafkaTransportOptions and readTopicMessagesToEnd take them. */
export interface KafkaSecurity {
  ssl?: boolean | { ca?: string[]; rejectUnauthorized?: boolean };
  sasl?: SASLOptions;
}

export class KafkaSecurityConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Kafka security configuration: ${problems.join('; ')}`);
  }
}

const MECHANISMS = ['scram-sha-256', 'scram-sha-512', 'plain'] as const;
type Mechanism = (typeof MECHANISMS)[number];

/**
 * The broker connection's security from the environment (each service connects with its own principal):
 *  - KAFKA_SSL=true|false: TLS to the brokers; KAFKA_SSL_CA_FILE: a PEM CA bundle to trust (else the system's);
 *    KAFKA_SSL_REJECT_UNAUTHORIZED=false only for a test broker with a self-signed certificate.
 *  - KAFKA_SASL_MECHANISM=scram-sha-256|scram-sha-512|plain with KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD or
 *    KAFKA_SASL_PASSWORD_FILE (a mounted secret; one trailing newline is dropped). PLAIN only over TLS.
 * Nothing set: plaintext without authentication (the local broker). Every problem is reported at once, naming the
 * variable and the rule, before anything connects.
 */
export function kafkaSecurityFromEnv(env: NodeJS.ProcessEnv, readFile: (path: string) => string = (p) => readFileSync(p, 'utf8')): KafkaSecurity {
  const problems: string[] = [];
  const value = (name: string) => {
    const v = env[name]?.trim();
    return v === undefined || v === '' ? undefined : v;
  };
  const bool = (name: string): boolean | undefined => {
    const v = value(name)?.toLowerCase();
    if (v === undefined) return undefined;
    if (v === 'true' || v === '1') return true;
    if (v === 'false' || v === '0') return false;
    problems.push(`${name} must be true or false, not ${env[name]}`);
    return undefined;
  };
  const file = (name: string): string | undefined => {
    const path = value(name);
    if (path === undefined) return undefined;
    try {
      return readFile(path);
    } catch (err) {
      problems.push(`${name}: cannot read ${path} (${(err as Error).message})`);
      return undefined;
    }
  };

  const security: KafkaSecurity = {};
  const tls = bool('KAFKA_SSL') ?? false;
  const ca = file('KAFKA_SSL_CA_FILE');
  const rejectUnauthorized = bool('KAFKA_SSL_REJECT_UNAUTHORIZED');
  if (!tls && (ca !== undefined || rejectUnauthorized !== undefined)) problems.push('KAFKA_SSL_CA_FILE and KAFKA_SSL_REJECT_UNAUTHORIZED need KAFKA_SSL=true');
  if (tls) security.ssl = ca === undefined && rejectUnauthorized === undefined ? true : { ...(ca ? { ca: [ca] } : {}), ...(rejectUnauthorized === false ? { rejectUnauthorized: false } : {}) };

  const mechanism = value('KAFKA_SASL_MECHANISM')?.toLowerCase();
  const username = value('KAFKA_SASL_USERNAME');
  const passwordGiven = value('KAFKA_SASL_PASSWORD');
  const passwordFile = value('KAFKA_SASL_PASSWORD_FILE');
  if (mechanism === undefined) {
    if (username || passwordGiven || passwordFile) problems.push('KAFKA_SASL_USERNAME/KAFKA_SASL_PASSWORD(_FILE) need KAFKA_SASL_MECHANISM (scram-sha-256, scram-sha-512 or plain)');
  } else if (!MECHANISMS.includes(mechanism as Mechanism)) {
    problems.push(`KAFKA_SASL_MECHANISM must be one of ${MECHANISMS.join(', ')}, not ${env['KAFKA_SASL_MECHANISM']}`);
  } else {
    if (!username) problems.push(`KAFKA_SASL_USERNAME is required with KAFKA_SASL_MECHANISM=${mechanism}`);
    if (passwordGiven && passwordFile) problems.push('give KAFKA_SASL_PASSWORD or KAFKA_SASL_PASSWORD_FILE, not both');
    const password = passwordGiven ?? file('KAFKA_SASL_PASSWORD_FILE')?.replace(/\r?\n$/, '');
    if (!password && !(passwordGiven && passwordFile)) problems.push(`KAFKA_SASL_PASSWORD or KAFKA_SASL_PASSWORD_FILE is required with KAFKA_SASL_MECHANISM=${mechanism}`);
    if (mechanism === 'plain' && !tls) problems.push('KAFKA_SASL_MECHANISM=plain sends the password in clear: it needs KAFKA_SSL=true');
    if (username && password) security.sasl = { mechanism: mechanism as Mechanism, username, password } as SASLOptions;
  }
  if (problems.length > 0) throw new KafkaSecurityConfigError(problems);
  return security;
}
