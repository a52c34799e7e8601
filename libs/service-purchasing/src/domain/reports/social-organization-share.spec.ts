import { beijingYear, shareFigures, socialOrganizationShareReport, type ShareContract } from './social-organization-share';
import { supplierKindOf } from '../supplier-kinds';

const c = (supplierUscc: string, valueFen: number, purchaserJurisdiction = '110108'): ShareContract => ({
  contractId: `c-${supplierUscc}-${valueFen}`,
  supplierUscc,
  valueFen,
  purchaserJurisdiction,
  signedAt: new Date('2026-05-01T02:00:00Z'),
  basis: 'DECLARED_PUBLIC_SERVICE',
});
const GROUP = '51110108MJ0000001A';
const SERVICE_ORG = '52110108MJ0000002B';
const FOUNDATION = '53100000500019795A';
const ENTERPRISE = '91110108MA01ABCD2X';
const INSTITUTION = '12110108400000001K';

describe('the 30 % share of public-service purchasing to social organizations (财综〔2016〕54号)', () => {
  it('reads the supplier kind from the USCC: department 5 and its category, enterprises, public institutions', () => {
    expect(supplierKindOf(GROUP)).toEqual({ socialOrganization: true, category: 'SOCIAL_GROUP' });
    expect(supplierKindOf(SERVICE_ORG)).toEqual({ socialOrganization: true, category: 'SOCIAL_SERVICE_ORGANIZATION' });
    expect(supplierKindOf(FOUNDATION)).toEqual({ socialOrganization: true, category: 'FOUNDATION' });
    expect(supplierKindOf('59110108MJ0000003C')).toEqual({ socialOrganization: true, category: 'OTHER_SOCIAL_ORGANIZATION' });
    expect(supplierKindOf(ENTERPRISE)).toEqual({ socialOrganization: false, kind: 'ENTERPRISE' });
    expect(supplierKindOf(INSTITUTION)).toEqual({ socialOrganization: false, kind: 'PUBLIC_INSTITUTION' });
    expect(supplierKindOf('N2110108MA0000001X')).toEqual({ socialOrganization: false, kind: 'RURAL_COLLECTIVE' });
  });

  it('exact figures: total, social by category, others by kind, the share rounded down and the target compared exactly', () => {
    const f = shareFigures([c(GROUP, 100_000), c(SERVICE_ORG, 200_000), c(ENTERPRISE, 600_000), c(INSTITUTION, 100_000)]);
    expect(f).toMatchObject({
      contractCount: 4,
      totalFen: 1_000_000,
      socialOrganizationFen: 300_000,
      socialOrganizationByCategoryFen: { SOCIAL_GROUP: 100_000, SOCIAL_SERVICE_ORGANIZATION: 200_000, FOUNDATION: 0, OTHER_SOCIAL_ORGANIZATION: 0 },
      otherSuppliersFen: 700_000,
      otherSuppliersByKindFen: { ENTERPRISE: 600_000, PUBLIC_INSTITUTION: 100_000, INDIVIDUAL_BUSINESS: 0 },
      sharePercent: '30.00',
      targetMet: true, // exactly 30 % meets "≥ 30 %"
    });
    // One fen less to social organizations: 29.99 %, not met.
    expect(shareFigures([c(GROUP, 299_999), c(ENTERPRISE, 700_001)])).toMatchObject({ sharePercent: '29.99', targetMet: false });
    expect(shareFigures([c(GROUP, 1), c(ENTERPRISE, 2)])).toMatchObject({ sharePercent: '33.33', targetMet: true });
    expect(shareFigures([])).toMatchObject({ totalFen: 0, sharePercent: null, targetMet: null });
    // Sums beyond 2^53 / 10 000 stay exact.
    expect(shareFigures([c(GROUP, 3_000_000_000_000), c(ENTERPRISE, 7_000_000_000_000)])).toMatchObject({ sharePercent: '30.00', targetMet: true });
  });

  it('the Beijing calendar year and the per-division breakdown', () => {
    expect(beijingYear(2026)).toEqual({ from: '2026-01-01', to: '2026-12-31', startsAt: new Date('2025-12-31T16:00:00.000Z'), endsBefore: new Date('2026-12-31T16:00:00.000Z') });
    const r = socialOrganizationShareReport('110000', 2026, [c(GROUP, 400_000, '110108'), c(ENTERPRISE, 600_000, '110105'), c(SERVICE_ORG, 100_000, '110105')], new Date('2027-01-10T00:00:00Z'));
    expect(r).toMatchObject({ jurisdiction: '110000', year: 2026, totalFen: 1_100_000, socialOrganizationFen: 500_000, sharePercent: '45.45', targetMet: true, target: { minimumPercent: 30 } });
    expect(r.byJurisdiction.map((d) => [d.jurisdiction, d.totalFen, d.socialOrganizationFen, d.sharePercent, d.targetMet])).toEqual([
      ['110105', 700_000, 100_000, '14.28', false],
      ['110108', 400_000, 400_000, '100.00', true],
    ]);
  });
});
