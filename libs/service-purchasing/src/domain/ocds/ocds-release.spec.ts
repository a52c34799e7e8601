import { ocdsJson } from './ocds-money';
import { releaseFor, type OcdsRelease } from './ocds-release';
import { ocdsViolations } from './ocds-schema.validator';
import { METHOD_MAPPING, type PurchaseMethod } from './procurement-snapshot';
import { event, OCID, OPEN_TENDER_EVENTS, openTenderSnapshot, SUPPLIER_USCC } from './ocds.fixture';

/** The release as it goes out: written with ocdsJson and parsed back. */
const wire = (release: OcdsRelease) => JSON.parse(ocdsJson(release));
const releases = () => OPEN_TENDER_EVENTS.map((e) => releaseFor(e, openTenderSnapshot()));

describe('releaseFor: the open tender lifecycle', () => {
  it('gives each step its tag, and every release validates against the OCDS 1.1 schema', () => {
    const built = releases();
    expect(built.map((r) => r.tag)).toEqual([['planning'], ['tender'], ['tenderAmendment'], ['award'], ['contract'], ['implementation'], ['implementation']]);
    for (const r of built) expect(ocdsViolations('release', r)).toEqual([]);
    expect(built.map((r) => r.id)).toEqual(['e1', 'e2', 'e3', 'e4', 'e5', 'e6', 'e7']);
    expect(new Set(built.map((r) => r.ocid))).toEqual(new Set([OCID]));
  });

  it('writes dates in Beijing time with the +08:00 offset', () => {
    const [planning, tender] = releases().map(wire);
    expect(planning.date).toBe('2027-02-20T10:00:00+08:00');
    expect(tender.tender.tenderPeriod).toEqual({ startDate: '2027-03-01T09:30:00+08:00', endDate: '2027-03-22T09:30:00+08:00' });
  });

  it('states the planning: budget line, estimate in CNY, catalogue item, method', () => {
    const planning = wire(releases()[0]);
    expect(planning.planning.budget).toEqual({ id: 'a0d3c1f2-5b6e-4d7f-8a9b-0c1d2e3f4a5b', description: '2027年社区养老服务购买经费', amount: { amount: 1200000, currency: 'CNY' } });
    expect(planning.tender).toMatchObject({
      status: 'planning',
      procurementMethod: 'open',
      procurementMethodDetails: '公开招标',
      mainProcurementCategory: 'services',
      items: [{ id: '1', classification: { scheme: 'catalogue/110108@v2', id: 'B0301', description: '养老服务' } }],
    });
    expect(planning.parties).toEqual([
      {
        id: 'SOP-PURCHASING-ORGAN-HD-MZJ',
        name: '北京市海淀区民政局',
        identifier: { scheme: 'SOP-PURCHASING-ORGAN', id: 'HD-MZJ', legalName: '北京市海淀区民政局' },
        details: { jurisdiction: '110108' },
        roles: ['buyer', 'procuringEntity'],
      },
    ]);
    expect(planning.buyer).toEqual({ id: 'SOP-PURCHASING-ORGAN-HD-MZJ', name: '北京市海淀区民政局' });
  });

  it('publishes the tender with its scoring, and the amendment with its reasons and new deadline', () => {
    const [, tender, amendment] = releases().map(wire);
    expect(tender.tender).toMatchObject({ status: 'active', awardCriteria: 'ratedCriteria', awardCriteriaDetails: '价格 30%，质量 70%；评分因素：服务方案、人员配备、以往业绩' });
    expect(tender.tender.amendments).toBeUndefined();
    expect(amendment.tender.tenderPeriod.endDate).toBe('2027-03-25T09:30:00+08:00');
    expect(amendment.tender.amendments).toEqual([{ id: '1', date: '2027-03-10T14:00:00+08:00', rationale: '答疑后延长投标截止时间', description: '变更：投标截止时间' }]);
  });

  it('keeps bids out of every release before the award, then publishes only their number', () => {
    const built = releases().map(wire);
    for (const r of built.slice(0, 3)) {
      const text = JSON.stringify(r);
      expect(r.tender.numberOfTenderers).toBeUndefined();
      expect(r.tender.tenderers).toBeUndefined();
      expect(r.awards).toBeUndefined();
      expect(text).not.toMatch(/numberOfTenderers|tenderers|"bids"|tenderer/);
      expect(r.parties.flatMap((p: { roles: string[] }) => p.roles)).not.toContain('tenderer');
    }
    const award = built[3];
    expect(award.tender.numberOfTenderers).toBe(4);
    expect(award.tender.tenderers).toBeUndefined();
    expect(award.tender.status).toBe('complete');
  });

  it('identifies the awarded organization by its USCC under CN-USCI, and the award is pending during the standstill', () => {
    const award = wire(releases()[3]);
    expect(award.parties[1]).toEqual({
      id: `CN-USCI-${SUPPLIER_USCC}`,
      name: '海淀区夕阳红养老服务中心',
      identifier: { scheme: 'CN-USCI', id: SUPPLIER_USCC, legalName: '海淀区夕阳红养老服务中心' },
      roles: ['supplier'],
    });
    expect(award.awards).toEqual([
      {
        id: 'award-1',
        title: '海淀区社区居家养老服务',
        description: '综合得分第一',
        status: 'pending',
        date: '2027-03-28T16:00:00+08:00',
        value: { amount: 1123456.78, currency: 'CNY' },
        suppliers: [{ id: `CN-USCI-${SUPPLIER_USCC}`, name: '海淀区夕阳红养老服务中心' }],
      },
    ]);
    const afterStandstill = wire(releaseFor(event('award', '2027-04-09T00:00:00Z'), openTenderSnapshot()));
    expect(afterStandstill.awards[0].status).toBe('active');
  });

  it('publishes the contract with its term and scheduled milestones (amount in the description)', () => {
    const contract = wire(releases()[4]);
    expect(contract.awards[0].status).toBe('active');
    expect(contract.contracts[0]).toMatchObject({
      id: 'contract-1',
      awardID: 'award-1',
      status: 'active',
      period: { startDate: '2027-05-01T00:00:00+08:00', endDate: '2028-04-30T23:59:59+08:00' },
      value: { amount: 1123456.78, currency: 'CNY' },
      dateSigned: '2027-04-12T10:00:00+08:00',
    });
    expect(contract.contracts[0].implementation).toEqual({
      milestones: [
        { id: 'm1', title: '上半年服务', type: 'delivery', description: '交付物：助餐助洁服务记录及满意度调查；验收合格后支付 561728.39 元', dueDate: '2027-10-31T23:59:59+08:00', status: 'scheduled' },
        { id: 'm2', title: '下半年服务', type: 'delivery', description: '交付物：全年服务总结报告；验收合格后支付 561728.39 元', dueDate: '2028-04-30T23:59:59+08:00', status: 'scheduled' },
      ],
      transactions: [],
    });
  });

  it('publishes each payment as a transaction from the organ to the supplier, as of the event', () => {
    const [first, second] = releases().slice(5).map(wire);
    expect(first.contracts[0].implementation.transactions).toEqual([
      {
        id: 'pay-1',
        date: '2027-11-20T10:00:00+08:00',
        value: { amount: 561728.39, currency: 'CNY' },
        payer: { id: 'SOP-PURCHASING-ORGAN-HD-MZJ', name: '北京市海淀区民政局' },
        payee: { id: `CN-USCI-${SUPPLIER_USCC}`, name: '海淀区夕阳红养老服务中心' },
      },
    ]);
    expect(first.contracts[0].implementation.milestones.map((m: { status: string }) => m.status)).toEqual(['met', 'scheduled']);
    expect(first.contracts[0].implementation.milestones[0]).toMatchObject({ dateMet: '2027-11-05T11:00:00+08:00', dateModified: '2027-11-05T11:00:00+08:00' });
    expect(second.contracts[0].implementation.transactions.map((t: { id: string }) => t.id)).toEqual(['pay-1', 'pay-2']);
    expect(second.contracts[0].implementation.milestones.map((m: { status: string }) => m.status)).toEqual(['met', 'met']);
    expect(first.parties.map((p: { roles: string[] }) => p.roles)).toEqual([
      ['buyer', 'procuringEntity', 'payer'],
      ['supplier', 'payee'],
    ]);
  });

  it('rebuilds an old release the same way from a later snapshot', () => {
    const early = releaseFor(OPEN_TENDER_EVENTS[1], openTenderSnapshot({ amendments: [], award: undefined, contract: undefined }));
    expect(ocdsJson(releaseFor(OPEN_TENDER_EVENTS[1], openTenderSnapshot()))).toBe(ocdsJson(early));
  });
});

