import { PAGINATION_EXTENSION } from './ocds-codelists';
import { cny, ocdsJson } from './ocds-money';
import { recordPackage, releasePackage, type PackageMeta } from './ocds-package';
import { compileRecord } from './ocds-record';
import { releaseFor, type OcdsRelease } from './ocds-release';
import { ocdsViolations } from './ocds-schema.validator';
import { event, OCID, OPEN_TENDER_EVENTS, openTenderSnapshot, SUPPLIER_USCC } from './ocds.fixture';

const lifecycle = () => OPEN_TENDER_EVENTS.map((e) => releaseFor(e, openTenderSnapshot()));
const meta = (over: Partial<PackageMeta> = {}): PackageMeta => ({
  uri: 'https://purchasing.example.cn/ocds/records?offset=0',
  publishedDate: new Date('2028-06-01T00:00:00Z'),
  publisher: { name: '北京市海淀区政府购买服务开放数据' },
  license: 'https://creativecommons.org/licenses/by/4.0/',
  ...over,
});
const wire = (data: unknown) => JSON.parse(ocdsJson(data));

describe('compileRecord: the open tender', () => {
  it('lists the releases in date order and compiles the latest value of every field', () => {
    const shuffled = [...lifecycle()].reverse();
    const record = compileRecord(shuffled);
    expect(record.ocid).toBe(OCID);
    expect((record.releases as OcdsRelease[]).map((r) => r.id)).toEqual(['e1', 'e2', 'e3', 'e4', 'e5', 'e6', 'e7']);
    const compiled = wire(record.compiledRelease);
    expect(compiled).toMatchObject({ ocid: OCID, tag: ['compiled'], date: '2028-05-20T10:00:00+08:00', id: `${OCID}-2028-05-20T10:00:00+08:00`, initiationType: 'tender' });
    // Planning stays from the planning release; the tender took the amended deadline and is complete.
    expect(compiled.planning.budget.amount).toEqual({ amount: 1200000, currency: 'CNY' });
    expect(compiled.tender.status).toBe('complete');
    expect(compiled.tender.tenderPeriod.endDate).toBe('2027-03-25T09:30:00+08:00');
    expect(compiled.tender.numberOfTenderers).toBe(4);
    expect(compiled.tender.amendments).toHaveLength(1);
    // The award went from pending (standstill) to active.
    expect(compiled.awards).toHaveLength(1);
    expect(compiled.awards[0].status).toBe('active');
    // Both payments, and both milestones met, merged by id.
    const implementation = compiled.contracts[0].implementation;
    expect(implementation.transactions.map((t: { id: string; value: object }) => [t.id, t.value])).toEqual([
      ['pay-1', { amount: 561728.39, currency: 'CNY' }],
      ['pay-2', { amount: 561728.39, currency: 'CNY' }],
    ]);
    expect(implementation.milestones.map((m: { id: string; status: string }) => [m.id, m.status])).toEqual([
      ['m1', 'met'],
      ['m2', 'met'],
    ]);
    // Parties merged by id; roles (a list of strings) replaced by the latest.
    expect(compiled.parties.map((p: { id: string; roles: string[] }) => [p.id, p.roles])).toEqual([
      ['SOP-PURCHASING-ORGAN-HD-MZJ', ['buyer', 'procuringEntity', 'payer']],
      [`CN-USCI-${SUPPLIER_USCC}`, ['supplier', 'payee']],
    ]);
    expect(ocdsViolations('release', record.compiledRelease)).toEqual([]);
  });

  it('is a valid record package, with embedded or with linked releases', () => {
    const record = compileRecord(lifecycle());
    const embedded = recordPackage([record], meta());
    expect(ocdsViolations('recordPackage', embedded)).toEqual([]);
    expect(wire(embedded)).toMatchObject({ version: '1.1', publishedDate: '2028-06-01T08:00:00+08:00', publisher: { name: '北京市海淀区政府购买服务开放数据' } });

    const linked = compileRecord(lifecycle(), { releaseUrl: (r) => `https://purchasing.example.cn/ocds/releases/${r.ocid}.json#${r.id}` });
    expect(linked.releases[0]).toEqual({ url: `https://purchasing.example.cn/ocds/releases/${OCID}.json#e1`, date: '2027-02-20T10:00:00+08:00', tag: ['planning'] });
    expect(ocdsViolations('recordPackage', recordPackage([linked], meta({ packages: ['https://purchasing.example.cn/ocds/bulk/2028.json'] } as Partial<PackageMeta>)))).toEqual([]);
  });

  it('compiles a cancelled tender to a cancelled tender', () => {
    const snapshot = openTenderSnapshot({ award: undefined, contract: undefined, cancellation: { cancelledAt: '2027-03-15T02:00:00Z', reasons: ['预算调整'] } });
    const steps = [event('planning', '2027-02-20T02:00:00Z'), event('tender', '2027-03-01T01:30:00Z'), event('tenderCancellation', '2027-03-15T02:00:00Z')];
    const compiled = wire(compileRecord(steps.map((e) => releaseFor(e, snapshot))).compiledRelease);
    expect(compiled.tender.status).toBe('cancelled');
    expect(compiled.tender.documents[0].documentType).toBe('cancellationDetails');
    expect(compiled.awards).toBeUndefined();
    expect(compiled.tender.numberOfTenderers).toBeUndefined();
  });
});

