import type { LifecycleEvent, LifecycleStep } from './ocds-release';
import type { ProcurementSnapshot } from './procurement-snapshot';

// Test data: one open tender of a community elderly-care service, as the service will know it at the end.
export const SUPPLIER_USCC = '52110108MJ0000018M';
export const OCID = 'ocds-sop001-6f1c2a9e-3b7d-4c1e-9a55-0d2f4e8b7c31';

export function openTenderSnapshot(over: Partial<ProcurementSnapshot> = {}): ProcurementSnapshot {
  return {
    ocid: OCID,
    procurementId: '6f1c2a9e-3b7d-4c1e-9a55-0d2f4e8b7c31',
    title: '海淀区社区居家养老服务',
    description: '为辖区高龄独居老人提供上门助餐、助洁服务',
    buyer: { unitId: 'HD-MZJ', name: '北京市海淀区民政局', jurisdiction: '110108' },
    method: 'OPEN_TENDERING',
    budgetLine: { id: 'a0d3c1f2-5b6e-4d7f-8a9b-0c1d2e3f4a5b', description: '2027年社区养老服务购买经费' },
    catalogueItem: { code: 'B0301', name: '养老服务', catalogueVersion: 'catalogue/110108@v2' },
    estimatedFen: 120_000_000,
    scoring: { priceWeightPercent: 30, qualityWeightPercent: 70, criteria: ['服务方案', '人员配备', '以往业绩'] },
    qualificationRequirements: '依法登记的社会组织；近三年无重大违法记录',
    plannedAt: '2027-02-20T02:00:00Z',
    notice: { publishedAt: '2027-03-01T01:30:00Z', bidDeadline: '2027-03-22T01:30:00Z' },
    amendments: [
      { number: 1, amendedAt: '2027-03-10T06:00:00Z', changed: ['bidDeadline'], reasons: ['答疑后延长投标截止时间'], bidDeadline: '2027-03-25T01:30:00Z' },
    ],
    bids: { count: 4 },
    award: {
      awardId: 'award-1',
      awardedAt: '2027-03-28T08:00:00Z',
      valueFen: 112_345_678,
      suppliers: [{ uscc: SUPPLIER_USCC, name: '海淀区夕阳红养老服务中心' }],
      reasons: '综合得分第一',
      standstillEndsAt: '2027-04-08T16:00:00Z',
    },
    contract: {
      contractId: 'contract-1',
      title: '海淀区社区居家养老服务合同',
      signedAt: '2027-04-12T02:00:00Z',
      valueFen: 112_345_678,
      termStart: '2027-05-01',
      termEnd: '2028-04-30',
      milestones: [
        { id: 'm1', title: '上半年服务', deliverables: '助餐助洁服务记录及满意度调查', amountFen: 56_172_839, dueDate: '2027-10-31', acceptance: { acceptedAt: '2027-11-05T03:00:00Z', passed: true } },
        { id: 'm2', title: '下半年服务', deliverables: '全年服务总结报告', amountFen: 56_172_839, dueDate: '2028-04-30', acceptance: { acceptedAt: '2028-05-06T03:00:00Z', passed: true } },
      ],
      payments: [
        { id: 'pay-1', milestoneId: 'm1', paidAt: '2027-11-20T02:00:00Z', amountFen: 56_172_839 },
        { id: 'pay-2', milestoneId: 'm2', paidAt: '2028-05-20T02:00:00Z', amountFen: 56_172_839 },
      ],
    },
    ...over,
  };
}

export const event = (step: LifecycleStep, at: string, eventId = `${step}-${at}`): LifecycleEvent => ({ step, eventId, at });

/** The events of the full open tender: planning → tender → amendment → award → contract → two payments. */
export const OPEN_TENDER_EVENTS: LifecycleEvent[] = [
  event('planning', '2027-02-20T02:00:00Z', 'e1'),
  event('tender', '2027-03-01T01:30:00Z', 'e2'),
  event('tenderAmendment', '2027-03-10T06:00:00Z', 'e3'),
  event('award', '2027-03-28T08:00:00Z', 'e4'),
  event('contract', '2027-04-12T02:00:00Z', 'e5'),
  event('implementation', '2027-11-20T02:00:00Z', 'e6'),
  event('implementation', '2028-05-20T02:00:00Z', 'e7'),
];
