import { ContractSigned } from '@sop/contracts';
import { OutboxMessageOrmEntity } from '@sop/messaging';
import { buildCivilAffairsUscc, orgCodeCheckCharacter, usccCheckCharacter, type CivilAffairsForm } from '@sop/util';
import { LOCAL_PRACTICE_PERFORMANCE_BAR } from './domain/procurement/performance-bar';
import { tokenOf } from './test-support/http-client.fixture';
import { SAMPLE_BANDS } from './test-support/local-rule-set.fixture';
import { purchasingHarness } from './test-support/purchasing-harness';

const DAY = 24 * 3600 * 1000;
/** A valid USCC outside civil affairs (e.g. 91 enterprise) with both check characters. */
function otherUscc(prefix2: string, division: string, serial: number): string {
  const body8 = `MA${String(serial).padStart(6, '0')}`;
  const body17 = `${prefix2}${division}${body8}${orgCodeCheckCharacter(body8)}`;
  return body17 + usccCheckCharacter(body17);
}
type Rule = { rule: string; outcome: string; evidence: Record<string, unknown> };
type Verdict = { bidderUscc: string; eligible: boolean; rules: Rule[] };

/**
 * Performance feeds back (issue 11 item 5) on real MySQL/MariaDB and Kafka, over HTTP: a rule-set version's
 * performance bar refuses a supplier that failed a final acceptance (and one whose contract was terminated) at the
 * next deadline with that evidence, and admits it again after the period; the 财综〔2016〕54号 share report with
 * stand-alone contracts to social organizations and to an enterprise in two districts.
 */
