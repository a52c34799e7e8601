import { ONE_YEAR_2027 } from '../../test-support/contract-terms.fixture';
import { contractView } from './contract.view';
import type { Contract } from './contracts.ports';

const contract: Contract = {
  id: '00000000-0000-4000-8000-000000000001',
  ...ONE_YEAR_2027,
  multiYear: false,
  budgetAssured: false,
  stableService: false,
  signedAt: new Date('2026-12-31T16:30:00.000Z'), // 00:30 Beijing time on 1 January 2027
  status: 'SIGNED',
  ruleVersion: 'purchasing/order-102@2020-03-01',
  recordedBy: 'purchaser-1',
  purchaserUnitId: null,
  purchaserJurisdiction: '110108',
  purchaserOrganVersion: 1,
  recordedAt: new Date('2026-12-31T16:31:00.000Z'),
  eventId: '00000000-0000-4000-8000-000000000002',
  idempotencyKey: null,
  requestHash: null,
};

describe('contract view: civil dates beside instants', () => {
  it('gives the term as Beijing dates and the instants it starts (00:00) and ends (24:00 Beijing time), and the Beijing date of signing', () => {
    expect(contractView(contract, [])).toMatchObject({
      termStart: '2027-01-01',
      termEnd: '2027-12-31',
      termStartsAt: '2026-12-31T16:00:00.000Z',
      termEndsAt: '2027-12-31T16:00:00.000Z',
      signedAt: '2026-12-31T16:30:00.000Z',
      signedOn: '2027-01-01',
    });
  });

  it('gives each assessment its Beijing date beside its instant, on both sides of Beijing midnight', () => {
    const assessment = (assessedAt: string) => ({
      id: 'a',
      contractId: contract.id,
      supplierUscc: contract.supplierUscc,
      purchaser: contract.purchaser,
      score: 90,
      outcome: 'EXCELLENT' as const,
      breach: false,
      summary: 's',
      assessedAt: new Date(assessedAt),
      assessedBy: 'p',
      ruleVersion: contract.ruleVersion,
      eventId: 'e',
    });
    const view = contractView(contract, [assessment('2027-06-30T15:59:59.999Z'), assessment('2027-06-30T16:00:00.000Z')]);
    expect(view.assessments.map((a) => a.assessedOn)).toEqual(['2027-06-30', '2027-07-01']);
  });

  it('a stored date that is not a real day gives no instant instead of failing the read', () => {
    expect(contractView({ ...contract, termEnd: '2027-02-30' }, [])).toMatchObject({ termEnd: '2027-02-30', termEndsAt: null });
  });
});
