import { randomBytes } from 'node:crypto';

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run this suite through its jest integration config (global setup provides it)`);
  return value;
}

/** A fresh MySQL database name for one suite; the "test" in it is a guard against pointing at real data. */
export function testDatabaseName(purpose: string): string {
  const name = `sop_test_${purpose.replace(/[^a-z0-9]/gi, '_').toLowerCase()}_${randomBytes(3).toString('hex')}`;
  if (!name.includes('test')) throw new Error('test database names must contain "test"');
  return name;
}

/** A MySQL DbConfig (structurally the persistence library's; the testing library depends on nothing). */
export interface TestMysqlConfig {
  type: 'mysql';
  host: string;
  port: number;
  username: string;
  password: string;
  database: string;
}

export function testMysqlConfig(purpose: string): TestMysqlConfig {
  return {
    type: 'mysql',
    host: required('TEST_DB_HOST'),
    port: Number(process.env['TEST_DB_PORT'] ?? 3306),
    username: process.env['TEST_DB_USER'] ?? 'root',
    password: process.env['TEST_DB_PASSWORD'] ?? '',
    database: testDatabaseName(purpose),
  };
}

export function testKafkaBrokers(): string[] {
  return required('TEST_KAFKA_BROKERS').split(',');
}

export function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
}

/** Polls until `probe` returns a value other than undefined/false, or fails after `timeoutMs`. */
export async function waitFor<T>(probe: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs = 20000, what = 'condition'): Promise<T> {
  const until = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < until) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value as T;
    } catch (err) {
      lastError = err;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${lastError ? `: ${(lastError as Error).message}` : ''}`);
}