describe('service purchasing: performance bar and the social-organization share (MySQL + Kafka)', () => {
  const h = purchasingHarness('feedback', {
    organs: [
      ['unit-haidian-mca', '北京市海淀区民政局', '110108'],
      ['unit-chaoyang-mca', '北京市朝阳区民政局', '110105'],
    ],
    bands: false,
  });
  const { start, clock, call, finance, auditor, rep, purchaser: haidian } = h;
  const financeShanghai = tokenOf('fin-shanghai', ['finance-officer'], '310000');
  /** Serial numbers of this run for the USCCs a test makes itself (outside civil affairs, or unknown to purchasing). */
  const serialBase = Math.floor(Math.random() * 800_000_000);
  const chaoyang = tokenOf('purchaser-chaoyang', ['purchaser'], '110000', { unitId: 'unit-chaoyang-mca' });
  const organization = (form?: CivilAffairsForm) => h.organization({ ...(form ? { form } : {}) });
  beforeAll(() => h.setUp());
  afterAll(() => h.tearDown());

  async function procurement(code: string, fiscalYear: number, bidDeadline: Date): Promise<string> {
    const line = await call('POST', '/budgets', finance, { organUnitId: 'unit-haidian-mca', fiscalYear, lineCode: code, description: '养老服务购买', amountFen: 1_000_000 });
    expect(line.status).toBe(201);
    const notice = await call('POST', '/procurements', haidian, {
      title: `海淀区社区居家养老服务项目 ${code}`,
      description: '为辖区老年人提供居家养老上门服务',
      method: 'OPEN_TENDERING',
      catalogueItemCode: 'PS-ELDERLY-CARE',
      budgetLineId: line.body.id,
      estimatedFen: 300_000,
      qualificationRequirements: { noMajorViolationYears: 3 },
      scoring: { priceWeight: 30, criteria: [{ name: '服务方案', weight: 50, maxPoints: 50 }, { name: '团队与经验', weight: 20, maxPoints: 20 }] },
      bidDeadline: bidDeadline.toISOString(),
    });
    expect(notice.status).toBe(201);
    return notice.body.id as string;
  }
  const bid = async (id: string, org: string, priceFen: number) => expect((await call('POST', `/procurements/${id}/bids`, rep(org), { priceFen, technicalProposal: `方案-${org}`, declarations: [] })).status).toBe(201);
  const verdicts = (evaluation: { bidders: Verdict[] }) => Object.fromEntries(evaluation.bidders.map((b) => [b.bidderUscc, b]));
  const barRule = (v: Verdict) => v.rules.find((r) => r.rule === 'NO_RECENT_PERFORMANCE_FAILURE');

  it('a failed final acceptance (and a termination) bars at the next deadline with that evidence; the supplier is admitted again after the 12 months, at the deadline and at award', async () => {
    clock.set(start);
    const version = { effectiveOn: '2026-03-03', bands: SAMPLE_BANDS, source: '北京市海淀区 performance practice (test data)' };
    expect(await call('POST', '/rule-sets/110108/versions', finance, { ...version, performanceBar: { ...LOCAL_PRACTICE_PERFORMANCE_BAR, afterFailedFinalAcceptance: false, afterTermination: false } })).toMatchObject({
      status: 400,
      body: { code: 'PURCHASING.RULE_SET_PERFORMANCE_BAR_INVALID', errors: [{ field: 'performanceBar.afterFailedFinalAcceptance' }] },
    });
    // The bar, and 2 points off the total per failed milestone acceptance in the 12 months before a deadline.
    const published = await call('POST', '/rule-sets/110108/versions', finance, { ...version, performanceBar: { ...LOCAL_PRACTICE_PERFORMANCE_BAR, scoreDeductionPoints: 2 } });
    expect(published).toMatchObject({ status: 201, body: { ruleVersion: 'purchasing/110108@v1', performanceBar: { months: 12, unconfirmed: true, scoreDeductionPoints: 2 } } });

    clock.set(new Date('2026-03-04T02:00:00.000Z'));
    const [orgA, orgB, orgC, orgD] = [await organization(), await organization(), await organization(), await organization()];
    const contract = async (org: string) => {
      const r = await call('POST', '/contracts', haidian, { supplierUscc: org, title: '社区养老服务', method: 'COMPETITIVE_CONSULTATION', valueFen: 100_000, termStart: '2026-03-04', termEnd: '2026-09-30', signedAt: clock.now().toISOString() });
      expect(r).toMatchObject({ status: 201, body: { supplierEligibility: 'EVALUATED' } });
      return r.body.id as string;
    };
    const [contractA, contractB] = [await contract(orgA), await contract(orgB)];
    // orgD: a contract in two milestones whose first fails acceptance (not the final one: no bar, a deduction).
    const twoStages = await call('POST', '/contracts', haidian, {
      supplierUscc: orgD, title: '社区养老服务（两阶段）', method: 'COMPETITIVE_CONSULTATION', valueFen: 100_000, termStart: '2026-03-04', termEnd: '2026-09-30', signedAt: clock.now().toISOString(),
      milestones: [
        { sequence: 1, title: '上半期', deliverables: ['服务记录'], dueOn: '2026-06-30', amountFen: 50_000 },
        { sequence: 2, title: '下半期', deliverables: ['服务记录'], dueOn: '2026-09-30', amountFen: 50_000 },
      ],
    });
    expect(twoStages.status).toBe(201);
    clock.set(new Date('2026-07-02T02:00:00.000Z'));
    const failedStage = await call('POST', `/contracts/${twoStages.body.id}/milestones/1/acceptance`, haidian, { passed: false, score: 55, findings: ['入户次数不足'] });
    expect(failedStage).toMatchObject({ status: 201, body: { passed: false } });
    clock.set(new Date('2026-09-15T02:00:00.000Z'));
    const terminated = await call('POST', `/contracts/${contractB}/termination`, haidian, { reasons: ['供应商严重违约'], cause: 'SUPPLIER_BREACH' });
    expect(terminated.status).toBe(201);
    // The final (here the only, implicit) milestone fails at 01:00 Beijing on 1 October 2026 (17:00Z on 30 September).
    clock.set(new Date('2026-09-30T17:00:00.000Z'));
    const failed = await call('POST', `/contracts/${contractA}/milestones/1/acceptance`, haidian, { passed: false, score: 41, findings: ['服务人次未达约定'] });
    expect(failed).toMatchObject({ status: 201, body: { passed: false, band: 'UNQUALIFIED', ruleVersion: 'purchasing/110108@v1' } });

    clock.set(new Date('2026-10-09T02:00:00.000Z'));
    const p1 = await procurement('FB-1', 2026, new Date(clock.now().getTime() + 25 * DAY));
    await bid(p1, orgA, 280_000);
    await bid(p1, orgB, 260_000);
    await bid(p1, orgC, 290_000);
    await bid(p1, orgD, 290_000);
    clock.set(new Date(clock.now().getTime() + 26 * DAY));
    const atDeadline = (await call('GET', `/procurements/${p1}/bids`, haidian)).body.eligibilityAtDeadline;
    expect(atDeadline).toMatchObject({ stage: 'DEADLINE', ruleVersion: 'purchasing/110108@v1' });
    const v1 = verdicts(atDeadline);
    expect(v1[orgA].eligible).toBe(false);
    expect(barRule(v1[orgA])).toMatchObject({
      outcome: 'FAIL',
      evidence: {
        months: 12,
        unconfirmed: true,
        ruleVersion: 'purchasing/110108@v1',
        failures: [{ kind: 'FAILED_FINAL_ACCEPTANCE', contractId: contractA, eventId: failed.body.eventId, on: '2026-10-01', admittedFrom: '2027-10-01', acceptance: { score: 41, band: 'UNQUALIFIED' } }],
      },
    });
    expect(barRule(v1[orgB])).toMatchObject({ outcome: 'FAIL', evidence: { failures: [{ kind: 'TERMINATION', contractId: contractB, eventId: terminated.body.eventId, on: '2026-09-15', reasons: ['供应商严重违约'] }] } });
    expect(v1[orgC]).toMatchObject({ eligible: true });
    expect(barRule(v1[orgC])).toMatchObject({ outcome: 'PASS', evidence: { failures: [] } });
    expect(barRule(v1[orgD])).toMatchObject({ outcome: 'PASS', evidence: { failures: [] } });
    // Scoring: equal marks and prices, orgD's failed milestone costs it 2 points (with the acceptance as evidence).
    const equal = (uscc: string) => ({ bidderUscc: uscc, quality: [{ criterion: '服务方案', points: 45 }, { criterion: '团队与经验', points: 18 }] });
    const scored = await call('POST', `/procurements/${p1}/scores`, haidian, { scores: [equal(orgC), equal(orgD)] });
    expect(scored.status).toBe(201);
    const byBidder = Object.fromEntries((scored.body.bids as { bidderUscc: string; total: number; rank: number; deduction: unknown }[]).map((b) => [b.bidderUscc, b]));
    expect(byBidder[orgC]).toMatchObject({ rank: 1, deduction: null });
    expect(byBidder[orgD]).toMatchObject({ rank: 2, total: byBidder[orgC].total - 2, deduction: { points: 2, failures: [{ kind: 'FAILED_ACCEPTANCE', contractId: twoStages.body.id, eventId: failedStage.body.eventId, on: '2026-07-02', sequence: 1 }] } });

    // The next year: a deadline at 00:00 Beijing on 1 October 2027, the first day after the bar.
    clock.set(new Date('2027-09-01T00:00:00.000Z'));
    const p2 = await procurement('FB-2', 2027, new Date('2027-09-30T16:00:00.000Z'));
    await bid(p2, orgA, 250_000);
    await bid(p2, orgC, 290_000);
    clock.set(new Date('2027-09-30T17:00:00.000Z'));
    const opened = await call('GET', `/procurements/${p2}/bids`, haidian);
    const v2 = verdicts(opened.body.eligibilityAtDeadline);
    expect(v2[orgA]).toMatchObject({ eligible: true });
    expect(barRule(v2[orgA])).toMatchObject({ outcome: 'PASS', evidence: { failures: [] } });
    const marks = (uscc: string) => ({ bidderUscc: uscc, quality: [{ criterion: '服务方案', points: 45 }, { criterion: '团队与经验', points: 18 }] });
    expect((await call('POST', `/procurements/${p2}/scores`, haidian, { scores: [marks(orgA), marks(orgC)] })).status).toBe(201);
    const award = await call('POST', `/procurements/${p2}/award`, haidian, { reasons: ['综合得分最高'] });
    expect(award).toMatchObject({ status: 201, body: { winner: { bidderUscc: orgA }, ruleVersion: 'purchasing/110108@v1' } });
    expect(barRule(verdicts(award.body.eligibilityAtAward)[orgA])).toMatchObject({ outcome: 'PASS' });

    // The awarded contract (catalogue item PS-ELDERLY-CARE: PUBLIC_SERVICE) counts in 2027's share report.
    clock.set(new Date(new Date(award.body.standstill.endsAt).getTime() + 3600_000));
    const content = { serviceContent: '居家养老上门服务', quantity: '200户', qualityStandards: '服务规范', paymentSchedule: '验收后支付', rightsAndObligations: '见合同', assessmentMethod: '绩效评价', breachLiability: '违约金' };
    const milestones = [{ sequence: 1, title: '全年服务', deliverables: ['服务记录'], dueOn: '2028-09-30', amountFen: 250_000 }];
    const signed = await call('POST', `/procurements/${p2}/contract`, haidian, { content, termStart: '2027-10-15', termEnd: '2028-10-14', signedAt: clock.now().toISOString(), milestones });
    expect(signed.status).toBe(201);
    const report2027 = await call('GET', '/reports/social-organization-share?jurisdiction=110108&year=2027', auditor);
    expect(report2027).toMatchObject({ status: 200, body: { totalFen: 250_000, socialOrganizationFen: 250_000, sharePercent: '100.00', targetMet: true, contracts: [{ contractId: signed.body.id, basis: 'CATALOGUE_PUBLIC_SERVICE' }] } });
  });

  it('stand-alone contracts with suppliers outside civil affairs (NOT_EVALUATED) and the ≥ 30 % share per jurisdiction and Beijing year, exact', async () => {
    clock.set(new Date('2027-01-05T02:00:00.000Z'));
    const group = await organization('SOCIAL_GROUP');
    const serviceOrg = await organization('SOCIAL_SERVICE_ORGANIZATION');
    const enterprise = otherUscc('91', '110105', serialBase % 1_000_000);
    const sign = (who: string, supplierUscc: string, valueFen: number, signedAt: string, publicService?: boolean) =>
      call('POST', '/contracts', who, { supplierUscc, title: '社区服务', method: 'COMPETITIVE_CONSULTATION', valueFen, termStart: '2026-01-01', termEnd: '2026-12-31', signedAt, ...(publicService === undefined ? {} : { publicService }) });
    const ok = async (...args: Parameters<typeof sign>) => {
      const r = await sign(...args);
      expect(r.status).toBe(201);
      return r.body;
    };
    const byEnterprise = await ok(haidian, enterprise, 600_000, '2026-05-01T02:00:00.000Z', true);
    expect(byEnterprise).toMatchObject({ supplierEligibility: 'NOT_EVALUATED', publicService: true });
    const envelope = await h.ds.getRepository(OutboxMessageOrmEntity).findOneByOrFail({ messageKey: enterprise, eventType: ContractSigned.type });
    expect(JSON.parse(envelope.envelope).data).toMatchObject({ contractId: byEnterprise.id, supplierEligibility: 'NOT_EVALUATED', publicService: true });
    // Social organizations keep every check; a state organ's code is not an undertaker.
    expect(await sign(haidian, buildCivilAffairsUscc('SOCIAL_GROUP', '110108', serialBase + 9999), 1000, '2026-05-01T02:00:00.000Z', true)).toMatchObject({ status: 422, body: { code: 'PURCHASING.SUPPLIER_UNKNOWN' } });
    expect(await sign(haidian, otherUscc('11', '110108', 7), 1000, '2026-05-01T02:00:00.000Z', true)).toMatchObject({ status: 422, body: { code: 'PURCHASING.SUPPLIER_NOT_ADMITTED' } });

    await ok(haidian, group, 200_000, '2026-06-01T02:00:00.000Z', true);
    await ok(chaoyang, serviceOrg, 400_000, '2026-07-01T02:00:00.000Z', true);
    await ok(chaoyang, enterprise, 100_000, '2026-08-01T02:00:00.000Z', true);
    // 00:30 Beijing on 1 January 2026 is in 2026; 23:59 on 31 December 2025 and 00:00 on 1 January 2027 are not.
    await ok(chaoyang, enterprise, 200_000, '2025-12-31T16:30:00.000Z', true);
    await ok(chaoyang, enterprise, 777_000, '2025-12-31T15:59:00.000Z', true);
    await ok(haidian, enterprise, 555_000, '2026-12-31T16:00:00.000Z', true);
    // Not declared a public service (or declared not one): outside the report.
    await ok(haidian, enterprise, 999_000, '2026-09-01T02:00:00.000Z', false);
    await ok(haidian, group, 111_000, '2026-09-01T02:00:00.000Z');

    const r = await call('GET', '/reports/social-organization-share?jurisdiction=110000&year=2026', finance);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      jurisdiction: '110000',
      year: 2026,
      period: { from: '2026-01-01', to: '2026-12-31', startsAt: '2025-12-31T16:00:00.000Z', endsBefore: '2026-12-31T16:00:00.000Z' },
      target: { minimumPercent: 30, inPrinciple: true, source: expect.stringContaining('财综〔2016〕54号') },
      contractCount: 5,
      totalFen: 1_500_000,
      socialOrganizationFen: 600_000,
      socialOrganizationByCategoryFen: { SOCIAL_GROUP: 200_000, SOCIAL_SERVICE_ORGANIZATION: 400_000, FOUNDATION: 0, OTHER_SOCIAL_ORGANIZATION: 0 },
      otherSuppliersFen: 900_000,
      otherSuppliersByKindFen: { ENTERPRISE: 900_000, PUBLIC_INSTITUTION: 0 },
      sharePercent: '40.00',
      targetMet: true,
    });
    expect(r.body.byJurisdiction.map((d: { jurisdiction: string; totalFen: number; socialOrganizationFen: number; sharePercent: string; targetMet: boolean }) => [d.jurisdiction, d.totalFen, d.socialOrganizationFen, d.sharePercent, d.targetMet])).toEqual([
      ['110105', 700_000, 400_000, '57.14', true],
      ['110108', 800_000, 200_000, '25.00', false],
    ]);
    const haidianOnly = await call('GET', '/reports/social-organization-share?jurisdiction=110108&year=2026', auditor);
    expect(haidianOnly.body).toMatchObject({ totalFen: 800_000, socialOrganizationFen: 200_000, sharePercent: '25.00', targetMet: false, byJurisdiction: [{ jurisdiction: '110108' }] });
    expect(await call('GET', '/reports/social-organization-share?jurisdiction=110000&year=2026', financeShanghai)).toMatchObject({ status: 403, body: { code: 'AUTH.OUT_OF_JURISDICTION' } });
    expect(await call('GET', '/reports/social-organization-share?jurisdiction=110000&year=2026', haidian)).toMatchObject({ status: 403, body: { code: 'AUTH.ROLE_REQUIRED' } });
    expect((await call('GET', '/reports/social-organization-share?jurisdiction=110000', finance)).status).toBe(400);
  });
});
