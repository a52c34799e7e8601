import { randomUUID } from 'node:crypto';
import {
  ContractSigned,
  FacilityEntrusted,
  FacilityPeriodChecked,
  JointMeasuresChanged,
  MilestoneAccepted,
  PaymentMade,
  PppAgreementSigned,
  VentureProjectsSelected,
  VentureProposalsReviewed,
  VentureProposalSubmitted,
  VentureRoundAnnounced,
  type JointMeasuresChangedV1,
} from '@sop/contracts';
import { buildCloudEvent, dataschemaOf } from '@sop/messaging';
import { waitFor } from '@sop/testing';
import { tokenOf } from './test-support/http-client.fixture';
import { purchasingHarness } from './test-support/purchasing-harness';

const DAY = 24 * 3600 * 1000;
const content = {
  serviceContent: '社区公益服务',
  quantity: '见项目书',
  qualityStandards: '符合项目书与行业规范',
  paymentSchedule: '按阶段验收合格后拨付',
  rightsAndObligations: '见协议',
  assessmentMethod: '按阶段验收，结项评估分档',
  breachLiability: '违约方承担违约责任',
};
const stage = (sequence: number, dueOn: string, amountFen: number) => ({ sequence, title: `阶段${sequence}`, deliverables: [`阶段${sequence}报告`], dueOn, amountFen });
type Body = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * The purchase modes beyond tenders on real MySQL/MariaDB and Kafka, over HTTP (issue 11 item 4): a
 * venture-philanthropy round with instalments, an entrusted facility with periodic checks, a PPP agreement with two
 * annual payments — each on the contract, acceptance and payment machinery of contract performance.
 */