describe('releaseFor: other paths', () => {
  it('publishes a cancelled tender with its reasons, no award and no bids', () => {
    const snapshot = openTenderSnapshot({ award: undefined, contract: undefined, bids: { count: 2 }, cancellation: { cancelledAt: '2027-03-15T02:00:00Z', reasons: ['预算调整', '需求变更'] } });
    const r = releaseFor(event('tenderCancellation', '2027-03-15T02:00:00Z'), snapshot);
    expect(ocdsViolations('release', r)).toEqual([]);
    const out = wire(r);
    expect(out.tag).toEqual(['tenderCancellation']);
    expect(out.tender.status).toBe('cancelled');
    expect(out.tender.documents).toEqual([{ id: 'cancellation', documentType: 'cancellationDetails', title: '终止公告', description: '预算调整；需求变更', datePublished: '2027-03-15T10:00:00+08:00' }]);
    expect(out.tender.numberOfTenderers).toBeUndefined();
    expect(out.awards).toBeUndefined();
  });

  it('publishes a termination with its reasons', () => {
    const signed = openTenderSnapshot().contract;
    if (!signed) throw new Error('the fixture has a contract');
    const snapshot = openTenderSnapshot({ contract: { ...signed, termination: { terminatedAt: '2027-12-01T02:00:00Z', reasons: ['承接主体被列入严重失信名单'] } } });
    const r = releaseFor(event('contractTermination', '2027-12-01T02:00:00Z'), snapshot);
    expect(ocdsViolations('release', r)).toEqual([]);
    const contract = wire(r).contracts[0];
    expect(contract.status).toBe('terminated');
    expect(contract.documents).toEqual([{ id: 'termination', documentType: 'contractArrangements', title: '合同终止', description: '承接主体被列入严重失信名单', datePublished: '2027-12-01T10:00:00+08:00' }]);
    expect(contract.implementation.transactions.map((t: { id: string }) => t.id)).toEqual(['pay-1']);
  });

  it('closes a completed contract as terminated (OCDS: "successful completion") from its completing payment on, not before', () => {
    const signed = openTenderSnapshot().contract;
    if (!signed) throw new Error('the fixture has a contract');
    const snapshot = openTenderSnapshot({ contract: { ...signed, completedAt: '2028-05-20T02:00:00Z' } });
    const [first, last] = [releaseFor(OPEN_TENDER_EVENTS[5], snapshot), releaseFor(OPEN_TENDER_EVENTS[6], snapshot)];
    expect([first, last].map((r) => ocdsViolations('release', r))).toEqual([[], []]);
    expect([wire(first).contracts[0].status, wire(last).contracts[0].status]).toEqual(['active', 'terminated']);
    expect(wire(last).contracts[0].documents).toBeUndefined();
  });

  it.each(Object.keys(METHOD_MAPPING) as PurchaseMethod[])('maps %s to the OCDS method and its Chinese name', (method) => {
    const r = releaseFor(event('tender', '2027-03-01T01:30:00Z'), openTenderSnapshot({ method, methodRationale: method === 'SINGLE_SOURCE' ? '只能从唯一供应商处采购' : undefined }));
    expect(ocdsViolations('release', r)).toEqual([]);
    expect(wire(r).tender).toMatchObject({ procurementMethod: METHOD_MAPPING[method].method, procurementMethodDetails: METHOD_MAPPING[method].details });
  });

  it('maps single source to direct with its justification, invitational tendering to selective', () => {
    const single = wire(releaseFor(event('tender', '2027-03-01T01:30:00Z'), openTenderSnapshot({ method: 'SINGLE_SOURCE', methodRationale: '只能从唯一供应商处采购' })));
    expect(single.tender).toMatchObject({ procurementMethod: 'direct', procurementMethodRationale: '只能从唯一供应商处采购' });
    expect(METHOD_MAPPING.INVITATIONAL_TENDERING.method).toBe('selective');
    expect(METHOD_MAPPING.COMPETITIVE_NEGOTIATION.method).toBe('limited');
  });

  it('writes amounts near Number.MAX_SAFE_INTEGER fen exactly into the release JSON', () => {
    const r = releaseFor(event('planning', '2027-02-20T02:00:00Z'), openTenderSnapshot({ estimatedFen: Number.MAX_SAFE_INTEGER }));
    expect(ocdsJson(r)).toContain('"budget":{"id":"a0d3c1f2-5b6e-4d7f-8a9b-0c1d2e3f4a5b","description":"2027年社区养老服务购买经费","amount":{"amount":90071992547409.91,"currency":"CNY"}}');
    expect(ocdsViolations('release', r)).toEqual([]);
    const oneFen = releaseFor(event('planning', '2027-02-20T02:00:00Z'), openTenderSnapshot({ estimatedFen: 1 }));
    expect(ocdsJson(oneFen)).toContain('"value":{"amount":0.01,"currency":"CNY"}');
  });

  it('adds the organ USCC as an additional CN-USCI identifier, its unit id staying the primary one', () => {
    const organUscc = '11622700013944908W'; // a state organ's code (registration department 1, type 1)
    const r = releaseFor(event('planning', '2027-02-20T02:00:00Z'), openTenderSnapshot({ buyer: { unitId: 'HD-MZJ', name: '北京市海淀区民政局', jurisdiction: '110108', uscc: organUscc } }));
    expect(ocdsViolations('release', r)).toEqual([]);
    expect(wire(r).parties[0]).toMatchObject({ identifier: { scheme: 'SOP-PURCHASING-ORGAN', id: 'HD-MZJ' }, additionalIdentifiers: [{ scheme: 'CN-USCI', id: organUscc }] });
  });

  it('refuses a release the snapshot cannot support, naming what is missing', () => {
    expect(() => releaseFor(event('award', '2027-03-28T08:00:00Z'), openTenderSnapshot({ award: undefined }))).toThrow("a award release needs the snapshot's award");
    expect(() => releaseFor(event('tenderAmendment', '2027-03-05T00:00:00Z'), openTenderSnapshot())).toThrow('needs an amendment dated at or before the event');
    expect(() => releaseFor(event('tender', '2027-03-01T01:30:00Z', 'a#b'), openTenderSnapshot())).toThrow('must not contain #');
    expect(() => releaseFor(event('tender', '2027-03-01 09:30'), openTenderSnapshot())).toThrow(RangeError);
    const badSupplier = openTenderSnapshot();
    badSupplier.award?.suppliers.splice(0, 1, { uscc: '52110108MJ0000018X', name: '校验位错误' });
    expect(() => releaseFor(event('award', '2027-03-28T08:00:00Z'), badSupplier)).toThrow('award.suppliers[].uscc is not a USCC: USCC.CHECK_CHARACTER');
  });
});
