import { DataSource } from 'typeorm';
import type { Principal } from '@sop/auth';
import { BudgetLines } from './application/budgets/budget-lines.use-cases';
import { ContractFromAward } from './application/contract-performance/contract-from-award.use-case';
import { ContractPayments } from './application/contract-performance/contract-payments.use-case';
import { MilestoneAcceptances } from './application/contract-performance/milestone-acceptance.use-case';
import { OcdsReads } from './application/ocds/ocds-reads.use-cases';
import { ProcurementAwards } from './application/procurements/awards.use-cases';
import { Procurements } from './application/procurements/procurements.use-cases';
import { SealedBids } from './application/procurements/sealed-bids.use-cases';
import { ocdsJson } from './domain/ocds';
import { ocdsViolations } from './domain/ocds/ocds-schema.validator';
import { PurchasingOcdsReleaseOrmEntity } from './infrastructure/ocds/ocds-release.orm-entities';
import { embeddedPurchasing } from './test-support/embedded-purchasing';

const DAY = 24 * 3600 * 1000;

/** OCDS contract releases in embedded mode (SQLite, in-process bus): award → contract → acceptance → final payment. */
describe('service purchasing OCDS contract releases on SQLite (embedded mode)', () => {
  const uscc = '52110108MJ0000018M';
  const h = embeddedPurchasing('ocds-contract', { start: new Date('2026-05-01T00:00:00.000Z'), suppliers: [uscc] });
  const { clock, finance, purchaser } = h;
  const rep: Principal = { subject: 'rep', roles: ['org-representative'], jurisdiction: '110108', organizationUscc: uscc };
  const start = new Date('2026-05-01T00:00:00.000Z');
  beforeAll(() => h.setUp());
  afterAll(() => h.tearDown());

  it('stores the contract and implementation releases; the record validates and compiles the paid, completed contract', async () => {
    const line = await h.app.get(BudgetLines).create({ organUnitId: 'unit-haidian-mca', fiscalYear: 2026, lineCode: 'L-1', description: '养老', amountFen: 100_000 }, finance);
    const p = await h.app.get(Procurements).publish(
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
    await h.app.get(SealedBids).submit(p.id, { priceFen: 88_888, technicalProposal: '方案全文', declarations: [] }, rep);
    clock.set(new Date(start.getTime() + 21 * DAY));
    const awards = h.app.get(ProcurementAwards);
    await awards.score(p.id, [{ bidderUscc: uscc, quality: [] }], purchaser);
    const award = await awards.award(p.id, { reasons: ['唯一有效投标，得分最高'] }, purchaser);
    const standstillEnd = new Date(award.standstill.endsAt);
    clock.set(new Date(standstillEnd.getTime() + 3600_000));
    const { contract } = await h.app.get(ContractFromAward).sign(
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
    await h.app.get(MilestoneAcceptances).accept(contract.id, 1, { passed: true, score: 80, findings: ['合格'] }, purchaser);
    clock.set(new Date('2026-12-31T03:00:00.000Z'));
    expect(await h.app.get(ContractPayments).pay(contract.id, { sequence: 1, amountFen: 88_888, paidAt: clock.now().toISOString() }, finance)).toMatchObject({ contractStatus: 'COMPLETED' });

    const rows = await h.app.get(DataSource).getRepository(PurchasingOcdsReleaseOrmEntity).find({ order: { sequence: 'ASC' } });
    expect(rows.map((r) => [r.sequence, r.step])).toEqual([
      [1, 'tender'],
      [2, 'award'],
      [3, 'contract'],
      [4, 'implementation'],
      [5, 'implementation'],
    ]);
    const record = await h.app.get(OcdsReads).record(p.ocid);
    expect(ocdsViolations('recordPackage', record)).toEqual([]);
    const compiled = JSON.parse(ocdsJson(record)).records[0].compiledRelease;
    expect(compiled.contracts[0]).toMatchObject({ id: contract.id, status: 'terminated', implementation: { milestones: [{ id: '1', status: 'met' }], transactions: [{ value: { amount: 888.88, currency: 'CNY' }, payee: { id: `CN-USCI-${uscc}` } }] } });
    expect(JSON.stringify(compiled)).not.toContain('方案全文');
  });
});
