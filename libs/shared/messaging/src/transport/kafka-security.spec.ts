import type * as kafkajs from 'kafkajs';
import { KafkaSecurityConfigError, kafkaSecurityFromEnv } from './kafka-security';
import { KafkaTransport } from './kafka.transport';

const files: Record<string, string> = { '/run/secrets/kafka-password': 's3cret\n', '/etc/kafka/ca.pem': '-----BEGIN CERTIFICATE-----\nCA\n-----END CERTIFICATE-----\n' };
const readFile = (path: string) => {
  if (!(path in files)) throw new Error('ENOENT: no such file');
  return files[path];
};
const map = (env: Record<string, string>) => kafkaSecurityFromEnv(env, readFile);
const problems = (env: Record<string, string>) => {
  try {
    map(env);
  } catch (err) {
    if (err instanceof KafkaSecurityConfigError) return err.problems;
    throw err;
  }
  throw new Error('no problem reported');
};

describe('Kafka TLS and SASL from the environment', () => {
  it('is plaintext without authentication when nothing is set', () => {
    expect(map({})).toEqual({});
    expect(map({ KAFKA_SSL: 'false' })).toEqual({});
  });

  it('maps TLS, with a CA file or a self-signed test broker', () => {
    expect(map({ KAFKA_SSL: 'true' })).toEqual({ ssl: true });
    expect(map({ KAFKA_SSL: 'TRUE', KAFKA_SSL_CA_FILE: '/etc/kafka/ca.pem' })).toEqual({ ssl: { ca: [files['/etc/kafka/ca.pem']] } });
    expect(map({ KAFKA_SSL: '1', KAFKA_SSL_REJECT_UNAUTHORIZED: 'false' })).toEqual({ ssl: { rejectUnauthorized: false } });
  });

  it('maps SASL/SCRAM with the password given or read from a secret file (trailing newline dropped)', () => {
    expect(map({ KAFKA_SSL: 'true', KAFKA_SASL_MECHANISM: 'SCRAM-SHA-512', KAFKA_SASL_USERNAME: 'svc-credit', KAFKA_SASL_PASSWORD: 'pw' })).toEqual({
      ssl: true,
      sasl: { mechanism: 'scram-sha-512', username: 'svc-credit', password: 'pw' },
    });
    expect(map({ KAFKA_SASL_MECHANISM: 'scram-sha-256', KAFKA_SASL_USERNAME: 'svc-registration', KAFKA_SASL_PASSWORD_FILE: '/run/secrets/kafka-password' })).toEqual({
      sasl: { mechanism: 'scram-sha-256', username: 'svc-registration', password: 's3cret' },
    });
  });

  it.each([
    [{ KAFKA_SSL: 'yes' }, 'KAFKA_SSL must be true or false, not yes'],
    [{ KAFKA_SSL_CA_FILE: '/etc/kafka/ca.pem' }, 'KAFKA_SSL_CA_FILE and KAFKA_SSL_REJECT_UNAUTHORIZED need KAFKA_SSL=true'],
    [{ KAFKA_SSL: 'true', KAFKA_SSL_CA_FILE: '/nowhere.pem' }, 'KAFKA_SSL_CA_FILE: cannot read /nowhere.pem (ENOENT: no such file)'],
    [{ KAFKA_SASL_MECHANISM: 'gssapi', KAFKA_SASL_USERNAME: 'u', KAFKA_SASL_PASSWORD: 'p' }, 'KAFKA_SASL_MECHANISM must be one of scram-sha-256, scram-sha-512, plain, not gssapi'],
    [{ KAFKA_SASL_MECHANISM: 'scram-sha-256', KAFKA_SASL_PASSWORD: 'p' }, 'KAFKA_SASL_USERNAME is required with KAFKA_SASL_MECHANISM=scram-sha-256'],
    [{ KAFKA_SASL_MECHANISM: 'scram-sha-256', KAFKA_SASL_USERNAME: 'u' }, 'KAFKA_SASL_PASSWORD or KAFKA_SASL_PASSWORD_FILE is required with KAFKA_SASL_MECHANISM=scram-sha-256'],
    [{ KAFKA_SASL_MECHANISM: 'scram-sha-256', KAFKA_SASL_USERNAME: 'u', KAFKA_SASL_PASSWORD: 'p', KAFKA_SASL_PASSWORD_FILE: '/run/secrets/kafka-password' }, 'give KAFKA_SASL_PASSWORD or KAFKA_SASL_PASSWORD_FILE, not both'],
    [{ KAFKA_SASL_USERNAME: 'u', KAFKA_SASL_PASSWORD: 'p' }, 'KAFKA_SASL_USERNAME/KAFKA_SASL_PASSWORD(_FILE) need KAFKA_SASL_MECHANISM (scram-sha-256, scram-sha-512 or plain)'],
    [{ KAFKA_SASL_MECHANISM: 'plain', KAFKA_SASL_USERNAME: 'u', KAFKA_SASL_PASSWORD: 'p' }, 'KAFKA_SASL_MECHANISM=plain sends the password in clear: it needs KAFKA_SSL=true'],
  ])('refuses %j, naming the variable and the rule', (env, problem) => {
    expect(problems(env)).toContain(problem);
  });

  it('reports every problem at once', () => {
    expect(problems({ KAFKA_SSL: 'maybe', KAFKA_SASL_MECHANISM: 'scram-sha-512' })).toHaveLength(3);
  });

  it('hands TLS and SASL to kafkajs', () => {
    // The module object the transport calls `new Kafka(...)` on (a namespace import would only hold getters).
    const Kafka = jest.spyOn(require('kafkajs') as typeof kafkajs, 'Kafka').mockImplementation(() => ({}) as kafkajs.Kafka);
    const security = map({ KAFKA_SSL: 'true', KAFKA_SASL_MECHANISM: 'scram-sha-512', KAFKA_SASL_USERNAME: 'svc-credit', KAFKA_SASL_PASSWORD: 'pw' });
    new KafkaTransport({ brokers: ['kafka-1:9093'], clientId: 'credit-1', ...security });
    expect(Kafka).toHaveBeenCalledWith(expect.objectContaining({ brokers: ['kafka-1:9093'], ssl: true, sasl: { mechanism: 'scram-sha-512', username: 'svc-credit', password: 'pw' } }));
    new KafkaTransport({ brokers: ['localhost:9092'], clientId: 'dev' });
    expect(Kafka.mock.calls[1][0]).not.toHaveProperty('ssl');
    expect(Kafka.mock.calls[1][0]).not.toHaveProperty('sasl');
    Kafka.mockRestore();
  });
});
