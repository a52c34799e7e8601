import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import type { Principal } from '@sop/auth';
import { allTopicSpecs, OrganizationRegistered } from '@sop/contracts';
import { startServiceContext } from '@sop/http';
import { buildCloudEvent, dataschemaOf, EventChain, InProcessTransport, MessagingTables1732500000000 } from '@sop/messaging';
import { createDataSource } from '@sop/persistence';
import { waitFor } from '@sop/testing';
import { MovableClock } from '@sop/util';
import { ContractPayments } from './application/contract-performance/contract-payments.use-case';
import { MilestoneAcceptances } from './application/contract-performance/milestone-acceptance.use-case';
import { GetContract } from './application/contracts/get-contract.use-case';
import { SignContract } from './application/contracts/sign-contract.use-case';
import { PurchasingOrgans } from './application/organs/purchasing-organs.use-cases';
import { SupplierStore } from './application/suppliers/suppliers.ports';
import { PurchasingContractMilestoneOrmEntity } from './infrastructure/contract-performance.orm-entities';
import { PURCHASING_ENTITIES } from './infrastructure/purchasing.orm-entities';
import { PURCHASING_MIGRATIONS, ServicePurchasingModule } from './service-purchasing.module';
import { organizationRegisteredData } from './test-support/organization-registered.fixture';

/** Contract performance in embedded mode (SQLite, in-process bus): the migrations run; a contract without milestones is paid against its implicit one. */
describe('service purchasing contract performance on SQLite (embedded mode)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'purchasing-perf-sqlite-'));
  const transport = new InProcessTransport(join(dir, 'bus.sqlite'));
  const clock = new MovableClock(new Date('2026-05-01T02:00:00.000Z'));
  const finance: Principal = { subject: 'finance-bj', roles: ['finance-officer'], jurisdiction: '110000' };
  const purchaser: Principal = { subject: 'purchaser', roles: ['purchaser'], jurisdiction: '110108', unitId: 'unit-haidian-mca' };
  const uscc = '52110108MJ0000018M';
  const saved = process.env['DATA_DIR'];
  let app: INestApplicationContext;

  beforeAll(async () => {
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
    if (saved === undefined) delete process.env['DATA_DIR'];
    else process.env['DATA_DIR'] = saved;
  });

  it('accepts the implicit milestone of a contract recorded without milestones and pays it in full: COMPLETED', async () => {
    const contract = await app
      .get(SignContract)
      .signContract({ supplierUscc: uscc, title: '社区养老服务', method: 'COMPETITIVE_CONSULTATION', valueFen: 50_000, termStart: '2026-05-01', termEnd: '2026-12-31', signedAt: clock.now().toISOString() }, purchaser);
    const payments = app.get(ContractPayments);
    const payment = (amountFen: number) => payments.pay(contract.id, { sequence: 1, amountFen, paidAt: clock.now().toISOString() }, finance);
    await expect(payment(50_000)).rejects.toMatchObject({ code: 'PURCHASING.MILESTONE_NOT_ACCEPTED' });
    expect(await app.get(MilestoneAcceptances).accept(contract.id, 1, { passed: true, score: 75, findings: ['合格'] }, purchaser)).toMatchObject({ attempt: 1, band: 'NOT_BANDED', ruleVersion: 'purchasing/100000@v1' });
    await expect(payment(50_001)).rejects.toMatchObject({ code: 'PURCHASING.MILESTONE_OVERPAID' });
    expect(await payment(50_000)).toMatchObject({ contractPaidFen: 50_000, contractOutstandingFen: 0, contractStatus: 'COMPLETED' });
    const view = await app.get(GetContract).contractOf(contract.id, finance);
    expect(view).toMatchObject({ status: 'COMPLETED', totals: { paidFen: 50_000, outstandingFen: 0 }, milestones: [{ sequence: 1, title: '社区养老服务', dueOn: '2026-12-31', amountFen: 50_000, paidFen: 50_000, acceptance: { passed: true } }] });
  });

  it('migration 480 gives a contract recorded before milestones one implicit milestone: its whole value, due on its last day', async () => {
    const path = join(dir, 'upgrade.sqlite');
    const upTo = PURCHASING_MIGRATIONS.findIndex((M) => new M().name === 'PurchasingContractPerformance1732500000480');
    const old = createDataSource({ type: 'sqlite', path }, PURCHASING_ENTITIES, [MessagingTables1732500000000, ...PURCHASING_MIGRATIONS.slice(0, upTo)]);
    await old.initialize();
    await old.runMigrations();
    await old.query(
      `INSERT INTO purchasing_contract (id, supplier_uscc, purchaser, title, method, value_fen, term_start, term_end, multi_year, budget_assured, stable_service, signed_at, status, rule_version, recorded_by, recorded_at, event_id)
       VALUES ('6f1c2c56-3f43-4a55-9d0e-6f0f4c1f0a01', '${uscc}', '北京市海淀区民政局', '旧合同', 'SINGLE_SOURCE', 70000, '2025-01-01', '2025-12-31', 0, 0, 0, '2024-12-20 02:00:00.000', 'SIGNED', 'purchasing/order-102@2020-03-01', 'old', '2024-12-20 02:00:00.000', '6f1c2c56-3f43-4a55-9d0e-6f0f4c1f0a02')`,
    );
    await old.destroy();
    const upgraded = createDataSource({ type: 'sqlite', path }, PURCHASING_ENTITIES, [MessagingTables1732500000000, ...PURCHASING_MIGRATIONS]);
    await upgraded.initialize();
    expect((await upgraded.runMigrations()).map((m) => m.name)).toContain('PurchasingContractPerformance1732500000480');
    expect(await upgraded.getRepository(PurchasingContractMilestoneOrmEntity).find()).toEqual([
      { contractId: '6f1c2c56-3f43-4a55-9d0e-6f0f4c1f0a01', sequence: 1, title: '旧合同', deliverables: '[]', dueOn: '2025-12-31', amountFen: 70_000, paidFen: 0 },
    ]);
    await upgraded.destroy();
  });
});
