import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { InboxMessageOrmEntity, MessagingTables1732500000000, OutboxMessageOrmEntity, type Tx } from '@sop/messaging';
import { createDataSource, dropDatabase, ensureDatabase, type DbConfig } from '@sop/persistence';
import { testMysqlConfig } from '@sop/testing';
import { RegistrationSkeleton1732500000100 } from './infrastructure/migrations/1732500000100-registration-skeleton.migration';
import { RegistrationPolicyAndConsent1732600000100 } from './infrastructure/migrations/1732600000100-registration-policy-and-consent.migration';
import { AnnualReports1732600000200 } from './infrastructure/migrations/1732600000200-annual-reports.migration';
import { OrganizationHistory1732600000300 } from './infrastructure/migrations/1732600000300-organization-history.migration';
import { LegalRepresentativeChanges1732600000400 } from './infrastructure/migrations/1732600000400-legal-representative-changes.migration';
import { AnnualReportDueDatesPerForm1732600000500 } from './infrastructure/migrations/1732600000500-annual-report-due-dates-per-form.migration';
import { REGISTRATION_ENTITIES } from './infrastructure/registration.orm-entities';
import { TypeOrmAnnualReportStore } from './infrastructure/annual-reports/typeorm-annual-report.store';
import { TypeOrmPersonalDataStore } from './infrastructure/personal-data/typeorm-personal-data.store';

const BEFORE = [MessagingTables1732500000000, RegistrationSkeleton1732500000100, RegistrationPolicyAndConsent1732600000100, AnnualReports1732600000200, OrganizationHistory1732600000300];
const AFTER = [...BEFORE, LegalRepresentativeChanges1732600000400, AnnualReportDueDatesPerForm1732600000500];
const ENTITIES = [OutboxMessageOrmEntity, InboxMessageOrmEntity, ...REGISTRATION_ENTITIES];

/** Upgrading a database created before legal-representative changes and per-form due dates (MySQL and SQLite). */
describe.each([
  ['MySQL', () => testMysqlConfig('registration_upgrade')],
  ['SQLite', (): DbConfig => ({ type: 'sqlite', path: join(mkdtempSync(join(tmpdir(), 'reg-upgrade-')), 'registration.sqlite') })],
])('registration migrations 400-500 on an existing %s database', (_name, config) => {
  const db = config();
  let ds: DataSource | undefined;
  afterAll(async () => {
    await ds?.destroy();
    await dropDatabase(db);
  });

  it('keeps existing legal representatives current and the first annual-report cycle version readable; reverts cleanly', async () => {
    await ensureDatabase(db);
    const old = createDataSource(db, ENTITIES, BEFORE);
    await old.initialize();
    await old.runMigrations();
    const at = '2025-03-01 08:00:00.000000';
    await old.query(
      `INSERT INTO registration_application (id, proposed_name, form, category, registering_authority, domicile, purpose, legal_representative_name, registered_capital_fen, regime,
        policy_version, status, submitted_by, submitted_at, decision_due_by, decided_at, decided_by, uscc, consent_status)
       VALUES ('00000000-0000-4000-8000-000000000001', '北京市海淀区甲协会', 'SOCIAL_GROUP', 'SCIENCE_TECHNOLOGY', '110108', 'd', 'p', '张三', 3000000, 'DIRECT', 'v', 'APPROVED', 's', ?, ?, ?, 'r', '51110108MJ0000018Q', 'NOT_REQUIRED')`,
      [at, at, at],
    );
    await old.query(
      `INSERT INTO registration_personal_data (application_id, person_role, position, name, title, id_number_cipher, id_number_index)
       VALUES ('00000000-0000-4000-8000-000000000001', 'LEGAL_REPRESENTATIVE', 0, '张三', NULL, 'v1.k.iv.tag.ct', 'index-zhangsan')`,
    );
    await old.destroy();

    ds = createDataSource(db, ENTITIES, AFTER);
    await ds.initialize();
    expect((await ds.runMigrations()).map((m) => m.name)).toEqual(['LegalRepresentativeChanges1732600000400', 'AnnualReportDueDatesPerForm1732600000500']);
    const store = new TypeOrmPersonalDataStore(ds);
    const tx = { manager: ds.manager } as unknown as Tx;
    expect(await store.findPersonalData('00000000-0000-4000-8000-000000000001')).toEqual([
      expect.objectContaining({ name: '张三', idNumberIndex: 'index-zhangsan', uscc: null, effectiveFrom: null, supersededAt: null }),
    ]);
    expect(await store.legalRepresentativeOfSocialGroup(tx, 'index-zhangsan')).toBe(true);
    const cycles = await new TypeOrmAnnualReportStore(ds).cycles();
    expect(cycles.map((c) => [c.version, c.dueDates.length])).toEqual([
      [1, 0],
      [2, 3],
    ]);

    await ds.undoLastMigration();
    await ds.undoLastMigration();
    expect((await ds.query("SELECT version FROM annual_report_cycle WHERE rule_set_id = 'annual-report-cycle/national-default'")).map((r: { version: number }) => Number(r.version))).toEqual([1]);
    expect(await ds.query('SELECT name FROM registration_personal_data')).toEqual([{ name: '张三' }]);
  });
});
