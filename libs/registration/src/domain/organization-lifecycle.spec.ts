import { checkDeregistration, checkRevocation, planChange, type RegisterEntry } from './organization-lifecycle';

const entry: RegisterEntry = {
  name: '北京市海淀区科技志愿者协会',
  form: 'SOCIAL_GROUP',
  registeringAuthority: '110108',
  domicile: '北京市海淀区中关村南大街5号',
  purpose: '组织科技志愿服务',
  legalRepresentativeName: '李四',
  registeredCapitalFen: 3_000_000,
  regime: 'DIRECT',
  unitName: null,
  unitRole: null,
  status: 'REGISTERED',
};
const now = new Date('2027-03-01T00:00:00Z');
const ctx = { now, foundationType: null, supervisingUnitApprovedOn: null };
const err = (o: object) => expect.objectContaining(o) as unknown as Error;

describe('organization lifecycle', () => {
  it('plans a change of register items and keeps the founding conditions', () => {
    expect(planChange('u', entry, { domicile: '北京市海淀区学院路1号', purpose: entry.purpose }, ctx)).toEqual([
      { field: 'domicile', from: '北京市海淀区中关村南大街5号', to: '北京市海淀区学院路1号' },
    ]);
    expect(() => planChange('u', entry, { purpose: entry.purpose }, ctx)).toThrow(err({ code: 'REGISTRATION.NO_CHANGE' }));
    // Absent fields of a transformed request body arrive as undefined and change nothing.
    expect(planChange('u', entry, { name: undefined, domicile: '北京市海淀区学院路2号', purpose: undefined }, ctx)).toHaveLength(1);
    expect(() => planChange('u', entry, { name: '北京市海淀区科技志愿者' }, ctx)).toThrow(err({ code: 'REGISTRATION.NAME_FORM_WORD' }));
    expect(() => planChange('u', entry, { registeredCapitalFen: 2_999_999 }, ctx)).toThrow(err({ code: 'REGISTRATION.FUNDS_BELOW_MINIMUM' }));
  });

  it('needs the supervising unit approval filed within 30 days under dual management (社团条例 Art. 18)', () => {
    const dual = { ...entry, regime: 'DUAL_MANAGEMENT' as const, unitName: '某委', unitRole: 'BUSINESS_SUPERVISING_UNIT' as const };
    const change = { domicile: '北京市海淀区学院路1号' };
    expect(() => planChange('u', dual, change, ctx)).toThrow(err({ code: 'REGISTRATION.SUPERVISING_UNIT_APPROVAL_REQUIRED' }));
    expect(() => planChange('u', dual, change, { ...ctx, supervisingUnitApprovedOn: new Date('2027-01-15') })).toThrow(err({ code: 'REGISTRATION.CHANGE_FILING_DEADLINE' }));
    expect(planChange('u', dual, change, { ...ctx, supervisingUnitApprovedOn: new Date('2027-02-01') })).toHaveLength(1);
  });

  it('records a deregistration filed more than 15 days after liquidation as late, and needs an active organization', () => {
    expect(checkDeregistration('u', entry, new Date('2027-02-14'), '宗旨已实现', now)).toEqual({ filedLate: false });
    expect(checkDeregistration('u', entry, new Date('2027-02-10'), '宗旨已实现', now)).toEqual({ filedLate: true });
    expect(() => checkDeregistration('u', entry, new Date('2027-04-01'), 'x', now)).toThrow(err({ code: 'REGISTRATION.LIQUIDATION_NOT_COMPLETED' }));
    expect(() => checkRevocation('u', { ...entry, status: 'DEREGISTERED' }, 'x', 'y')).toThrow(err({ status: 409 }));
    expect(() => checkRevocation('u', entry, '弄虚作假骗取登记', ' ')).toThrow(err({ code: 'REGISTRATION.REVOCATION_GROUNDS_REQUIRED' }));
  });
});