describe('service purchasing: venture philanthropy, entrusted facilities, PPP (MySQL + Kafka)', () => {
  const h = purchasingHarness('modes', {
    organs: [
      ['unit-haidian-mca', '北京市海淀区民政局', '110108'],
      ['unit-chaoyang-mca', '北京市朝阳区民政局', '110105'],
    ],
    observe: [VentureProjectsSelected.topic, FacilityPeriodChecked.topic, ContractSigned.topic],
  });
  const { start, clock, transport, producers, onKafka, call, finance, purchaser, auditor, rep } = h;
  const otherPurchaser = tokenOf('purchaser-chaoyang', ['purchaser'], '110000', { unitId: 'unit-chaoyang-mca' });
  const organization = (registeringAuthority = '110108') => h.organization({ registeringAuthority, name: `公益服务中心${randomUUID().slice(0, 8)}` });
  beforeAll(() => h.setUp());
  afterAll(() => h.tearDown());

  it('a venture-philanthropy round: announce, 3 proposals, one ineligible refused rule by rule, review, 2 selected within the fund, instalments accepted and paid, completion evaluation', async () => {
    clock.set(start);
    const line = await h.budgetLine('VP-1', 20_000_000);
    const deadline = new Date(start.getTime() + 10 * DAY);
    const round = { title: '海淀区2026年度公益创投', description: '资助社会组织自主设计的社区公益项目', themes: ['为老服务', '青少年服务'], budgetLineId: line, fundFen: 10_000_000, perProjectCapFen: 5_000_000, method: 'COMPETITIVE_CONSULTATION', criteria: [{ name: '项目设计', weight: 60, maxPoints: 60 }, { name: '执行能力', weight: 40, maxPoints: 40 }], proposalDeadline: deadline.toISOString(), cycleStart: '2026-04-01', cycleEnd: '2027-03-31' };
    expect(await call('POST', '/venture-philanthropy/rounds', purchaser, { ...round, cycleEnd: '2027-04-01' })).toMatchObject({ status: 400, body: { code: 'PURCHASE_MODES.ROUND_INVALID', errors: [{ field: 'cycleEnd' }] } });
    expect((await call('POST', '/venture-philanthropy/rounds', finance, round)).status).toBe(403);
    const announced = await call('POST', '/venture-philanthropy/rounds', purchaser, round);
    expect(announced).toMatchObject({ status: 201, body: { status: 'OPEN', eligibility: { version: 'venture-philanthropy/eligibility@v1', barringLists: ['ABNORMAL', 'SERIOUS'], noPenaltyYears: 2 } } });
    const id = announced.body.id as string;
    expect((await call('GET', `/budgets/${line}`, finance)).body).toMatchObject({ committedFen: 10_000_000 });
    expect(await call('GET', `/venture-philanthropy/rounds/${id}`, null)).toMatchObject({ status: 200, body: { themes: round.themes, selection: null } });

    // Two local organizations; a third registered in Shanghai and on the abnormal list.
    const [orgA, orgB, orgC] = [await organization(), await organization(), await organization('310104')];
    const measures: JointMeasuresChangedV1 = { uscc: orgC, lists: ['ABNORMAL'], measures: [], effectiveFrom: clock.now().toISOString(), ruleVersion: 'credit-lists/order-60@v1' };
    const listing = producers.next(buildCloudEvent('credit-supervision', dataschemaOf(JointMeasuresChanged), { type: JointMeasuresChanged.type, subject: orgC, data: measures }, clock.now()));
    await transport.publish([{ topic: JointMeasuresChanged.topic, key: orgC, value: JSON.stringify(listing) }]);
    await waitFor(async () => ((await call('GET', `/suppliers/${orgC}`, purchaser)).body.jointMeasures ? true : undefined), 60000, 'abnormal listing applied');

    const propose = (org: string, budgetFen: number, stages: unknown[], theme = '为老服务') => call('POST', `/venture-philanthropy/rounds/${id}/proposals`, rep(org), { theme, title: `项目-${org}`, summary: '社区关爱', budgetFen, stages, content });
    const stagesA = [stage(1, '2026-07-31', 2_000_000), stage(2, '2026-11-30', 1_500_000), stage(3, '2027-03-31', 1_500_000)];
    const stagesB = [stage(1, '2026-09-30', 2_000_000), stage(2, '2027-03-31', 2_000_000)];
    expect(await propose(orgA, 6_000_000, [stage(1, '2027-03-31', 6_000_000)])).toMatchObject({ status: 400, body: { code: 'PURCHASE_MODES.PROPOSAL_INVALID', errors: [{ field: 'budgetFen' }] } });
    expect((await propose(orgA, 5_000_000, stagesA)).status).toBe(201);
    expect(await propose(orgA, 5_000_000, stagesA)).toMatchObject({ status: 409, body: { code: 'PURCHASE_MODES.PROPOSAL_EXISTS' } });
    expect((await propose(orgB, 4_000_000, stagesB, '青少年服务')).status).toBe(201);
    expect((await propose(orgC, 3_000_000, [stage(1, '2027-03-31', 3_000_000)])).status).toBe(201);
    expect((await call('GET', `/venture-philanthropy/rounds/${id}/proposals/mine`, rep(orgB))).body.map((p: Body) => p.uscc)).toEqual([orgB]);
    const marks = (uscc: string, design: number, capacity: number) => ({ bidderUscc: uscc, quality: [{ criterion: '项目设计', points: design }, { criterion: '执行能力', points: capacity }] });
    expect(await call('POST', `/venture-philanthropy/rounds/${id}/review`, purchaser, { scores: [marks(orgA, 55, 35)] })).toMatchObject({ status: 409, body: { code: 'PURCHASE_MODES.REVIEW_TOO_EARLY' } });

    clock.set(new Date(deadline.getTime() + 3600_000));
    expect(await propose(orgC, 3_000_000, [stage(1, '2027-03-31', 3_000_000)])).toMatchObject({ status: 409, body: { code: 'PURCHASE_MODES.PROPOSALS_CLOSED' } });
    expect(await call('POST', `/venture-philanthropy/rounds/${id}/review`, purchaser, { scores: [marks(orgA, 55, 35), marks(orgB, 50, 30), marks(orgC, 60, 40)] })).toMatchObject({ status: 400, body: { code: 'PURCHASING.SCORES_INVALID' } });
    expect((await call('POST', `/venture-philanthropy/rounds/${id}/review`, otherPurchaser, { scores: [marks(orgA, 55, 35), marks(orgB, 50, 30)] })).status).toBe(403);
    const review = await call('POST', `/venture-philanthropy/rounds/${id}/review`, purchaser, { scores: [marks(orgA, 55, 35), marks(orgB, 50, 30)] });
    expect(review).toMatchObject({ status: 201, body: { eligibility: { stage: 'REVIEW', asOf: deadline.toISOString(), ruleVersion: 'purchasing/110000@v1' }, scores: { bids: [{ bidderUscc: orgA, total: 90, rank: 1 }, { bidderUscc: orgB, total: 80, rank: 2 }] } } });
    const ofC = review.body.eligibility.proposers.find((p: Body) => p.uscc === orgC);
    expect(ofC.eligible).toBe(false);
    expect(ofC.rules.filter((r: Body) => r.outcome === 'FAIL')).toEqual([
      expect.objectContaining({ rule: 'REGISTERED_LOCALLY', evidence: expect.objectContaining({ registeringAuthority: '310104', roundJurisdiction: '110108' }) }),
      expect.objectContaining({ rule: 'NOT_ON_CREDIT_LISTS', evidence: expect.objectContaining({ measuresEventId: listing.id, lists: ['ABNORMAL'] }) }),
    ]);
    expect((await call('GET', `/venture-philanthropy/rounds/${id}/review`, auditor)).status).toBe(200);

    // Selecting the ineligible proposal is refused rule by rule; the two eligible ones fit in the fund.
    const proposalOf = async (org: string) => (await call('GET', `/venture-philanthropy/rounds/${id}/proposals/mine`, rep(org))).body[0].id as string;
    const [pA, pB, pC] = [await proposalOf(orgA), await proposalOf(orgB), await proposalOf(orgC)];
    const refused = await call('POST', `/venture-philanthropy/rounds/${id}/selection`, purchaser, { proposalIds: [pA, pC], reasons: ['x'] });
    expect(refused).toMatchObject({ status: 422, body: { code: 'PURCHASE_MODES.PROPOSAL_INELIGIBLE' } });
    expect(refused.body.errors.map((e: Body) => e.message.split(':')[0])).toEqual(['REGISTERED_LOCALLY', 'NOT_ON_CREDIT_LISTS']);
    expect(await call('POST', `/venture-philanthropy/rounds/${id}/selection`, purchaser, { proposalIds: [pB], reasons: ['x'] })).toMatchObject({ status: 400, body: { code: 'PURCHASE_MODES.SELECTION_INVALID' } });
    const selected = await call('POST', `/venture-philanthropy/rounds/${id}/selection`, purchaser, { proposalIds: [pA, pB], reasons: ['评审得分靠前且在资金额度内'] });
    expect(selected).toMatchObject({ status: 201, body: { selectedFen: 9_000_000, releasedFen: 1_000_000, projects: [{ proposalId: pA, rank: 1, eligibility: { eligible: true } }, { proposalId: pB, rank: 2 }] } });
    expect((await call('POST', `/venture-philanthropy/rounds/${id}/selection`, purchaser, { proposalIds: [pA, pB], reasons: ['x'] })).body.code).toBe('PURCHASE_MODES.ALREADY_SELECTED');
    expect((await call('GET', `/budgets/${line}`, finance)).body).toMatchObject({ committedFen: 9_000_000, paidFen: 0 });
    const [cA, cB] = selected.body.projects.map((p: Body) => p.contractId as string);
    expect((await call('GET', `/contracts/${cA}`, purchaser)).body).toMatchObject({ supplierUscc: orgA, valueFen: 5_000_000, termStart: '2026-04-01', termEnd: '2027-03-31', status: 'SIGNED' });

    // Instalments by stage: accepted by the organ, paid by the finance officer; the last acceptance is the completion evaluation.
    const accept = (c: string, sequence: number, passed: boolean, score: number) => call('POST', `/contracts/${c}/milestones/${sequence}/acceptance`, purchaser, { passed, score, findings: ['阶段验收'] });
    const pay = (c: string, sequence: number, amountFen: number) => call('POST', `/contracts/${c}/payments`, finance, { sequence, amountFen, paidAt: clock.now().toISOString() });
    clock.set(new Date('2026-08-03T02:00:00.000Z'));
    expect(await pay(cA, 1, 2_000_000)).toMatchObject({ status: 409, body: { code: 'PURCHASING.MILESTONE_NOT_ACCEPTED' } });
    expect((await accept(cA, 1, true, 88)).status).toBe(201);
    expect((await pay(cA, 1, 2_000_000)).status).toBe(201);
    clock.set(new Date('2026-12-01T02:00:00.000Z'));
    for (const [c, s] of [[cA, 2], [cB, 1]] as const) expect((await accept(c, s, true, 85)).status).toBe(201);
    expect((await pay(cA, 2, 1_500_000)).status).toBe(201);
    expect((await pay(cB, 1, 2_000_000)).status).toBe(201);
    clock.set(new Date('2027-04-01T02:00:00.000Z'));
    expect((await accept(cA, 3, true, 93)).body).toMatchObject({ band: 'EXCELLENT' });
    expect((await accept(cB, 2, true, 78)).body).toMatchObject({ band: 'QUALIFIED' });
    expect((await pay(cA, 3, 1_500_000)).body).toMatchObject({ contractStatus: 'COMPLETED' });
    expect((await pay(cB, 2, 2_000_000)).body).toMatchObject({ contractStatus: 'COMPLETED' });
    const view = await call('GET', `/venture-philanthropy/rounds/${id}`, null);
    expect(view.body).toMatchObject({ status: 'SELECTED', selection: { projects: [
      { uscc: orgA, contractStatus: 'COMPLETED', paidFen: 5_000_000, completionEvaluation: { sequence: 3, score: 93, band: 'EXCELLENT' } },
      { uscc: orgB, contractStatus: 'COMPLETED', paidFen: 4_000_000, completionEvaluation: { sequence: 2, band: 'QUALIFIED' } },
    ] } });
    expect((await call('GET', `/budgets/${line}`, finance)).body).toMatchObject({ committedFen: 0, paidFen: 9_000_000 });
    expect(await h.outboxTypes(id)).toEqual([VentureRoundAnnounced.type, ...Array(3).fill(VentureProposalSubmitted.type), VentureProposalsReviewed.type, VentureProjectsSelected.type]);
    expect((await h.outboxTypes(orgA)).filter((t) => t.startsWith('purchasing.contract.'))).toEqual([ContractSigned.type, ...[1, 2, 3].flatMap(() => [MilestoneAccepted.type, PaymentMade.type])]);
    const onTopic = await waitFor(() => onKafka.find((e) => e.type === VentureProjectsSelected.type && e.subject === id), 60000, 'selection on Kafka');
    expect(onTopic.data).toMatchObject({ projects: [{ contractId: cA }, { contractId: cB }], releasedFen: 1_000_000 });
  });

  it('an entrusted facility: operator from the award, one period check passed and paid, one failed and its subsidy withheld', async () => {
    clock.set(new Date('2026-05-04T02:00:00.000Z'));
    const line = await h.budgetLine('FAC-1', 2_000_000);
    const notice = await call('POST', '/procurements', purchaser, {
      title: '北太平庄养老照料中心委托运营', description: '公建民营', method: 'OPEN_TENDERING', catalogueItemCode: 'PS-ELDERLY-CARE', budgetLineId: line, estimatedFen: 1_000_000,
      qualificationRequirements: { noMajorViolationYears: 3 }, scoring: { priceWeight: 30, criteria: [{ name: '运营方案', weight: 70, maxPoints: 70 }] }, bidDeadline: new Date(clock.now().getTime() + 21 * DAY).toISOString(),
    });
    expect(notice.status).toBe(201);
    const pid = notice.body.id as string;
    const [orgD, orgE] = [await organization(), await organization()];
    for (const [org, priceFen] of [[orgD, 800_000], [orgE, 900_000]] as const) expect((await call('POST', `/procurements/${pid}/bids`, rep(org), { priceFen, technicalProposal: '运营方案', declarations: [] })).status).toBe(201);
    clock.set(new Date(clock.now().getTime() + 22 * DAY));
    const m = (uscc: string, p: number) => ({ bidderUscc: uscc, quality: [{ criterion: '运营方案', points: p }] });
    expect((await call('POST', `/procurements/${pid}/scores`, purchaser, { scores: [m(orgD, 65), m(orgE, 50)] })).status).toBe(201);
    const award = await call('POST', `/procurements/${pid}/award`, purchaser, { reasons: ['综合得分最高'] });
    expect(award.body.winner.bidderUscc).toBe(orgD);

    const facility = await call('POST', '/entrusted-facilities', purchaser, { name: '北太平庄街道养老照料中心', kind: 'ELDERLY_CARE', address: '北京市海淀区北太平庄路18号', capacity: 120 });
    expect(facility).toMatchObject({ status: 201, body: { status: 'REGISTERED', ownerUnitId: 'unit-haidian-mca' } });
    const fid = facility.body.id as string;
    clock.set(new Date(new Date(award.body.standstill.endsAt).getTime() + 3600_000));
    const indicators = [{ name: '入住率', unit: '%', comparison: 'AT_LEAST', threshold: 60 }, { name: '满意度', unit: '%', comparison: 'AT_LEAST', threshold: 85 }, { name: '安全事故', unit: '起', comparison: 'AT_MOST', threshold: 0 }];
    const subsidies = [stage(1, '2026-10-31', 200_000), stage(2, '2027-01-31', 200_000), stage(3, '2027-04-30', 200_000), stage(4, '2027-07-31', 200_000)];
    const entrust = { procurementId: pid, content, termStart: '2026-08-01', termEnd: '2027-07-31', signedAt: clock.now().toISOString(), fees: [{ item: '床位费', unit: '元/人/月', capFen: 250_000 }], indicators, subsidies };
    expect(await call('POST', `/entrusted-facilities/${fid}/operation`, purchaser, { ...entrust, operatorUscc: orgE })).toMatchObject({ status: 422, body: { code: 'PURCHASE_MODES.AWARD_NOT_TO_OPERATOR', awardedUscc: orgD } });
    expect((await call('POST', `/entrusted-facilities/${fid}/operation`, otherPurchaser, { ...entrust, operatorUscc: orgD })).status).toBe(403);
    const entrusted = await call('POST', `/entrusted-facilities/${fid}/operation`, purchaser, { ...entrust, operatorUscc: orgD });
    expect(entrusted).toMatchObject({ status: 201, body: { status: 'ENTRUSTED', operation: { operatorUscc: orgD, basis: 'PROCUREMENT_AWARD', subsidyFen: 800_000, periods: 4 } } });
    const contractId = entrusted.body.operation.contractId as string;
    expect((await call('GET', `/contracts/${contractId}`, finance)).body).toMatchObject({ procurementId: pid, supplierUscc: orgD, valueFen: 800_000 });
    expect((await call('POST', `/entrusted-facilities/${fid}/operation`, purchaser, { ...entrust, operatorUscc: orgD })).body.code).toBe('PURCHASE_MODES.FACILITY_ALREADY_ENTRUSTED');

    const check = (period: number, values: number[], score: number) => call('POST', `/entrusted-facilities/${fid}/checks/${period}`, purchaser, { results: indicators.map((x, i) => ({ indicator: x.name, value: values[i] })), score });
    const pay = (sequence: number) => call('POST', `/contracts/${contractId}/payments`, finance, { sequence, amountFen: 200_000, paidAt: clock.now().toISOString() });
    clock.set(new Date('2026-11-02T02:00:00.000Z'));
    expect(await call('POST', `/entrusted-facilities/${fid}/checks/1`, purchaser, { results: [{ indicator: '入住率', value: 70 }], score: 90 })).toMatchObject({ status: 400, body: { code: 'PURCHASE_MODES.INDICATOR_RESULTS_INVALID' } });
    expect(await check(1, [72, 91, 0], 88)).toMatchObject({ status: 201, body: { period: 1, passed: true, band: 'GOOD' } });
    expect(await pay(1)).toMatchObject({ status: 201, body: { milestonePaidFen: 200_000 } });
    clock.set(new Date('2027-02-02T02:00:00.000Z'));
    expect(await check(2, [75, 90, 1], 70)).toMatchObject({ status: 201, body: { period: 2, passed: false, band: 'QUALIFIED', results: [{ met: true }, { met: true }, { indicator: '安全事故', met: false }] } });
    expect(await pay(2)).toMatchObject({ status: 409, body: { code: 'PURCHASING.MILESTONE_NOT_ACCEPTED' } });
    const view = await call('GET', `/entrusted-facilities/${fid}`, null);
    expect(view.body.checks.map((c: Body) => [c.period, c.passed, c.band])).toEqual([[1, true, 'GOOD'], [2, false, 'QUALIFIED']]);
    expect((await call('GET', `/contracts/${contractId}`, auditor)).body).toMatchObject({ totals: { paidFen: 200_000 } });
    expect(await h.outboxTypes(fid)).toEqual([FacilityEntrusted.type, FacilityPeriodChecked.type, FacilityPeriodChecked.type]);
    // A second facility, its operator recorded with its legal basis: the contract commits the subsidies on the line (Art. 24 applies).
    const other = (await call('POST', '/entrusted-facilities', purchaser, { name: '学院路社区服务中心', kind: 'COMMUNITY_CENTER', address: '北京市海淀区学院路1号', capacity: 40 })).body.id as string;
    const byLaw = { operatorUscc: orgE, legalBasis: '《北京市社区服务设施公建民营办法》第8条', budgetLineId: line, method: 'SINGLE_SOURCE', content, termStart: '2027-03-01', termEnd: '2028-02-29', signedAt: clock.now().toISOString(), fees: [], indicators, subsidies: [stage(1, '2028-02-29', 300_000)] };
    expect(await call('POST', `/entrusted-facilities/${other}/operation`, purchaser, { ...byLaw, procurementId: pid })).toMatchObject({ status: 400, body: { code: 'PURCHASE_MODES.OPERATOR_BASIS_REQUIRED' } });
    expect(await call('POST', `/entrusted-facilities/${other}/operation`, purchaser, { ...byLaw, termEnd: '2029-02-28' })).toMatchObject({ status: 422, body: { code: 'PURCHASING.TERM_TOO_LONG' } });
    expect(await call('POST', `/entrusted-facilities/${other}/operation`, purchaser, byLaw)).toMatchObject({ status: 201, body: { operation: { basis: 'LEGAL_BASIS', operatorUscc: orgE, subsidyFen: 300_000 } } });
    expect((await call('GET', `/budgets/${line}`, finance)).body).toMatchObject({ committedFen: 600_000 + 300_000, paidFen: 200_000 });
    const checked = await waitFor(() => { const got = onKafka.filter((e) => e.type === FacilityPeriodChecked.type && e.subject === fid); return got.length === 2 ? got : undefined; }, 60000, 'checks on Kafka');
    expect(checked.map((e) => (e.data as Body).passed)).toEqual([true, false]);
  });

  it('a PPP agreement past the Art. 24 limits with two annual availability payments accepted on performance and paid', async () => {
    clock.set(new Date('2026-04-20T02:00:00.000Z'));
    const line = await h.budgetLine('PPP-1', 20_000_000);
    const partner = await organization();
    const payments = Array.from({ length: 10 }, (_, i) => ({ year: i + 1, dueOn: `${2027 + i}-03-31`, amountFen: 1_000_000, deliverables: ['年度绩效评价'] }));
    const agreement = { partnerUscc: partner, projectName: '海淀区康养中心PPP项目', approval: '实施方案批复（物有所值评价、财政承受能力论证通过）', method: 'OPEN_TENDERING', budgetLineId: line, termStart: '2026-05-01', termEnd: '2036-04-30', signedAt: clock.now().toISOString(), payments, content };
    // The same 10-year term is refused for a purchase-of-services contract (Order 102 Art. 24) …
    expect(await call('POST', '/contracts', purchaser, { supplierUscc: partner, title: 'x', method: 'OPEN_TENDERING', valueFen: 10_000_000, termStart: '2026-05-01', termEnd: '2036-04-30', signedAt: clock.now().toISOString(), multiYear: { budgetAssured: true, stableService: true } })).toMatchObject({ status: 422, body: { code: 'PURCHASING.TERM_TOO_LONG' } });
    // … and a 3-year PPP is not a PPP.
    expect(await call('POST', '/ppp/agreements', purchaser, { ...agreement, termEnd: '2029-04-30', payments: payments.slice(0, 3) })).toMatchObject({ status: 422, body: { code: 'PURCHASE_MODES.PPP_TERM_INVALID' } });
    const signed = await call('POST', '/ppp/agreements', purchaser, agreement);
    expect(signed).toMatchObject({ status: 201, body: { years: 10, partnerUscc: partner, ruleVersion: 'purchasing/110000@v1+ppp/term@v1+ppp/performance-link@v1', minimumScore: 60 } });
    const { id, contractId } = signed.body as { id: string; contractId: string };
    expect((await call('GET', `/contracts/${contractId}`, finance)).body).toMatchObject({ valueFen: 10_000_000, termEnd: '2036-04-30', multiYear: { budgetAssured: true, stableService: true }, status: 'SIGNED' });
    expect((await call('GET', `/budgets/${line}`, finance)).body).toMatchObject({ committedFen: 10_000_000 });
    const assess = (year: number, score: number) => call('POST', `/ppp/agreements/${id}/years/${year}/assessment`, purchaser, { score, findings: ['年度绩效评价'] });
    const pay = (year: number) => call('POST', `/contracts/${contractId}/payments`, finance, { sequence: year, amountFen: 1_000_000, paidAt: clock.now().toISOString() });
    clock.set(new Date('2027-04-06T02:00:00.000Z'));
    expect((await pay(1)).body.code).toBe('PURCHASING.MILESTONE_NOT_ACCEPTED');
    expect((await call('POST', `/ppp/agreements/${id}/years/1/assessment`, otherPurchaser, { score: 92, findings: [] })).status).toBe(403);
    expect(await assess(1, 92)).toMatchObject({ status: 201, body: { passed: true, band: 'EXCELLENT', findings: [expect.stringContaining('92 ≥ minimum 60'), '年度绩效评价'] } });
    expect((await pay(1)).status).toBe(201);
    // Year 2 falls below the minimum: not accepted, its payment refused; after rectification it is re-assessed and paid.
    clock.set(new Date('2028-04-06T02:00:00.000Z'));
    expect(await assess(2, 55)).toMatchObject({ status: 201, body: { passed: false, attempt: 1, band: 'UNQUALIFIED' } });
    expect((await pay(2)).body.code).toBe('PURCHASING.MILESTONE_NOT_ACCEPTED');
    expect(await assess(2, 81)).toMatchObject({ status: 201, body: { passed: true, attempt: 2, band: 'GOOD' } });
    expect((await pay(2)).status).toBe(201);
    const view = await call('GET', `/ppp/agreements/${id}`, null);
    expect(view.body.schedule.slice(0, 3).map((y: Body) => [y.year, y.paidFen, y.acceptance?.band ?? null])).toEqual([[1, 1_000_000, 'EXCELLENT'], [2, 1_000_000, 'GOOD'], [3, 0, null]]);
    expect((await call('GET', `/budgets/${line}`, finance)).body).toMatchObject({ committedFen: 8_000_000, paidFen: 2_000_000 });
    expect(await h.outboxTypes(id)).toEqual([PppAgreementSigned.type]);
    expect((await call('GET', '/errors', null)).body.codes.map((c: Body) => c.code)).toEqual(expect.arrayContaining(['PURCHASE_MODES.PPP_TERM_INVALID', 'PURCHASE_MODES.PROPOSAL_INELIGIBLE', 'PURCHASE_MODES.AWARD_NOT_TO_OPERATOR']));
  });
});
