import { ocdsJson, releaseFor, USCC_SCHEME, type LifecycleStep } from '../../domain/ocds';
import { ocdsViolations } from '../../domain/ocds/ocds-schema.validator';
import type { Procurement } from '../../domain/procurement/procurement-notice';
import type { AwardRecord } from '../procurements/awards.use-cases';
import type { StoredDecision } from '../procurements/procurements.ports';
import { procurementSnapshot, requirementsText, type SnapshotParts } from './procurement-snapshot.assembler';

const WINNER = '52110108MJ0000018M';
const LOSER = '52110108MJ0000026F';

const procurement = (over: Partial<Procurement> = {}): Procurement => ({
  id: '6f1c2a9e-3b7d-4c1e-9a55-0d2f4e8b7c31',
  ocid: 'ocds-sopdev-6f1c2a9e-3b7d-4c1e-9a55-0d2f4e8b7c31',
  organUnitId: 'unit-haidian-mca',
  organJurisdiction: '110108',
  organName: '北京市海淀区民政局',
  budgetLineId: 'a0d3c1f2-5b6e-4d7f-8a9b-0c1d2e3f4a5b',
  title: '海淀区社区居家养老服务项目',
  description: '为辖区老年人提供居家养老上门服务',
  method: 'OPEN_TENDERING',
  justification: null,
  catalogueItemCode: 'BJ-ELDERLY',
  catalogueVersion: 'catalogue/110000@v1',
  estimatedFen: 300_000,
  requirements: { registeredAndActive: true, notOnSeriousList: true, noMajorViolationYears: 3, minimumGrade: null, other: ['具有养老服务经验'] },
  scoring: { priceWeight: 30, criteria: [{ name: '服务方案', weight: 50, maxPoints: 50 }, { name: '团队与经验', weight: 20, maxPoints: 20 }] },
  bidDeadline: new Date('2026-04-01T08:00:00Z'),
  status: 'OPEN',
  amendments: [],
  publishedBy: 'purchaser',
  publishedAt: new Date('2026-03-02T08:00:00Z'),
  cancelReasons: null,
  cancelledAt: null,
  revision: 1,
  ...over,
});

const amended = (): Partial<Procurement> => ({
  bidDeadline: new Date('2026-04-05T08:00:00Z'),
  amendments: [
    { number: 1, changed: ['scoring', 'bidDeadline'], material: true, reasons: ['调整评分办法'], previousBidDeadline: '2026-04-01T08:00:00.000Z', bidDeadline: '2026-04-05T08:00:00.000Z', amendedBy: 'p', amendedAt: '2026-03-12T08:00:00.000Z', eventId: 'e2' },
  ],
  revision: 2,
});

const award: StoredDecision<AwardRecord> = {
  procurementId: procurement().id,
  kind: 'AWARD',
  ruleVersion: 'purchasing/100000@v1',
  recordedBy: 'purchaser',
  recordedAt: new Date('2026-04-07T08:00:00Z'),
  eventId: 'award-event',
  body: {
    procurementId: procurement().id,
    ocid: procurement().ocid,
    winner: { bidderUscc: WINNER, bidId: 'bid-1', priceFen: 250_055, priceScore: 30, quality: [], qualityScore: 40, total: 70, priority: [], rank: 1 },
    reasons: ['有效投标中综合得分最高'],
    bidCount: 3,
    awardedBy: 'purchaser',
    awardedAt: '2026-04-07T08:00:00.000Z',
    standstill: { days: 7, basis: 'x', confirmed: false, endsAt: '2026-04-14T08:00:00.000Z' },
    ruleVersion: 'purchasing/100000@v1',
    eligibilityAtAward: { stage: 'AWARD', asOf: '2026-04-07T08:00:00.000Z', recordedAt: '2026-04-07T08:00:00.000Z', ruleVersion: 'purchasing/100000@v1', bidders: [] },
    refusedAtAward: [{ bidderUscc: LOSER, failed: [] }],
  },
};

const parts = (over: Partial<SnapshotParts> = {}): SnapshotParts => ({
  procurement: procurement(),
  budgetLineDescription: '养老服务购买',
  catalogueItemName: '居家养老上门服务',
  award: null,
  supplierName: null,
  contract: undefined,
  ...over,
});

const wire = (step: LifecycleStep, at: string, p: SnapshotParts) => JSON.parse(ocdsJson(releaseFor({ step, eventId: `${step}-1`, at }, procurementSnapshot(p))));

