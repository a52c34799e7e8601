import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { InboxMessageOrmEntity, MessagingTables1732500000000, OutboxMessageOrmEntity } from '@sop/messaging';
import { createDataSource, dropDatabase, ensureDatabase, type DbConfig } from '@sop/persistence';
import { testMysqlConfig } from '@sop/testing';
import { REGISTRATION_MIGRATIONS } from './infrastructure/migrations/registration.migrations';
import { AnnualReportCycleOrmEntity, ApplicationOrmEntity, PolicyVersionOrmEntity, REGISTRATION_ENTITIES } from './infrastructure/registration.orm-entities';

const BEFORE = [MessagingTables1732500000000, ...REGISTRATION_MIGRATIONS.filter((m) => m.name !== 'CivilTime1732700000100')];
const AFTER = [MessagingTables1732500000000, ...REGISTRATION_MIGRATIONS];
const ENTITIES = [OutboxMessageOrmEntity, InboxMessageOrmEntity, ...REGISTRATION_ENTITIES];

/** Upgrading a database recorded in UTC dates to Beijing civil dates (MySQL and SQLite). */
describe.each([
  ['MySQL', () => testMysqlConfig('registration_civil_time')],
  ['SQLite', (): DbConfig => ({ type: 'sqlite', path: join(mkdtempSync(join(tmpdir(), 'reg-civil-')), 'registration.sqlite') })],
])('registration migration 1732700000100 (civil time) on an existing %s database', (_name, config) => {
  const db = config();
  let ds: DataSource | undefined;
  afterAll(async () => {
    await ds?.destroy();
    await dropDatabase(db);
  });

  it('starts rule sets at 00:00 Beijing time and recomputes pending decision deadlines by the Civil Code; decided ones stay', async () => {
    await ensureDatabase(db);
    const old = createDataSource(db, ENTITIES, BEFORE);
    await old.initialize();
    await old.runMigrations();
    await old.query(
      `INSERT INTO registration_policy_version (rule_set_id, version, jurisdiction, effective_from, published_by, published_at, note) VALUES ('registration-regime/110000', 1, '110000', ?, 'r', ?, NULL)`,
      ['2027-01-01 00:00:00.000000', '2026-11-01 00:00:00.000000'],
    );
    const application = (id: string, status: string, submittedAt: string, decisionDueBy: string) =>
      old.query(
        `INSERT INTO registration_application (id, proposed_name, form, category, registering_authority, domicile, purpose, legal_representative_name, registered_capital_fen, regime,
          policy_version, status, submitted_by, submitted_at, decision_due_by, consent_status)
         VALUES (?, ?, 'SOCIAL_GROUP', 'SCIENCE_TECHNOLOGY', '110108', 'd', 'p', '张三', 3000000, 'DIRECT', 'v', ?, 's', ?, ?, 'NOT_REQUIRED')`,
        [id, `北京市海淀区${id.slice(-1)}协会`, status, submittedAt, decisionDueBy],
      );
    // Submitted 10:00 Beijing on 2 March 2026, old deadline = +60 × 24 h; the Civil Code's: 6 May (after Labour Day), 24:00 Beijing.
    await application('00000000-0000-4000-8000-000000000001', 'SUBMITTED', '2026-03-02 02:00:00.000000', '2026-05-01 02:00:00.000000');
    await application('00000000-0000-4000-8000-000000000002', 'APPROVED', '2026-03-02 02:00:00.000000', '2026-05-01 02:00:00.000000');
    await old.destroy();

    ds = createDataSource(db, ENTITIES, AFTER);
    await ds.initialize();
    expect((await ds.runMigrations()).map((m) => m.name)).toEqual(['CivilTime1732700000100']);
    const versions = await ds.getRepository(PolicyVersionOrmEntity).find({ order: { ruleSetId: 'ASC' } });
    expect(versions.map((v) => [v.ruleSetId, v.effectiveFrom.toISOString()])).toEqual([
      ['registration-regime/110000', '2026-12-31T16:00:00.000Z'],
      ['registration-regime/national-default', '2013-03-13T16:00:00.000Z'],
    ]);
    expect((await ds.getRepository(AnnualReportCycleOrmEntity).find()).map((c) => c.effectiveFrom.toISOString())).toEqual(['2015-12-31T16:00:00.000Z', '2015-12-31T16:00:00.000Z']);
    const apps = ds.getRepository(ApplicationOrmEntity);
    expect(await apps.findOneByOrFail({ id: '00000000-0000-4000-8000-000000000001' })).toMatchObject({
      decisionDueBy: new Date('2026-05-06T16:00:00.000Z'),
      decisionDueCalendarVersion: 'cn-official-holidays@v1',
    });
    expect(await apps.findOneByOrFail({ id: '00000000-0000-4000-8000-000000000002' })).toMatchObject({ decisionDueBy: new Date('2026-05-01T02:00:00.000Z'), decisionDueCalendarVersion: null });

    await ds.undoLastMigration();
    expect(await ds.query("SELECT status FROM registration_application WHERE id = '00000000-0000-4000-8000-000000000001'")).toEqual([{ status: 'SUBMITTED' }]);
  });
});
