import { join } from 'node:path';
import { MessagingTables1732500000000 } from '@sop/messaging';
import { createDataSource } from '@sop/persistence';
import { ContractPayments } from './application/contract-performance/contract-payments.use-case';
import { MilestoneAcceptances } from './application/contract-performance/milestone-acceptance.use-case';
import { GetContract } from './application/contracts/get-contract.use-case';
import { SignContract } from './application/contracts/sign-contract.use-case';
import { PurchasingContractMilestoneOrmEntity } from './infrastructure/contract-performance.orm-entities';
import { PURCHASING_ENTITIES } from './infrastructure/purchasing.orm-entities';
import { PURCHASING_MIGRATIONS } from './service-purchasing.module';
import { embeddedPurchasing } from './test-support/embedded-purchasing';

/** Contract performance in embedded mode (SQLite, in-process bus): the migrations run; a contract without milestones is paid against its implicit one. */
describe('service purchasing contract performance on SQLite (embedded mode)', () => {
  const uscc = '52110108MJ0000018M';
  const h = embeddedPurchasing('perf', { start: new Date('2026-05-01T02:00:00.000Z'), suppliers: [uscc] });
  const { clock, finance, purchaser } = h;
  beforeAll(() => h.setUp());
  afterAll(() => h.tearDown());

  it('accepts the implicit milestone of a contract recorded without milestones and pays it in full: COMPLETED', async () => {
    const contract = await h.app
      .get(SignContract)
      .signContract({ supplierUscc: uscc, title: '社区养老服务', method: 'COMPETITIVE_CONSULTATION', valueFen: 50_000, termStart: '2026-05-01', termEnd: '2026-12-31', signedAt: clock.now().toISOString() }, purchaser);
    const payments = h.app.get(ContractPayments);
    const payment = (amountFen: number) => payments.pay(contract.id, { sequence: 1, amountFen, paidAt: clock.now().toISOString() }, finance);
    await expect(payment(50_000)).rejects.toMatchObject({ code: 'PURCHASING.MILESTONE_NOT_ACCEPTED' });
    expect(await h.app.get(MilestoneAcceptances).accept(contract.id, 1, { passed: true, score: 75, findings: ['合格'] }, purchaser)).toMatchObject({ attempt: 1, band: 'NOT_BANDED', ruleVersion: 'purchasing/100000@v1' });
    await expect(payment(50_001)).rejects.toMatchObject({ code: 'PURCHASING.MILESTONE_OVERPAID' });
    expect(await payment(50_000)).toMatchObject({ contractPaidFen: 50_000, contractOutstandingFen: 0, contractStatus: 'COMPLETED' });
    const view = await h.app.get(GetContract).contractOf(contract.id, finance);
    expect(view).toMatchObject({ status: 'COMPLETED', totals: { paidFen: 50_000, outstandingFen: 0 }, milestones: [{ sequence: 1, title: '社区养老服务', dueOn: '2026-12-31', amountFen: 50_000, paidFen: 50_000, acceptance: { passed: true } }] });
  });

  it('migration 480 gives a contract recorded before milestones one implicit milestone: its whole value, due on its last day', async () => {
    const path = join(h.dir, 'upgrade.sqlite');
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
