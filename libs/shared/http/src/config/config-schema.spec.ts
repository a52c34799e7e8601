import { assertConfiguration, configurationProblems, InvalidConfigurationError } from './config-schema';
import { databaseConfig, hostConfig, kafkaConfig, messagingConfig } from './platform.config';

describe('configuration schemas', () => {
  const schemas = [hostConfig, kafkaConfig, databaseConfig];

  it('lists every problem at once, naming the variable, the rule and what was given', () => {
    const env = { LOG_LEVEL: 'loud', PORT: '70000', DB_PORT: 'x', DB_MIGRATE_ON_START: 'yes' };
    const problems = configurationProblems(schemas, env);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^LOG_LEVEL: .*one of the following values.* \(got "loud"\)$/),
        expect.stringMatching(/^PORT: .*not be greater than 65535/),
        expect.stringMatching(/^KAFKA_BROKERS: .*host:port.* \(not set\)$/),
        expect.stringMatching(/^DB_HOST: DB_HOST is required/),
        expect.stringMatching(/^DB_PORT: /),
        expect.stringMatching(/^DB_MIGRATE_ON_START: .*boolean/),
      ]),
    );
    expect(() => assertConfiguration(schemas, env)).toThrow(InvalidConfigurationError);
    try {
      assertConfiguration(schemas, env);
    } catch (err) {
      expect((err as InvalidConfigurationError).message).toContain(`invalid configuration (${problems.length} problems)`);
    }
  });

  it('gives typed values with defaults; an empty variable counts as not set', () => {
    const env = { KAFKA_BROKERS: 'kafka:9092,kafka-2:9092', DB_HOST: 'mysql', DB_PORT: '3307', DB_MIGRATE_ON_START: 'FALSE', PORT: '', DB_NAME: '' };
    expect(configurationProblems(schemas, env)).toEqual([]);
    expect(databaseConfig.load(env)).toMatchObject({ DB_TYPE: 'mysql', DB_HOST: 'mysql', DB_PORT: 3307, DB_USER: 'root', DB_MIGRATE_ON_START: false, DB_CREATE_DATABASE: true });
    expect(databaseConfig.load(env).DB_NAME).toBeUndefined();
    expect(hostConfig.load(env)).toMatchObject({ HOST: '0.0.0.0', LOG_LEVEL: 'log', DATA_DIR: './data' });
    expect(hostConfig.load(env).PORT).toBeUndefined();
    expect(kafkaConfig.load(env)).toMatchObject({ KAFKA_BROKERS: 'kafka:9092,kafka-2:9092', KAFKA_REPLICATION_FACTOR: 1 });
  });

  it('messaging housekeeping: defaults, and an inbox (the dedup window) no shorter than the broker keeps events', () => {
    expect(messagingConfig.load({})).toMatchObject({ MESSAGING_OUTBOX_RETENTION_DAYS: 7, MESSAGING_INBOX_RETENTION_DAYS: 30, MESSAGING_BUS_RETENTION_DAYS: 7, RELAY_MAX_BATCH_BYTES: 1_048_576 });
    expect(messagingConfig.problems({ MESSAGING_INBOX_RETENTION_DAYS: '7' })).toEqual([expect.stringMatching(/^MESSAGING_INBOX_RETENTION_DAYS: .*exceed the broker retention/)]);
    expect(messagingConfig.load({ RELAY_MAX_BATCH_BYTES: '4000000' }).RELAY_MAX_BATCH_BYTES).toBe(4_000_000);
  });

  it('signed checkpoints: every 1,000 events or 5 minutes by default; distributed mode needs the signing key', () => {
    expect(messagingConfig.load({})).toMatchObject({ MESSAGING_CHECKPOINT_EVERY_EVENTS: 1000, MESSAGING_CHECKPOINT_EVERY_MINUTES: 5 });
    expect(messagingConfig.problems({ MESSAGING_CHECKPOINT_EVERY_EVENTS: '0' })).toEqual([expect.stringMatching(/^MESSAGING_CHECKPOINT_EVERY_EVENTS/)]);
    expect(messagingConfig.problems({ KAFKA_BROKERS: 'kafka:9092' })).toEqual([expect.stringMatching(/^MESSAGING_CHECKPOINT_KEY or MESSAGING_CHECKPOINT_KEY_FILE/)]);
    expect(messagingConfig.problems({ KAFKA_BROKERS: 'kafka:9092', MESSAGING_CHECKPOINT_KEY_FILE: '/run/secrets/key' })).toEqual([]);
  });

  it('does not need a database host for SQLite', () => {
    expect(databaseConfig.problems({ DB_TYPE: 'sqlite' })).toEqual([]);
  });
});
