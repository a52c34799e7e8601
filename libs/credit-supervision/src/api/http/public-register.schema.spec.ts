import { publicProfileViolations } from '../../test-support/public-profile.validator';

const profile = () => ({
  uscc: '52110108MJ0000018M',
  name: '北京市海淀区社区养老服务中心',
  form: 'SOCIAL_SERVICE_ORGANIZATION',
  category: 'URBAN_RURAL_COMMUNITY_SERVICE',
  registeringAuthority: '110108',
  domicile: '北京市海淀区中关村大街1号',
  nameEffectiveFrom: null,
  domicileEffectiveFrom: null,
  registrationStatus: 'REGISTERED',
  registeredAt: '2024-03-01T00:00:00.000Z',
  asOf: null,
  lists: { abnormalActivity: [], seriousIllegalDishonest: [] },
  onAbnormalList: false,
  onSeriousList: false,
  jointMeasures: [],
  penalties: [{ kind: 'FINE', amountFen: 6_000_000, suspendedUntil: null, decidedAt: '2026-06-01T00:00:00.000Z', decidingBody: '北京市民政局', basis: '第三十条' }],
  grades: [],
  governmentPurchases: [],
  information: [],
});

describe('public register data dictionary (JSON Schema 2020-12)', () => {
  it('accepts a well-formed profile', () => {
    expect(publicProfileViolations(profile())).toEqual([]);
  });

  it('rejects personal data and anything else not in the dictionary, and money that is not integer fen', () => {
    expect(publicProfileViolations({ ...profile(), legalRepresentativeName: '张三' }).join()).toContain('"additionalProperty":"legalRepresentativeName"');
    const p = profile();
    p.penalties[0].amountFen = 60000.5;
    expect(publicProfileViolations(p).join()).toContain('/penalties/0/amountFen');
    expect(publicProfileViolations({ ...profile(), uscc: '52110108MJ0000018' }).join()).toContain('/uscc');
  });
});
