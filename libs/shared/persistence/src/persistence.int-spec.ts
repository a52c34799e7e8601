import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn, Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { testMysqlConfig } from '@sop/testing';
import { Columns, DATETIME6, bigintAsString } from './column-types';
import { createDataSource, dropDatabase, ensureDatabase } from './data-source.factory';
import type { DbConfig } from './db-config';
import { runInTransaction } from './transactions';

@Entity({ name: 'sample_fact' })
class SampleFact {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id: string;
  @Column({ type: 'varchar', length: 18 }) uscc: string;
  @Column({ type: 'bigint', transformer: bigintAsString }) amountFen: string;
  @Column({ ...DATETIME6 }) occurredAt: Date;
  @Column({ type: 'text' }) note: string;
}

@Entity({ name: 'sample_key' })
class SampleKey {
  @PrimaryColumn({ type: 'varchar', length: 10 }) code: string;
}

class SampleMigration1700000000001 implements MigrationInterface {
  name = 'SampleMigration1700000000001';
  async up(q: QueryRunner) {
    const c = new Columns(q);
    await q.createTable(new Table({ name: 'sample_fact', columns: [c.serial(), c.char('uscc', 18), c.bigint('amount_fen'), c.datetime('occurred_at'), c.text('note')] }));
    await q.createTable(new Table({ name: 'sample_key', columns: [c.varchar('code', 10, { isPrimary: true })] }));
  }
  async down(q: QueryRunner) {
    await q.dropTable('sample_key');
    await q.dropTable('sample_fact');
  }
}

/** The same explicit migration and the same entity on MySQL/MariaDB and SQLite, with the shared settings. */
describe.each<[string, () => DbConfig]>([
  ['mysql/mariadb', () => testMysqlConfig('persistence')],
  ['sqlite', () => ({ type: 'sqlite', path: ':memory:' })],
])('persistence on %s', (_name, makeConfig) => {
  const config = makeConfig();
  const ds = createDataSource(config, [SampleFact, SampleKey], [SampleMigration1700000000001]);

  beforeAll(async () => {
    await ensureDatabase(config);
    await ds.initialize();
    expect((await ds.runMigrations()).map((m) => m.name)).toEqual(['SampleMigration1700000000001']);
  });
  afterAll(async () => {
    await ds.destroy();
    await dropDatabase(config);
  });

  it('runs each migration once', async () => {
    expect(await ds.runMigrations()).toEqual([]);
  });

  it('round-trips UTC instants with millisecond precision and bigint money as strings', async () => {
    const occurredAt = new Date('2026-03-31T23:59:59.123Z');
    // MySQL returns BIGINT as a string (2^53 + 1 survives). SQLite returns JS numbers, so the embedded mode
    // is exact up to Number.MAX_SAFE_INTEGER fen (about 90 trillion yuan): enough for money, said in the README.
    const big = config.type === 'mysql' ? '9007199254740993' : String(Number.MAX_SAFE_INTEGER);
    await ds.getRepository(SampleFact).insert({ uscc: '53100000500019795A', amountFen: big, occurredAt, note: '中文 ✓' });
    const row = await ds.getRepository(SampleFact).findOneByOrFail({ uscc: '53100000500019795A' });
    expect(row.occurredAt.toISOString()).toBe(occurredAt.toISOString());
    expect(row.amountFen).toBe(big);
    expect(row.note).toBe('中文 ✓');
  });

  it('rolls a failed transaction back completely', async () => {
    await expect(
      runInTransaction(ds, async (m) => {
        await m.insert(SampleKey, { code: 'a' });
        await m.insert(SampleKey, { code: 'a' }); // duplicate key
      }),
    ).rejects.toBeDefined();
    expect(await ds.getRepository(SampleKey).count()).toBe(0);
  });

  it('serializes concurrent transactions safely', async () => {
    await Promise.all(Array.from({ length: 20 }, (_, i) => runInTransaction(ds, (m) => m.insert(SampleKey, { code: `k${i}` }))));
    expect(await ds.getRepository(SampleKey).count()).toBe(20);
  });
});
