import { randomBytes } from 'node:crypto';
import { startServiceContext } from '@sop/http';
import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { allTopicSpecs } from '@sop/contracts';
import { KafkaTransport } from '@sop/messaging';
import { dropDatabase } from '@sop/persistence';
import { testKafkaBrokers, testMysqlConfig, uniqueName } from '@sop/testing';
import { MovableClock } from '@sop/util';
import { RegistrationModule } from '../registration.module';

/**
 * The registration service on real MySQL/MariaDB and Kafka for an integration suite: its own database, a fresh
 * PII key, the scheduler off (tests call it), a movable clock. Call inside a `describe`: it registers the suite's
 * beforeAll / afterAll; `app` and `ds` are set once beforeAll has run.
 */
export function registrationOnMysqlAndKafka(purpose: string, start: string) {
  const db = testMysqlConfig(purpose);
  const transport = new KafkaTransport({ brokers: testKafkaBrokers(), clientId: uniqueName(purpose.replace(/_/g, '-')) });
  const clock = new MovableClock(new Date(start));
  const f = {
    db,
    transport,
    clock,
    app: undefined as unknown as INestApplicationContext,
    ds: undefined as unknown as DataSource,
  };

  beforeAll(async () => {
    process.env['REGISTRATION_PII_KEY'] = randomBytes(32).toString('base64');
    process.env['REGISTRATION_SCHEDULER_INTERVAL_MS'] = '0';
    await transport.ensureTopics(allTopicSpecs());
    f.app = await startServiceContext([RegistrationModule.register({ db, transport, clock, migrateOnStart: true, createDatabase: true })]);
    f.ds = f.app.get(DataSource);
  });

  afterAll(async () => {
    await f.app?.close();
    await transport.close();
    await dropDatabase(db);
  });

  return f;
}
