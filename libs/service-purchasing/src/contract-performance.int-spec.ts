import { randomUUID } from 'node:crypto';
import {
  ContractFlagged,
  ContractSigned,
  ContractTerminated,
  JointMeasuresChanged,
  ListEntered,
  MilestoneAccepted,
  PaymentDecided,
  PaymentMade,
  type JointMeasuresChangedV1,
  type ListEnteredV1,
} from '@sop/contracts';
import { buildCloudEvent, dataschemaOf } from '@sop/messaging';
import { waitFor } from '@sop/testing';
import { tokenOf } from './test-support/http-client.fixture';
import { purchasingHarness } from './test-support/purchasing-harness';

const DAY = 24 * 3600 * 1000;
const content = {
  serviceContent: '为辖区老年人提供居家养老上门服务',
  quantity: '200户，每户每月4次',
  qualityStandards: '符合居家养老服务规范',
  paymentSchedule: '按里程碑验收合格后支付',
  rightsAndObligations: '见合同第5条',
  assessmentMethod: '按绩效评价指标打分，分档见北京市规则集',
  breachLiability: '违约方承担违约金并赔偿损失',
};

/**
 * Contract performance on real MySQL/MariaDB and Kafka, over HTTP (issue 11): a full open tender from the notice to
 * the final payment, and a payment blocked after a serious listing of the supplier until a finance officer decides.
 */
