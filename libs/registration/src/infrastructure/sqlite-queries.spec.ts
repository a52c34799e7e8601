import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { OutboxMessageOrmEntity, InboxMessageOrmEntity, MessagingTables1732500000000, type Tx } from '@sop/messaging';
import { createDataSource } from '@sop/persistence';
import { REGISTRATION_MIGRATIONS } from './migrations/registration.migrations';
import { ApplicationOrmEntity, OrganizationOrmEntity, REGISTRATION_ENTITIES } from './registration.orm-entities';
import { TypeOrmApplicationStore } from './applications/typeorm-application.store';
import { TypeOrmAnnualReportStore } from './annual-reports/typeorm-annual-report.store';
import { TypeOrmPolicyStore } from './policy/typeorm-policy.store';

/** The embedded mode runs on SQLite: the time-range queries must compare instants there too. */
describe('registration queries on SQLite', () => {
  let ds: DataSource;
  beforeAll(async () => {
    ds = createDataSource({ type: 'sqlite', path: join(mkdtempSync(join(tmpdir(), 'reg-sqlite-')), 'registration.sqlite') }, [OutboxMessageOrmEntity, InboxMessageOrmEntity, ...REGISTRATION_ENTITIES], [
      MessagingTables1732500000000,
      ...REGISTRATION_MIGRATIONS,
    ]);
    await ds.initialize();
    await ds.runMigrations();
  });
  afterAll(() => ds.destroy());

  it('seeds policy and cycle, and selects applications and overdue candidates by instant', async () => {
    const store = new TypeOrmApplicationStore(ds);
    expect((await new TypeOrmPolicyStore(ds).policyVersions(null)).map((v) => `${v.ruleSetId}@v${v.version}:${v.effectiveFrom.toISOString()}`)).toEqual([
      'registration-regime/national-default@v1:2013-03-13T16:00:00.000Z', // 14 March 2013, 00:00 Beijing time (migration 1732700000100)
    ]);
    const reports = new TypeOrmAnnualReportStore(ds);
    const cycles = await reports.cycles();
    expect(cycles[0]).toMatchObject({ version: 1, dueMonth: 5, dueDay: 31, effectiveFrom: new Date('2015-12-31T16:00:00Z'), dueDates: [] });
    expect(cycles[1]).toMatchObject({ version: 2, effectiveFrom: new Date('2015-12-31T16:00:00Z') });
    expect(Object.fromEntries(cycles[1].dueDates.map((d) => [d.form, `${d.dueMonth}-${d.dueDay}`]))).toEqual({ FOUNDATION: '3-31', SOCIAL_GROUP: '5-31', SOCIAL_SERVICE_ORGANIZATION: '5-31' });

    const at = new Date('2025-03-01T08:00:00Z');
    await ds.manager.insert(ApplicationOrmEntity, {
      id: '00000000-0000-4000-8000-000000000001', proposedName: 'x中心', form: 'SOCIAL_SERVICE_ORGANIZATION', category: 'HEALTH', registeringAuthority: '110108',
      domicile: 'd', purpose: 'p', legalRepresentativeName: 'n', registeredCapitalFen: 1, regime: 'DIRECT', policyVersion: 'v', status: 'APPROVED',
      submittedBy: 's', submittedAt: at, decisionDueBy: at, decidedAt: at, decidedBy: 'r', uscc: '52110108MJ0000018M', consentStatus: 'NOT_REQUIRED',
    } as ApplicationOrmEntity);
    await ds.manager.insert(OrganizationOrmEntity, {
      uscc: '52110108MJ0000018M', applicationId: '00000000-0000-4000-8000-000000000001', name: 'x中心', form: 'SOCIAL_SERVICE_ORGANIZATION', category: 'HEALTH',
      registeringAuthority: '110108', domicile: 'd', purpose: 'p', legalRepresentativeName: 'n', registeredCapitalFen: 1, regime: 'DIRECT', policyVersion: 'v',
      status: 'REGISTERED', registeredAt: at, unitId: null, unitName: null, unitRole: null,
    });
    expect(await store.applicationFacts('11', new Date('2025-01-01T00:00:00Z'), new Date('2025-12-31T00:00:00Z'))).toHaveLength(1);
    expect(await store.applicationFacts('11', new Date('2025-03-01T08:00:00.001Z'), new Date('2025-12-31T00:00:00Z'))).toHaveLength(0);
    expect(await reports.overdueCandidates('SOCIAL_SERVICE_ORGANIZATION', 2025, new Date('2025-07-01T00:00:00Z'), new Date('2026-06-01T00:00:00Z'), 10)).toHaveLength(1);
    expect(await reports.overdueCandidates('SOCIAL_SERVICE_ORGANIZATION', 2025, new Date('2025-03-01T08:00:00Z'), new Date('2026-06-01T00:00:00Z'), 10)).toHaveLength(0);
    expect(await reports.overdueCandidates('FOUNDATION', 2025, new Date('2025-07-01T00:00:00Z'), new Date('2026-04-01T00:00:00Z'), 10)).toHaveLength(0);
    const tx = { manager: ds.manager } as unknown as Tx;
    await reports.insertReport(tx, { uscc: '52110108MJ0000018M', reportYear: 2025, registeringAuthority: '110108', submittedAt: new Date('2026-05-31T23:00:00Z'), submittedBy: 'r', dueDate: '2026-05-31', ruleVersion: 'c', outcome: null, reviewedBy: null, reviewedAt: null });
    expect(await reports.overdueCandidates('SOCIAL_SERVICE_ORGANIZATION', 2025, new Date('2025-07-01T00:00:00Z'), new Date('2026-06-01T00:00:00Z'), 10)).toHaveLength(0);
  });
});
