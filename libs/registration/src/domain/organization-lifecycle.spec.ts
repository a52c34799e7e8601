import { checkDeregistration, checkRevocation, planChange, resolveEffectiveAt, type RegisterEntry } from './organization-lifecycle';
import { residentIdCheckCharacter } from './resident-id';
import { SOCIAL_GROUP_ENTRY } from '../test-support/register-entry.fixture';

const entry: RegisterEntry = SOCIAL_GROUP_ENTRY;
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

  describe('change of legal representative (社团条例 Art. 12, 18, 27)', () => {
    const body = '11010519800101001';
    const id = body + residentIdCheckCharacter(body);
    const other = '11010519900202002' + residentIdCheckCharacter('11010519900202002');
    const lrCtx = { ...ctx, currentLegalRepresentativeIdNumber: id };
    const ssoEntry = { ...entry, form: 'SOCIAL_SERVICE_ORGANIZATION' as const, name: '北京市海淀区社区服务中心', registeredCapitalFen: 1_000_000 };

    it('publishes the names only, never the ID number', () => {
      const changes = planChange('u', entry, { legalRepresentative: { name: '王五', idNumber: other }, auditReportReference: '京审字〔2027〕第012号' }, lrCtx);
      expect(changes).toEqual([{ field: 'legalRepresentativeName', from: '李四', to: '王五' }]);
      expect(JSON.stringify(changes)).not.toContain(other);
    });

    it('requires a financial audit for social groups only (社团条例 Art. 27)', () => {
      expect(() => planChange('u', entry, { legalRepresentative: { name: '王五', idNumber: other } }, lrCtx)).toThrow(
        err({ code: 'REGISTRATION.AUDIT_REQUIRED', violations: [expect.objectContaining({ field: 'auditReportReference' })] }),
      );
      expect(() => planChange('u', entry, { legalRepresentative: { name: '王五', idNumber: other }, auditReportReference: '  ' }, lrCtx)).toThrow(err({ code: 'REGISTRATION.AUDIT_REQUIRED' }));
      expect(planChange('u', ssoEntry, { legalRepresentative: { name: '王五', idNumber: other } }, lrCtx)).toHaveLength(1);
    });

    it('validates the ID number (GB 11643) without echoing it', () => {
      const bad = id.slice(0, 17) + (id[17] === '0' ? '1' : '0');
      let thrown: unknown;
      try {
        planChange('u', ssoEntry, { legalRepresentative: { name: '王五', idNumber: bad } }, lrCtx);
      } catch (e) {
        thrown = e;
      }
      expect(thrown).toMatchObject({ kind: 'INVALID', code: 'REGISTRATION.ID_NUMBER_INVALID' });
      expect(JSON.stringify(thrown) + String((thrown as Error).message)).not.toContain(bad);
      expect(() => planChange('u', ssoEntry, { legalRepresentative: { name: ' ', idNumber: other } }, lrCtx)).toThrow(err({ code: 'REGISTRATION.LEGAL_REPRESENTATIVE_REQUIRED' }));
    });

    it('is no change for the same person under the same name, a change for a namesake', () => {
      expect(() => planChange('u', ssoEntry, { legalRepresentative: { name: '李四', idNumber: id.toLowerCase() } }, lrCtx)).toThrow(err({ code: 'REGISTRATION.NO_CHANGE' }));
      expect(planChange('u', ssoEntry, { legalRepresentative: { name: '李四', idNumber: other } }, lrCtx)).toEqual([{ field: 'legalRepresentativeName', from: '李四', to: '李四' }]);
    });

    it('takes effect on a stated day: not in the future, not before the latest register entry', () => {
      const latest = new Date('2027-01-01T10:00:00Z');
      expect(resolveEffectiveAt(undefined, now, latest)).toBe(now);
      expect(resolveEffectiveAt(new Date('2027-02-01T00:00:00Z'), now, latest).toISOString()).toBe('2027-02-01T00:00:00.000Z');
      // Same day as the latest entry: not before it.
      expect(resolveEffectiveAt(new Date('2027-01-01T00:00:00Z'), now, latest)).toEqual(latest);
      expect(() => resolveEffectiveAt(new Date('2027-03-02T00:00:00Z'), now, latest)).toThrow(err({ code: 'REGISTRATION.CHANGE_EFFECTIVE_DATE' }));
      expect(() => resolveEffectiveAt(new Date('2026-12-31T00:00:00Z'), now, latest)).toThrow(err({ code: 'REGISTRATION.CHANGE_EFFECTIVE_DATE' }));
    });
  });

  it('records a deregistration filed more than 15 days after liquidation as late, and needs an active organization', () => {
    expect(checkDeregistration('u', entry, new Date('2027-02-14'), '宗旨已实现', now)).toEqual({ filedLate: false });
    expect(checkDeregistration('u', entry, new Date('2027-02-10'), '宗旨已实现', now)).toEqual({ filedLate: true });
    expect(() => checkDeregistration('u', entry, new Date('2027-04-01'), 'x', now)).toThrow(err({ code: 'REGISTRATION.LIQUIDATION_NOT_COMPLETED' }));
    expect(() => checkRevocation('u', { ...entry, status: 'DEREGISTERED' }, 'x', 'y')).toThrow(err({ kind: 'CONFLICT' }));
    expect(() => checkRevocation('u', entry, '弄虚作假骗取登记', ' ')).toThrow(err({ code: 'REGISTRATION.REVOCATION_GROUNDS_REQUIRED' }));
  });
});