describe('service purchasing: contract, milestones, acceptance, payments, serious-list flag (MySQL + Kafka)', () => {
  const h = purchasingHarness('perf', { observe: [ContractSigned.topic] });
  const { start, clock, transport, producers, onKafka, call, finance, purchaser, auditor, rep } = h;
  const financeShanghai = tokenOf('fin-shanghai', ['finance-officer'], '310000');
  const organization = () => h.organization({ name: `养老服务中心${randomUUID().slice(0, 8)}` });
  beforeAll(() => h.setUp());
  afterAll(() => h.tearDown());

  it('a full open tender: notice, bids, deadline, scoring, award, standstill, contract with 3 milestones, acceptances, payments, final payment → COMPLETED', async () => {
    clock.set(start);
    const line = await h.budgetLine('PERF-1', 1_000_000);
    const notice = await call('POST', '/procurements', purchaser, {
      title: '海淀区社区居家养老服务项目',
      description: '为辖区老年人提供居家养老上门服务',
      method: 'OPEN_TENDERING',
      catalogueItemCode: 'PS-ELDERLY-CARE',
      budgetLineId: line,
      estimatedFen: 300_000,
      qualificationRequirements: { noMajorViolationYears: 3 },
      scoring: { priceWeight: 30, criteria: [{ name: '服务方案', weight: 50, maxPoints: 50 }, { name: '团队与经验', weight: 20, maxPoints: 20 }] },
      bidDeadline: new Date(start.getTime() + 25 * DAY).toISOString(),
    });
    expect(notice.status).toBe(201);
    const id = notice.body.id as string;
    const [orgA, orgB] = [await organization(), await organization()];
    for (const [org, priceFen] of [[orgA, 280_000], [orgB, 250_000]] as const)
      expect((await call('POST', `/procurements/${id}/bids`, rep(org), { priceFen, technicalProposal: `方案-${org}`, declarations: [] })).status).toBe(201);

    clock.set(new Date(start.getTime() + 26 * DAY));
    const marks = (uscc: string, plan: number, team: number) => ({ bidderUscc: uscc, quality: [{ criterion: '服务方案', points: plan }, { criterion: '团队与经验', points: team }] });
    expect((await call('POST', `/procurements/${id}/scores`, purchaser, { scores: [marks(orgA, 50, 20), marks(orgB, 30, 10)] })).status).toBe(201);
    const award = await call('POST', `/procurements/${id}/award`, purchaser, { reasons: ['综合得分最高'] });
    expect(award).toMatchObject({ status: 201, body: { winner: { bidderUscc: orgA, priceFen: 280_000 } } });
    const standstillEndsAt = new Date(award.body.standstill.endsAt);

    const milestones = [
      { sequence: 1, title: '入户评估与服务计划', deliverables: ['200户评估报告'], dueOn: '2026-07-31', amountFen: 100_000 },
      { sequence: 2, title: '上门服务（上半期）', deliverables: ['服务记录'], dueOn: '2026-12-31', amountFen: 100_000 },
      { sequence: 3, title: '上门服务（下半期）与总结', deliverables: ['服务记录', '总结报告'], dueOn: '2027-03-31', amountFen: 80_000 },
    ];
    const body = { content, termStart: '2026-04-06', termEnd: '2027-04-05', signedAt: new Date(standstillEndsAt.getTime() + 3600_000).toISOString(), milestones };
    // During the standstill: refused, with the instant it ends.
    expect(await call('POST', `/procurements/${id}/contract`, purchaser, { ...body, signedAt: clock.now().toISOString() })).toMatchObject({
      status: 409,
      body: { code: 'PURCHASING.STANDSTILL_NOT_ENDED', standstillEndsAt: standstillEndsAt.toISOString() },
    });
    clock.set(new Date(standstillEndsAt.getTime() + 2 * 3600_000));
    expect(await call('POST', `/procurements/${id}/contract`, purchaser, { ...body, milestones: milestones.slice(0, 2) })).toMatchObject({ status: 400, body: { code: 'PURCHASING.MILESTONES_INVALID', errors: [{ field: 'milestones' }] } });
    expect(await call('POST', `/procurements/${id}/contract`, purchaser, { ...body, milestones: [{ ...milestones[0], dueOn: '2027-04-06' }, ...milestones.slice(1)] })).toMatchObject({
      status: 400,
      body: { code: 'PURCHASING.MILESTONES_INVALID', errors: [{ field: 'milestones.0.dueOn' }] },
    });
    expect((await call('POST', `/procurements/${id}/contract`, finance, body)).status).toBe(403);
    const signed = await call('POST', `/procurements/${id}/contract`, purchaser, body, { 'idempotency-key': `sign-${id}` });
    expect(signed).toMatchObject({ status: 201, body: { supplierUscc: orgA, valueFen: 280_000, method: 'OPEN_TENDERING', procurementId: id, ocid: notice.body.ocid, content, status: 'SIGNED' } });
    const contractId = signed.body.id as string;
    expect(await call('POST', `/procurements/${id}/contract`, purchaser, body, { 'idempotency-key': `sign-${id}` })).toMatchObject({ status: 200, body: { id: contractId } });
    expect(await call('POST', `/procurements/${id}/contract`, purchaser, body)).toMatchObject({ status: 409, body: { code: 'PURCHASING.CONTRACT_EXISTS', contractId } });
    // The contract commits its value: the 20,000 fen of the estimate above the price go back to the line.
    expect((await call('GET', `/budgets/${line}`, finance)).body).toMatchObject({ committedFen: 280_000, paidFen: 0 });

    const pay = (sequence: number, amountFen: number, who = finance) => call('POST', `/contracts/${contractId}/payments`, who, { sequence, amountFen, paidAt: clock.now().toISOString() });
    const accept = (sequence: number, passed: boolean, score: number) => call('POST', `/contracts/${contractId}/milestones/${sequence}/acceptance`, purchaser, { passed, score, findings: ['按合同验收'] });
    // Payments only against accepted milestones.
    clock.set(new Date('2026-08-01T02:00:00.000Z'));
    expect(await pay(1, 10_000)).toMatchObject({ status: 409, body: { code: 'PURCHASING.MILESTONE_NOT_ACCEPTED' } });
    expect((await call('POST', `/contracts/${contractId}/milestones/1/acceptance`, finance, { passed: true, score: 90, findings: ['x'] })).status).toBe(403);
    expect(await accept(1, true, 92)).toMatchObject({ status: 201, body: { attempt: 1, passed: true, band: 'EXCELLENT', ruleVersion: 'purchasing/110000@v1' } });
    expect(await accept(1, true, 95)).toMatchObject({ status: 409, body: { code: 'PURCHASING.MILESTONE_ALREADY_ACCEPTED' } });
    expect(await accept(4, true, 95)).toMatchObject({ status: 404, body: { code: 'PURCHASING.MILESTONE_NOT_FOUND' } });
    expect((await pay(1, 10_000, purchaser)).status).toBe(403);
    expect(await pay(1, 10_000, financeShanghai)).toMatchObject({ status: 404, body: { code: 'PURCHASING.CONTRACT_NOT_FOUND' } });
    expect(await pay(1, 100_001)).toMatchObject({ status: 422, body: { code: 'PURCHASING.MILESTONE_OVERPAID', outstandingFen: 100_000 } });

    // Six parallel payments of 30,000 against the 100,000 of milestone 1: three commit, three are refused.
    const parallel = await Promise.all(Array.from({ length: 6 }, () => pay(1, 30_000)));
    expect(parallel.filter((r) => r.status === 201)).toHaveLength(3);
    expect(parallel.filter((r) => r.status !== 201).map((r) => r.body.code)).toEqual(Array(3).fill('PURCHASING.MILESTONE_OVERPAID'));
    expect(await pay(1, 10_000)).toMatchObject({ status: 201, body: { milestonePaidFen: 100_000, milestoneOutstandingFen: 0, contractPaidFen: 100_000, contractStatus: 'SIGNED' } });
    expect((await call('GET', `/budgets/${line}`, finance)).body).toMatchObject({ committedFen: 180_000, paidFen: 100_000 });

    // Milestone 2 fails, is reworked and passes on re-acceptance; milestone 3 completes the contract.
    clock.set(new Date('2027-01-05T02:00:00.000Z'));
    expect(await accept(2, true, 50)).toMatchObject({ status: 422, body: { code: 'PURCHASING.ACCEPTANCE_INCONSISTENT' } });
    expect(await accept(2, false, 50)).toMatchObject({ status: 201, body: { attempt: 1, passed: false, band: 'UNQUALIFIED' } });
    expect(await pay(2, 100_000)).toMatchObject({ status: 409, body: { code: 'PURCHASING.MILESTONE_NOT_ACCEPTED' } });
    expect(await accept(2, true, 85)).toMatchObject({ status: 201, body: { attempt: 2, passed: true, band: 'GOOD' } });
    expect((await pay(2, 100_000)).status).toBe(201);
    clock.set(new Date('2027-04-01T02:00:00.000Z'));
    expect((await accept(3, true, 80)).status).toBe(201);
    const last = await pay(3, 80_000);
    expect(last).toMatchObject({ status: 201, body: { contractPaidFen: 280_000, contractOutstandingFen: 0, contractStatus: 'COMPLETED' } });
    expect(await pay(3, 1)).toMatchObject({ status: 409, body: { code: 'PURCHASING.CONTRACT_NOT_IN_PERFORMANCE', contractStatus: 'COMPLETED' } });
    expect((await call('POST', `/contracts/${contractId}/termination`, purchaser, { reasons: ['x'], cause: 'PURCHASER_DECISION' })).body.code).toBe('PURCHASING.CONTRACT_NOT_IN_PERFORMANCE');

    // The budget line: exactly the price paid, nothing left committed for this procurement.
    expect((await call('GET', `/budgets/${line}`, finance)).body).toMatchObject({ amountFen: 1_000_000, committedFen: 0, paidFen: 280_000, remainingFen: 720_000 });
    const view = await call('GET', `/contracts/${contractId}`, auditor);
    expect(view).toMatchObject({ status: 200, body: { status: 'COMPLETED', totals: { valueFen: 280_000, paidFen: 280_000, outstandingFen: 0 }, flagged: false } });
    expect(view.body.milestones.map((m: { sequence: number; paidFen: number; acceptance: { passed: boolean; attempt: number }; payments: unknown[] }) => [m.sequence, m.paidFen, m.acceptance.passed, m.acceptance.attempt, m.payments.length])).toEqual([
      [1, 100_000, true, 1, 4],
      [2, 100_000, true, 2, 1],
      [3, 80_000, true, 1, 1],
    ]);
    expect(view.body.milestones[1].acceptances.map((a: { band: string }) => a.band)).toEqual(['UNQUALIFIED', 'GOOD']);

    const types = (await h.outboxTypes(orgA)).filter((t) => t.startsWith('purchasing.contract.'));
    expect(types).toEqual([ContractSigned.type, MilestoneAccepted.type, ...Array(4).fill(PaymentMade.type), MilestoneAccepted.type, MilestoneAccepted.type, PaymentMade.type, MilestoneAccepted.type, PaymentMade.type]);
    const final = await waitFor(() => onKafka.find((e) => e.type === PaymentMade.type && (e.data as { contractId: string; contractStatus: string }).contractId === contractId && (e.data as { contractStatus: string }).contractStatus === 'COMPLETED'), 60000, 'final payment on Kafka');
    expect(final).toMatchObject({ source: 'service-purchasing', subject: orgA, data: { procurementId: id, ocid: notice.body.ocid, sequence: 3, amountFen: 80_000, budgetLineId: line } });
    expect(onKafka.find((e) => e.type === ContractSigned.type && (e.data as { contractId: string }).contractId === contractId)).toMatchObject({ data: { procurementId: id, milestones: [{ sequence: 1, amountFen: 100_000 }, { sequence: 2 }, { sequence: 3, dueOn: '2027-03-31' }] } });
    expect(onKafka.filter((e) => e.type === MilestoneAccepted.type && (e.data as { contractId: string }).contractId === contractId).map((e) => (e.data as { band: string }).band)).toEqual(['EXCELLENT', 'UNQUALIFIED', 'GOOD', 'GOOD']);
  });

  it('a serious listing during the contract flags it once; each further payment needs a PAY decision, WITHHOLD keeps it blocked; termination stops it', async () => {
    clock.set(new Date('2026-06-01T02:00:00.000Z'));
    const org = await organization();
    const milestones = [
      { sequence: 1, title: '上半年服务', deliverables: ['服务记录'], dueOn: '2026-11-30', amountFen: 120_000 },
      { sequence: 2, title: '下半年服务', deliverables: ['服务记录'], dueOn: '2027-05-31', amountFen: 80_000 },
    ];
    const signed = await call('POST', '/contracts', purchaser, { supplierUscc: org, title: '社区养老服务', method: 'COMPETITIVE_CONSULTATION', valueFen: 200_000, termStart: '2026-06-01', termEnd: '2027-05-31', signedAt: clock.now().toISOString(), milestones });
    expect(signed.status).toBe(201);
    const id = signed.body.id as string;
    const pay = (sequence: number, amountFen: number) => call('POST', `/contracts/${id}/payments`, finance, { sequence, amountFen, paidAt: clock.now().toISOString() });
    const decide = (sequence: number, decision: string, who = finance) => call('POST', `/contracts/${id}/payment-decisions`, who, { sequence, decision, reasons: ['经研究决定'] });
    for (const sequence of [1, 2]) expect((await call('POST', `/contracts/${id}/milestones/${sequence}/acceptance`, purchaser, { passed: true, score: 90, findings: ['合格'] })).status).toBe(201);
    expect((await pay(1, 20_000)).status).toBe(201);
    expect(await decide(1, 'PAY')).toMatchObject({ status: 409, body: { code: 'PURCHASING.CONTRACT_NOT_FLAGGED' } });

    // Credit puts the supplier on the serious list; the event is delivered twice.
    clock.set(new Date('2026-06-10T02:00:00.000Z'));
    const data: ListEnteredV1 = { uscc: org, entryId: randomUUID(), list: 'SERIOUS', at: clock.now().toISOString(), ruleVersion: 'credit-lists/order-60@v1', reason: 'LARGE_FINE', evidence: [randomUUID()], decidingAuthority: '110108', rectificationRequired: false };
    const listing = producers.next(buildCloudEvent('credit-supervision', dataschemaOf(ListEntered), { type: ListEntered.type, subject: org, data }, clock.now()));
    const message = { topic: ListEntered.topic, key: org, value: JSON.stringify(listing) };
    await transport.publish([message, message]);
    const flagged = await waitFor(async () => {
      const v = await call('GET', `/contracts/${id}`, finance);
      return v.body.flagged ? v.body : undefined;
    }, 60000, 'contract flagged');
    expect(flagged.flags).toEqual([expect.objectContaining({ evidenceEventId: listing.id, entryId: data.entryId, listedAt: data.at })]);
    // A later event on the same key (same partition) is applied after both deliveries: the contract was flagged once.
    const measures: JointMeasuresChangedV1 = { uscc: org, lists: ['SERIOUS'], measures: ['NO_PURCHASE_OF_SERVICES'], effectiveFrom: clock.now().toISOString(), ruleVersion: 'credit-lists/order-60@v1' };
    const after = producers.next(buildCloudEvent('credit-supervision', dataschemaOf(JointMeasuresChanged), { type: JointMeasuresChanged.type, subject: org, data: measures }, clock.now()));
    await transport.publish([{ topic: JointMeasuresChanged.topic, key: org, value: JSON.stringify(after) }]);
    await waitFor(async () => ((await call('GET', `/suppliers/${org}`, purchaser)).body.barred ? true : undefined), 60000, 'measures applied');
    expect((await h.outboxTypes(org)).filter((t) => t === ContractFlagged.type)).toHaveLength(1);
    expect((await call('GET', `/contracts/${id}`, auditor)).body.flags).toHaveLength(1);

    // Each further payment needs a decision: none → 409; WITHHOLD → still 409; PAY → the payment goes through.
    clock.set(new Date('2026-06-11T02:00:00.000Z'));
    expect(await pay(1, 30_000)).toMatchObject({ status: 409, body: { code: 'PURCHASING.PAYMENT_NEEDS_DECISION', flagEvidenceEventId: listing.id } });
    expect((await decide(1, 'PAY', purchaser)).status).toBe(403);
    expect(await decide(2, 'WITHHOLD')).toMatchObject({ status: 201, body: { decision: 'WITHHOLD', sequence: 2, flagEvidenceEventId: listing.id } });
    const withheld = await pay(2, 10_000);
    expect(withheld).toMatchObject({ status: 409, body: { code: 'PURCHASING.PAYMENT_WITHHELD' } });
    const payDecision = await decide(1, 'PAY');
    expect(payDecision.status).toBe(201);
    expect(await pay(1, 30_000)).toMatchObject({ status: 201, body: { decisionId: payDecision.body.id, milestonePaidFen: 50_000 } });
    expect(await pay(2, 10_000)).toMatchObject({ status: 409, body: { code: 'PURCHASING.PAYMENT_WITHHELD' } });

    // Termination with reasons: nothing more is accepted or paid.
    expect((await call('POST', `/contracts/${id}/termination`, finance, { reasons: ['x'], cause: 'PURCHASER_DECISION' })).status).toBe(403);
    const terminated = await call('POST', `/contracts/${id}/termination`, purchaser, { reasons: ['供应商被列入严重违法失信名单'], cause: 'SUPPLIER_BREACH' });
    expect(terminated).toMatchObject({ status: 201, body: { status: 'TERMINATED', paidFen: 50_000, unpaidFen: 150_000 } });
    expect(await pay(1, 1)).toMatchObject({ status: 409, body: { code: 'PURCHASING.CONTRACT_NOT_IN_PERFORMANCE', contractStatus: 'TERMINATED' } });
    expect((await decide(1, 'PAY')).body.code).toBe('PURCHASING.CONTRACT_NOT_IN_PERFORMANCE');
    const view = await call('GET', `/contracts/${id}`, purchaser);
    expect(view.body).toMatchObject({ status: 'TERMINATED', termination: { reasons: ['供应商被列入严重违法失信名单'] }, totals: { paidFen: 50_000, outstandingFen: 150_000 } });
    expect(view.body.milestones[0].decisions.map((d: { decision: string }) => d.decision)).toEqual(['PAY']);
    expect(view.body.milestones[1].decisions.map((d: { decision: string }) => d.decision)).toEqual(['WITHHOLD']);
    const types = (await h.outboxTypes(org)).filter((t) => t.startsWith('purchasing.contract.'));
    expect(types).toEqual([ContractSigned.type, MilestoneAccepted.type, MilestoneAccepted.type, PaymentMade.type, ContractFlagged.type, PaymentDecided.type, PaymentDecided.type, PaymentMade.type, ContractTerminated.type]);
  });
});
