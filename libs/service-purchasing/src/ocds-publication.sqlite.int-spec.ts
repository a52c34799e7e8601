import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '@sop/auth';
import { allTopicSpecs } from '@sop/contracts';
import { startServiceContext } from '@sop/http';
import { InProcessTransport } from '@sop/messaging';
import { MovableClock } from '@sop/util';
import { BudgetLines } from './application/budgets/budget-lines.use-cases';
import { OcdsReads } from './application/ocds/ocds-reads.use-cases';
import { PurchasingOrgans } from './application/organs/purchasing-organs.use-cases';
import { Procurements } from './application/procurements/procurements.use-cases';
import { ocdsJson } from './domain/ocds';
import { ocdsViolations } from './domain/ocds/ocds-schema.validator';
import { PurchasingOcdsReleaseOrmEntity } from './infrastructure/ocds/ocds-release.orm-entities';
import { ServicePurchasingModule } from './service-purchasing.module';

const DAY = 24 * 3600 * 1000;

/** The OCDS release table on SQLite (embedded mode): the migration runs, a notice and its cancellation store their releases. */
describe('service purchasing OCDS releases on SQLite (embedded mode)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'purchasing-ocds-sqlite-'));
  const transport = new InProcessTransport(join(dir, 'bus.sqlite'));
  const start = new Date('2026-05-01T00:00:00.000Z');
  const clock = new MovableClock(start);
  const finance: Principal = { subject: 'finance-bj', roles: ['finance-officer'], jurisdiction: '110000' };
  const purchaser: Principal = { subject: 'purchaser', roles: ['purchaser'], jurisdiction: '110108', unitId: 'unit-haidian-mca' };
  const saved = { key: process.env['PURCHASING_BID_KEY'], dataDir: process.env['DATA_DIR'] };
  let app: INestApplicationContext;

  beforeAll(async () => {
    delete process.env['PURCHASING_BID_KEY'];
    process.env['DATA_DIR'] = dir;
    await transport.ensureTopics(allTopicSpecs());
    app = await startServiceContext([ServicePurchasingModule.register({ db: { type: 'sqlite', path: join(dir, 'purchasing.sqlite') }, transport, clock, migrateOnStart: true, createDatabase: false })]);
    await app.get(PurchasingOrgans).register({ unitId: 'unit-haidian-mca', name: '北京市海淀区民政局', kind: 'STATE_ORGAN', jurisdiction: '110108' }, finance);
  });

  afterAll(async () => {
    await app?.close();
    await transport.close();
    rmSync(dir, { recursive: true, force: true });
    for (const [name, value] of [['PURCHASING_BID_KEY', saved.key], ['DATA_DIR', saved.dataDir]] as const) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });

  it('stores the notice’s and the cancellation’s releases with increasing sequences; the packages validate', async () => {
    const reads = app.get(OcdsReads);
    await expect(reads.bulk('json')).rejects.toMatchObject({ code: 'PURCHASING.OCDS_NO_RELEASES' });
    const line = await app.get(BudgetLines).create({ organUnitId: 'unit-haidian-mca', fiscalYear: 2026, lineCode: 'L-1', description: '养老', amountFen: 100_000 }, finance);
    const procurements = app.get(Procurements);
    const p = await procurements.publish(
      {
        title: '社区居家养老服务',
        description: '上门服务',
        method: 'OPEN_TENDERING',
        catalogueItemCode: 'PS-ELDERLY-CARE',
        budgetLineId: line.id,
        estimatedFen: 12_345,
        requirements: { registeredAndActive: true, notOnSeriousList: true, noMajorViolationYears: 3, minimumGrade: null, other: [] },
        scoring: { priceWeight: 100, criteria: [] },
        bidDeadline: new Date(start.getTime() + 21 * DAY),
      },
      purchaser,
    );
    clock.set(new Date(start.getTime() + DAY));
    await procurements.cancel(p.id, ['预算调整'], purchaser);

    const rows = await app.get(DataSource).getRepository(PurchasingOcdsReleaseOrmEntity).find({ order: { sequence: 'ASC' } });
    expect(rows.map((r) => [r.sequence, r.ocid, r.step, r.releasedAt.toISOString()])).toEqual([
      [1, p.ocid, 'tender', start.toISOString()],
      [2, p.ocid, 'tenderCancellation', new Date(start.getTime() + DAY).toISOString()],
    ]);
    const page = await reads.releases({ since: new Date(start.getTime() + 1000) });
    expect(page.releases.map((r) => r.tag)).toEqual([['tenderCancellation']]);
    expect(ocdsViolations('releasePackage', page)).toEqual([]);
    expect(JSON.parse(ocdsJson(page)).releases[0].tender.value).toEqual({ amount: 123.45, currency: 'CNY' });
    const record = await reads.record(p.ocid);
    expect(ocdsViolations('recordPackage', record)).toEqual([]);
    expect((await reads.records({ limit: 1 })).records.map((r) => r.ocid)).toEqual([p.ocid]);
    let bulk = '';
    for await (const chunk of (await reads.bulk('json')).chunks) bulk += chunk;
    expect(JSON.parse(bulk).releases).toHaveLength(2);
  });
});
