import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import type { Principal } from '@sop/auth';
import { BudgetLines } from './application/budgets/budget-lines.use-cases';
import { ProcurementAwards } from './application/procurements/awards.use-cases';
import { Procurements } from './application/procurements/procurements.use-cases';
import { SealedBids } from './application/procurements/sealed-bids.use-cases';
import { PurchasingBidOrmEntity } from './infrastructure/purchasing.orm-entities';
import { embeddedPurchasing } from './test-support/embedded-purchasing';

const DAY = 24 * 3600 * 1000;

/** Budgets, notices, sealed bids, scoring and award in embedded mode: SQLite, the in-process bus and the development bid key under DATA_DIR. */
describe('service purchasing procurement on SQLite (embedded mode)', () => {
  const uscc = '52110108MJ0000018M';
  const h = embeddedPurchasing('proc', { start: new Date('2026-05-01T00:00:00.000Z'), suppliers: [uscc] });
  const { clock, finance, purchaser } = h;
  const rep: Principal = { subject: 'rep', roles: ['org-representative'], jurisdiction: '110108', organizationUscc: uscc };
  const start = new Date('2026-05-01T00:00:00.000Z');
  beforeAll(() => h.setUp());
  afterAll(() => h.tearDown());

  it('commits within the line under concurrent notices, seals bids with the development key, opens them after the deadline', async () => {
    const line = await h.app.get(BudgetLines).create({ organUnitId: 'unit-haidian-mca', fiscalYear: 2026, lineCode: 'L-1', description: '养老', amountFen: 100_000 }, finance);
    const procurements = h.app.get(Procurements);
    const input = (estimatedFen: number) => ({
      title: '社区居家养老服务',
      description: '上门服务',
      method: 'OPEN_TENDERING' as const,
      catalogueItemCode: 'PS-ELDERLY-CARE',
      budgetLineId: line.id,
      estimatedFen,
      requirements: { registeredAndActive: true, notOnSeriousList: true, noMajorViolationYears: 3, minimumGrade: null, other: [] },
      scoring: { priceWeight: 100, criteria: [] },
      bidDeadline: new Date(start.getTime() + 21 * DAY),
    });
    const results = await Promise.allSettled(Array.from({ length: 5 }, () => procurements.publish(input(30_000), purchaser)));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(3);
    expect(results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason.code)).toEqual(Array(2).fill('PURCHASING.BUDGET_EXCEEDED'));
    expect(await h.app.get(BudgetLines).line(line.id, finance)).toMatchObject({ committedFen: 90_000, remainingFen: 10_000 });
    await expect(procurements.publish({ ...input(1), catalogueItemCode: 'N10-5' }, purchaser)).rejects.toMatchObject({ code: 'PURCHASING.NEGATIVE_LIST_ITEM', extensions: expect.objectContaining({ article: 'Order 102 Art. 10(5)' }) });

    const p = (results[results.findIndex((r) => r.status === 'fulfilled')] as PromiseFulfilledResult<{ id: string; bidDeadline: string }>).value;
    const bids = h.app.get(SealedBids);
    const content = { priceFen: 88_888, technicalProposal: '方案全文', declarations: [] };
    await bids.submit(p.id, content, rep);
    expect(existsSync(join(h.dir, 'dev-keys', 'purchasing-bid.key'))).toBe(true);
    const [row] = await h.app.get(DataSource).getRepository(PurchasingBidOrmEntity).find({ where: { procurementId: p.id } });
    expect(row.sealed).not.toContain('88888');
    await expect(bids.open(p.id, { ...purchaser })).rejects.toMatchObject({ code: 'PURCHASING.BIDS_SEALED' });
    clock.set(new Date(p.bidDeadline));
    const opened = await bids.open(p.id, purchaser);
    expect(opened.bids).toEqual([expect.objectContaining({ bidderUscc: uscc, content })]);
    expect(opened.eligibilityAtDeadline).toMatchObject({ stage: 'DEADLINE', asOf: p.bidDeadline, bidders: [{ bidderUscc: uscc, eligible: true }] });

    // Scoring (price only: 100 × lowest / price) and award, frozen once, on SQLite.
    const awards = h.app.get(ProcurementAwards);
    expect(await awards.score(p.id, [{ bidderUscc: uscc, quality: [] }], purchaser)).toMatchObject({ bids: [{ bidderUscc: uscc, priceScore: 100, total: 100, rank: 1 }] });
    await expect(awards.score(p.id, [{ bidderUscc: uscc, quality: [] }], purchaser)).rejects.toMatchObject({ code: 'PURCHASING.ALREADY_SCORED' });
    expect(await awards.award(p.id, { reasons: ['唯一有效投标，得分最高'] }, purchaser)).toMatchObject({ winner: { bidderUscc: uscc }, bidCount: 1, eligibilityAtAward: { stage: 'AWARD' } });
    expect(await awards.publicAward(p.id)).toMatchObject({ supplierUscc: uscc, priceFen: 88_888, bidCount: 1, eligibility: { atDeadline: { eligible: true }, atAward: { eligible: true } } });
  });
});