describe('the OCDS snapshot of a procurement', () => {
  it('maps the notice: buyer, method, catalogue item, budget, scoring weights, requirements in words', () => {
    const s = procurementSnapshot(parts());
    expect(s).toMatchObject({
      ocid: 'ocds-sopdev-6f1c2a9e-3b7d-4c1e-9a55-0d2f4e8b7c31',
      buyer: { unitId: 'unit-haidian-mca', name: '北京市海淀区民政局', jurisdiction: '110108' },
      catalogueItem: { code: 'BJ-ELDERLY', name: '居家养老上门服务', catalogueVersion: 'catalogue/110000@v1' },
      budgetLine: { description: '养老服务购买' },
      scoring: { priceWeightPercent: 30, qualityWeightPercent: 70, criteria: ['服务方案', '团队与经验'] },
      notice: { publishedAt: '2026-03-02T08:00:00.000Z', bidDeadline: '2026-04-01T08:00:00.000Z' },
      bids: { count: 0 },
    });
    expect(s.qualificationRequirements).toBe('依法登记且登记状态正常的社会组织；未被列入严重违法失信名单、未被禁止参与政府购买服务；近3年内无重大违法记录；具有养老服务经验');
    expect(requirementsText({ registeredAndActive: false, notOnSeriousList: false, noMajorViolationYears: null, minimumGrade: null, other: [] })).toBeUndefined();
    expect(s.award).toBeUndefined();
  });

  it('keeps the notice deadline as first published and the amended one in the amendment', () => {
    const s = procurementSnapshot(parts({ procurement: procurement(amended()) }));
    expect(s.notice?.bidDeadline).toBe('2026-04-01T08:00:00.000Z');
    expect(s.amendments).toEqual([{ number: 1, amendedAt: '2026-03-12T08:00:00.000Z', changed: ['scoring', 'bidDeadline'], reasons: ['调整评分办法'], bidDeadline: '2026-04-05T08:00:00.000Z' }]);
    const tender = wire('tender', '2026-03-02T08:00:00Z', parts({ procurement: procurement(amended()) }));
    expect(tender.tender.tenderPeriod.endDate).toBe('2026-04-01T16:00:00+08:00');
    const amendment = wire('tenderAmendment', '2026-03-12T08:00:00Z', parts({ procurement: procurement(amended()) }));
    expect(amendment.tender.tenderPeriod.endDate).toBe('2026-04-05T16:00:00+08:00');
    for (const r of [tender, amendment]) expect(ocdsViolations('release', r)).toEqual([]);
  });

  it('publishes a cancellation with its reasons', () => {
    const p = procurement({ status: 'CANCELLED', cancelledAt: new Date('2026-03-20T08:00:00Z'), cancelReasons: ['预算调整'], revision: 2 });
    const r = wire('tenderCancellation', '2026-03-20T08:00:00Z', parts({ procurement: p }));
    expect(ocdsViolations('release', r)).toEqual([]);
    expect(r.tender.status).toBe('cancelled');
    expect(r.tender.documents[0]).toMatchObject({ documentType: 'cancellationDetails', description: '预算调整' });
  });

  it('names the winner by USCC (CN-USCI) from the award, with the frozen bid count; nothing of the other bids', () => {
    const withAward = parts({ procurement: procurement(amended()), award, supplierName: '海淀区夕阳红养老服务中心' });
    const s = procurementSnapshot(withAward);
    expect(s.award).toEqual({ awardId: 'award-event', awardedAt: '2026-04-07T08:00:00.000Z', valueFen: 250_055, suppliers: [{ uscc: WINNER, name: '海淀区夕阳红养老服务中心' }], reasons: '有效投标中综合得分最高', standstillEndsAt: '2026-04-14T08:00:00.000Z' });
    const r = wire('award', '2026-04-07T08:00:00Z', withAward);
    expect(ocdsViolations('release', r)).toEqual([]);
    expect(r.parties[1]).toMatchObject({ id: `CN-USCI-${WINNER}`, identifier: { scheme: USCC_SCHEME, id: WINNER }, roles: ['supplier'] });
    expect(r.awards[0]).toMatchObject({ status: 'pending', value: { amount: 2500.55, currency: 'CNY' }, suppliers: [{ id: `CN-USCI-${WINNER}` }] });
    expect(r.tender.numberOfTenderers).toBe(3);
    expect(JSON.stringify(r)).not.toContain(LOSER);
    // Before the award the same procurement publishes no bid figure at all.
    expect(JSON.stringify(wire('tenderAmendment', '2026-03-12T08:00:00Z', parts({ procurement: procurement(amended()) })))).not.toContain('numberOfTenderers');
  });

  it('falls back to the catalogue code and the USCC when a name is not known', () => {
    const s = procurementSnapshot(parts({ catalogueItemName: null, award, supplierName: null }));
    expect(s.catalogueItem.name).toBe('BJ-ELDERLY');
    expect(s.award?.suppliers).toEqual([{ uscc: WINNER, name: WINNER }]);
  });
});
