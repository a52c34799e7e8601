import { DataSource } from 'typeorm';
import { BudgetLines } from './application/budgets/budget-lines.use-cases';
import { OcdsReads } from './application/ocds/ocds-reads.use-cases';
import { Procurements } from './application/procurements/procurements.use-cases';
import { ocdsJson } from './domain/ocds';
import { ocdsViolations } from './domain/ocds/ocds-schema.validator';
import { PurchasingOcdsReleaseOrmEntity } from './infrastructure/ocds/ocds-release.orm-entities';
import { embeddedPurchasing } from './test-support/embedded-purchasing';

const DAY = 24 * 3600 * 1000;

/** The OCDS release table on SQLite (embedded mode): the migration runs, a notice and its cancellation store their releases. */
describe('service purchasing OCDS releases on SQLite (embedded mode)', () => {
  const h = embeddedPurchasing('ocds', { start: new Date('2026-05-01T00:00:00.000Z') });
  const { clock, finance, purchaser } = h;
  const start = new Date('2026-05-01T00:00:00.000Z');
  beforeAll(() => h.setUp());
  afterAll(() => h.tearDown());

  it('stores the notice’s and the cancellation’s releases with increasing sequences; the packages validate', async () => {
    const reads = h.app.get(OcdsReads);
    await expect(reads.bulk('json')).rejects.toMatchObject({ code: 'PURCHASING.OCDS_NO_RELEASES' });
    const line = await h.app.get(BudgetLines).create({ organUnitId: 'unit-haidian-mca', fiscalYear: 2026, lineCode: 'L-1', description: '养老', amountFen: 100_000 }, finance);
    const procurements = h.app.get(Procurements);
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

    const rows = await h.app.get(DataSource).getRepository(PurchasingOcdsReleaseOrmEntity).find({ order: { sequence: 'ASC' } });
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
