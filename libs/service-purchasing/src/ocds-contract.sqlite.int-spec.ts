import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '@sop/auth';
import { allTopicSpecs, OrganizationRegistered } from '@sop/contracts';
import { startServiceContext } from '@sop/http';
import { buildCloudEvent, dataschemaOf, EventChain, InProcessTransport } from '@sop/messaging';
import { waitFor } from '@sop/testing';
import { MovableClock } from '@sop/util';
import { BudgetLines } from './application/budgets/budget-lines.use-cases';
import { ContractFromAward } from './application/contract-performance/contract-from-award.use-case';
import { ContractPayments } from './application/contract-performance/contract-payments.use-case';
import { MilestoneAcceptances } from './application/contract-performance/milestone-acceptance.use-case';
import { OcdsReads } from './application/ocds/ocds-reads.use-cases';
import { PurchasingOrgans } from './application/organs/purchasing-organs.use-cases';
import { ProcurementAwards } from './application/procurements/awards.use-cases';
import { Procurements } from './application/procurements/procurements.use-cases';
import { SealedBids } from './application/procurements/sealed-bids.use-cases';
import { SupplierStore } from './application/suppliers/suppliers.ports';
import { ocdsJson } from './domain/ocds';
import { ocdsViolations } from './domain/ocds/ocds-schema.validator';
import { PurchasingOcdsReleaseOrmEntity } from './infrastructure/ocds/ocds-release.orm-entities';
import { ServicePurchasingModule } from './service-purchasing.module';
import { organizationRegisteredData } from './test-support/organization-registered.fixture';

const DAY = 24 * 3600 * 1000;

/** OCDS contract releases in embedded mode (SQLite, in-process bus): award → contract → acceptance → final payment. */
describe('service purchasing OCDS contract releases on SQLite (embedded mode)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'purchasing-ocds-contract-sqlite-'));
  const transport = new InProcessTransport(join(dir, 'bus.sqlite'));
  const start = new Date('2026-05-01T00:00:00.000Z');
  const clock = new MovableClock(start);
  const finance: Principal = { subject: 'finance-bj', roles: ['finance-officer'], jurisdiction: '110000' };
  const purchaser: Principal = { subject: 'purchaser', roles: ['purchaser'], jurisdiction: '110108', unitId: 'unit-haidian-mca' };
  const uscc = '52110108MJ0000018M';
  const rep: Principal = { subject: 'rep', roles: ['org-representative'], jurisdiction: '110108', organizationUscc: uscc };
  const saved = { key: process.env['PURCHASING_BID_KEY'], dataDir: process.env['DATA_DIR'] };
  let app: INestApplicationContext;

  beforeAll(async () => {
    delete process.env['PURCHASING_BID_KEY'];
    process.env['DATA_DIR'] = dir;
    await transport.ensureTopics(allTopicSpecs());
    app = await startServiceContext([ServicePurchasingModule.register({ db: { type: 'sqlite', path: join(dir, 'purchasing.sqlite') }, transport, clock, migrateOnStart: true, createDatabase: false })]);
    await app.get(PurchasingOrgans).register({ unitId: 'unit-haidian-mca', name: '北京市海淀区民政局', kind: 'STATE_ORGAN', jurisdiction: '110108' }, finance);
    const event = EventChain.detached().next(buildCloudEvent('registration', dataschemaOf(OrganizationRegistered), { type: OrganizationRegistered.type, subject: uscc, data: organizationRegisteredData(uscc) }, clock.now()));
    await transport.publish([{ topic: OrganizationRegistered.topic, key: uscc, value: JSON.stringify(event) }]);
    await waitFor(async () => (await app.get(SupplierStore).supplier(null, uscc)) ?? undefined, 30000, 'supplier projected');
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

  it('stores the contract and implementation releases; the record validates and compiles the paid, completed contract', async () => {
    const line = await app.get(BudgetLines).create({ organUnitId: 'unit-haidian-mca', fiscalYear: 2026, lineCode: 'L-1', description: '养老', amountFen: 100_000 }, finance);
    const p = await app.get(Procurements).publish(
      {
        title: '社区居家养老服务',
        description: '上门服务',
        method: 'OPEN_TENDERING',
        catalogueItemCode: 'PS-ELDERLY-CARE',
        budgetLineId: line.id,
        estimatedFen: 90_000,
        requirements: { registeredAndActive: true, notOnSeriousList: true, noMajorViolationYears: 3, minimumGrade: null, other: [] },
        scoring: { priceWeight: 100, criteria: [] },
        bidDeadline: new Date(start.getTime() + 21 * DAY),
      },
      purchaser,
    );
    await app.get(SealedBids).submit(p.id, { priceFen: 88_888, technicalProposal: '方案全文', declarations: [] }, rep);
    clock.set(new Date(start.getTime() + 21 * DAY));
    const awards = app.get(ProcurementAwards);
    await awards.score(p.id, [{ bidderUscc: uscc, quality: [] }], purchaser);
    const award = await awards.award(p.id, { reasons: ['唯一有效投标，得分最高'] }, purchaser);
    const standstillEnd = new Date(award.standstill.endsAt);
    clock.set(new Date(standstillEnd.getTime() + 3600_000));
    const { contract } = await app.get(ContractFromAward).sign(
      p.id,
      {
        content: { serviceContent: '上门服务', quantity: '100户', qualityStandards: '规范', paymentSchedule: '验收后支付', rightsAndObligations: '见合同', assessmentMethod: '绩效评价', breachLiability: '违约金' },
        termStart: '2026-06-01',
        termEnd: '2026-12-31',
        signedAt: clock.now().toISOString(),
        milestones: [{ sequence: 1, title: '全年服务', deliverables: ['服务记录'], dueOn: '2026-12-31', amountFen: 88_888 }],
      },
      purchaser,
      null,
    );
    clock.set(new Date('2026-12-31T02:00:00.000Z'));
    await app.get(MilestoneAcceptances).accept(contract.id, 1, { passed: true, score: 80, findings: ['合格'] }, purchaser);
    clock.set(new Date('2026-12-31T03:00:00.000Z'));
    expect(await app.get(ContractPayments).pay(contract.id, { sequence: 1, amountFen: 88_888, paidAt: clock.now().toISOString() }, finance)).toMatchObject({ contractStatus: 'COMPLETED' });

    const rows = await app.get(DataSource).getRepository(PurchasingOcdsReleaseOrmEntity).find({ order: { sequence: 'ASC' } });
    expect(rows.map((r) => [r.sequence, r.step])).toEqual([
      [1, 'tender'],
      [2, 'award'],
      [3, 'contract'],
      [4, 'implementation'],
      [5, 'implementation'],
    ]);
    const record = await app.get(OcdsReads).record(p.ocid);
    expect(ocdsViolations('recordPackage', record)).toEqual([]);
    const compiled = JSON.parse(ocdsJson(record)).records[0].compiledRelease;
    expect(compiled.contracts[0]).toMatchObject({ id: contract.id, status: 'terminated', implementation: { milestones: [{ id: '1', status: 'met' }], transactions: [{ value: { amount: 888.88, currency: 'CNY' }, payee: { id: `CN-USCI-${uscc}` } }] } });
    expect(JSON.stringify(compiled)).not.toContain('方案全文');
  });
});