describe('compileRecord: the OCDS merge rules', () => {
  const base = (id: string, date: string, fields: Record<string, unknown>): OcdsRelease => ({ ocid: OCID, id, date, tag: ['tenderUpdate'], initiationType: 'tender', ...fields });

  it('lets the latest value win, removes a field set to null, merges objects field by field', () => {
    const compiled = compileRecord([
      base('a', '2027-01-01T00:00:00+08:00', { tender: { id: 't', title: '旧标题', description: '说明', value: cny(100) } }),
      base('b', '2027-01-02T00:00:00+08:00', { tender: { id: 't', title: '新标题', description: null } }),
    ]).compiledRelease;
    expect(wire(compiled).tender).toEqual({ id: 't', title: '新标题', value: { amount: 1, currency: 'CNY' } });
  });

  it('merges arrays of objects by id, keeps their order, appends new ids, and replaces other arrays whole', () => {
    const compiled = compileRecord([
      base('a', '2027-01-01T00:00:00+08:00', { parties: [{ id: 'p1', name: '甲', roles: ['buyer', 'payer'], additionalIdentifiers: [{ scheme: 'X', id: '1' }, { scheme: 'Y', id: '2' }] }, { id: 'p2', name: '乙' }] }),
      base('b', '2027-01-02T00:00:00+08:00', { parties: [{ id: 'p3', name: '丙' }, { id: 'p1', roles: ['buyer'], additionalIdentifiers: [{ scheme: 'Z', id: '3' }] }] }),
    ]).compiledRelease;
    expect(wire(compiled).parties).toEqual([
      { id: 'p1', name: '甲', roles: ['buyer'], additionalIdentifiers: [{ scheme: 'Z', id: '3' }] },
      { id: 'p2', name: '乙' },
      { id: 'p3', name: '丙' },
    ]);
  });

  it('orders by date, not by input order, and keeps the input order for equal dates', () => {
    const compiled = compileRecord([
      base('late', '2027-01-03T00:00:00+08:00', { tender: { id: 't', title: '最后' } }),
      base('same1', '2027-01-02T00:00:00+08:00', { tender: { id: 't', title: '先' } }),
      base('same2', '2027-01-02T00:00:00+08:00', { tender: { id: 't', title: '后' } }),
      base('early', '2027-01-01T00:00:00+08:00', { tender: { id: 't', title: '最早', description: '保留' } }),
    ]);
    expect((compiled.releases as OcdsRelease[]).map((r) => r.id)).toEqual(['early', 'same1', 'same2', 'late']);
    expect(wire(compiled.compiledRelease).tender).toEqual({ id: 't', title: '最后', description: '保留' });
    // Offsets are compared as instants: 09:00+08:00 is before 02:00Z.
    const mixed = compileRecord([base('z', '2027-01-01T02:00:00Z', {}), base('b', '2027-01-01T09:00:00+08:00', {})]);
    expect((mixed.releases as OcdsRelease[]).map((r) => r.id)).toEqual(['b', 'z']);
  });

  it('refuses releases of different ocids, repeated release ids, and no releases', () => {
    expect(() => compileRecord([base('a', '2027-01-01T00:00:00+08:00', {}), { ...base('b', '2027-01-02T00:00:00+08:00', {}), ocid: 'ocds-sop001-other' }])).toThrow('one ocid');
    expect(() => compileRecord([base('a', '2027-01-01T00:00:00+08:00', {}), base('a', '2027-01-02T00:00:00+08:00', {})])).toThrow('unique');
    expect(() => compileRecord([])).toThrow('at least one release');
  });
});

describe('packages', () => {
  it('builds a valid release package, with paging links that declare the pagination extension', () => {
    const page = releasePackage(lifecycle().slice(0, 3), meta({ uri: 'https://purchasing.example.cn/ocds/releases?offset=0', links: { next: 'https://purchasing.example.cn/ocds/releases?offset=3' } }));
    expect(ocdsViolations('releasePackage', page)).toEqual([]);
    expect(wire(page)).toMatchObject({ version: '1.1', extensions: [PAGINATION_EXTENSION], links: { next: 'https://purchasing.example.cn/ocds/releases?offset=3' } });
    const single = releasePackage(lifecycle(), meta());
    expect(ocdsViolations('releasePackage', single)).toEqual([]);
    expect(wire(single).extensions).toBeUndefined();
    expect(wire(single).links).toBeUndefined();
  });

  it('refuses an empty package, a release twice, and a release dated after the package', () => {
    expect(() => releasePackage([], meta())).toThrow('at least one release');
    const [first] = lifecycle();
    expect(() => releasePackage([first, first], meta())).toThrow('appears twice');
    expect(() => releasePackage(lifecycle(), meta({ publishedDate: new Date('2027-12-01T00:00:00Z') }))).toThrow('release e7 is dated after');
    const record = compileRecord(lifecycle());
    expect(() => recordPackage([record, record], meta())).toThrow('one record per ocid');
    expect(() => recordPackage([record], meta({ publishedDate: new Date('2027-12-01T00:00:00Z') }))).toThrow('dated after');
  });
});
