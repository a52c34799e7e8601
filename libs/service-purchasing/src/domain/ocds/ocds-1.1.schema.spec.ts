import { PAGINATION_EXTENSION } from './ocds-codelists';
import { ocdsViolations } from './ocds-schema.validator';

/** A small valid release, built by hand (not by the builders) so the schema is checked on its own. */
const release = () => ({
  ocid: 'ocds-sop001-0001',
  id: 'r1',
  date: '2027-03-01T09:30:00+08:00',
  tag: ['tender'],
  initiationType: 'tender',
  parties: [
    { id: 'CN-USCI-52110108MJ0000018M', name: '某社会组织', identifier: { scheme: 'CN-USCI', id: '52110108MJ0000018M' }, roles: ['supplier'] },
  ],
  tender: { id: 't1', status: 'active', procurementMethod: 'open', value: { amount: 1200.5, currency: 'CNY' }, tenderPeriod: { endDate: '2027-03-22T09:30:00Z' } },
});

const releasePackage = (releases: unknown[] = [release()]) => ({
  uri: 'https://purchasing.example.cn/ocds/releases?page=1',
  version: '1.1',
  publishedDate: '2027-03-02T00:00:00+08:00',
  publisher: { name: '服务购买开放数据' },
  releases,
});

describe('the OCDS 1.1 schema written here', () => {
  it('accepts a valid release and release package', () => {
    expect(ocdsViolations('release', release())).toEqual([]);
    expect(ocdsViolations('releasePackage', releasePackage())).toEqual([]);
  });

  it('refuses a tag outside the releaseTag codelist', () => {
    expect(ocdsViolations('release', { ...release(), tag: ['tenderNotice'] })).toEqual([expect.stringMatching(/^\/tag\/0 must be equal to one of the allowed values/)]);
    expect(ocdsViolations('release', { ...release(), tag: [] })).toEqual([expect.stringMatching(/^\/tag must NOT have fewer than 1 items/)]);
  });

  it('refuses a release without ocid, id, date, tag or initiationType', () => {
    for (const field of ['ocid', 'id', 'date', 'tag', 'initiationType']) {
      const { [field]: _gone, ...rest } = release() as Record<string, unknown>;
      expect(ocdsViolations('release', rest)).toEqual([expect.stringContaining(`must have required property '${field}'`)]);
    }
  });

  it('refuses an ocid without the ocds- prefix and a release id with #', () => {
    expect(ocdsViolations('release', { ...release(), ocid: 'sop001-0001' })).toEqual([expect.stringMatching(/^\/ocid must match pattern/)]);
    expect(ocdsViolations('release', { ...release(), id: 'r#1' })).toEqual([expect.stringMatching(/^\/id must match pattern/)]);
  });

  it('refuses a party role outside the partyRole codelist', () => {
    const bad = release();
    bad.parties[0].roles = ['suplier'];
    expect(ocdsViolations('release', bad)).toEqual([expect.stringMatching(/^\/parties\/0\/roles\/0 must be equal to one of the allowed values/)]);
  });

  it.each(['2027-03-01 09:30:00', '2027-03-01T09:30:00', '2027-03-01', '20270301T093000+0800', '2027-02-30T09:30:00+08:00'])('refuses the non-ISO/RFC 3339 date %p', (date) => {
    expect(ocdsViolations('release', { ...release(), date })).toEqual([expect.stringMatching(/^\/date must match format "date-time"/)]);
    const bad = release();
    bad.tender.tenderPeriod.endDate = date;
    expect(ocdsViolations('release', bad)).toEqual([expect.stringMatching(/^\/tender\/tenderPeriod\/endDate must match format "date-time"/)]);
  });

  it('refuses wrong statuses, methods, currencies and amount types', () => {
    const at = (tender: object) => ocdsViolations('release', { ...release(), tender: { ...release().tender, ...tender } });
    expect(at({ status: 'open' })).toEqual([expect.stringMatching(/^\/tender\/status must be equal to one of the allowed values/)]);
    expect(at({ procurementMethod: 'negotiated' })).toEqual([expect.stringMatching(/^\/tender\/procurementMethod must be equal/)]);
    expect(at({ value: { amount: 1, currency: 'RMB' } })).toEqual([expect.stringMatching(/^\/tender\/value\/currency must be equal/)]);
    expect(at({ value: { amount: '1200.50', currency: 'CNY' } })).toEqual([expect.stringMatching(/^\/tender\/value\/amount must be number,null/)]);
    expect(at({ tenderPerod: {} })).toEqual([expect.stringMatching(/^\/tender must NOT have additional properties/)]);
  });

  it('accepts each code of the closed lists it enforces', () => {
    for (const status of ['planning', 'planned', 'active', 'cancelled', 'unsuccessful', 'complete', 'withdrawn']) {
      expect(ocdsViolations('release', { ...release(), tender: { id: 't1', status } })).toEqual([]);
    }
    for (const procurementMethod of ['open', 'selective', 'limited', 'direct']) {
      expect(ocdsViolations('release', { ...release(), tender: { id: 't1', procurementMethod } })).toEqual([]);
    }
  });

  it('requires a package to declare the pagination extension when it has links, and version 1.1', () => {
    const links = { next: 'https://purchasing.example.cn/ocds/releases?page=2' };
    expect(ocdsViolations('releasePackage', { ...releasePackage(), links })).toEqual([expect.stringContaining("must have required property 'extensions'")]);
    expect(ocdsViolations('releasePackage', { ...releasePackage(), links, extensions: ['https://example.org/other/extension.json'] })).toEqual(
      expect.arrayContaining([expect.stringMatching(/^\/extensions must contain at least 1 valid item/)]),
    );
    expect(ocdsViolations('releasePackage', { ...releasePackage(), links, extensions: [PAGINATION_EXTENSION] })).toEqual([]);
    expect(ocdsViolations('releasePackage', { ...releasePackage(), version: '1.0' })).toEqual([expect.stringMatching(/^\/version must be equal to constant/)]);
    expect(ocdsViolations('releasePackage', releasePackage([]))).toEqual([expect.stringMatching(/^\/releases must NOT have fewer than 1 items/)]);
  });

  it('checks the releases inside a package and a record', () => {
    const { ocid: _gone, ...noOcid } = release();
    expect(ocdsViolations('releasePackage', releasePackage([noOcid]))).toEqual([expect.stringContaining("/releases/0 must have required property 'ocid'")]);
    const record = { ocid: 'ocds-sop001-0001', releases: [release()], compiledRelease: { ...release(), id: 'c', tag: ['compiled'] } };
    const recordPackage = { ...releasePackage(), releases: undefined, records: [record] };
    expect(ocdsViolations('recordPackage', recordPackage)).toEqual([]);
    const notCompiled = { ...recordPackage, records: [{ ...record, compiledRelease: release() }] };
    expect(ocdsViolations('recordPackage', notCompiled)).toEqual([expect.stringMatching(/^\/records\/0\/compiledRelease\/tag must be equal to constant/)]);
  });
});
