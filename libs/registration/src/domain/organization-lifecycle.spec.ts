import { CalendarErrors, civilDate } from '@sop/util';
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

  it('keeps the name rules of MCA Order 69 on a change of name (regulations §1.1)', () => {
    expect(() => planChange('u', entry, { name: '北京市海淀区协会' }, ctx)).toThrow(err({ code: 'REGISTRATION.NAME_FIELD' }));
    expect(() => planChange('u', entry, { name: '科技志愿者协会' }, ctx)).toThrow(err({ code: 'REGISTRATION.NAME_DIVISION' }));
    const national = { ...entry, registeringAuthority: '100000', registeredCapitalFen: 10_000_000, name: '科技志愿者协会' };
    expect(() => planChange('u', national, { name: '中国科技志愿者协会' }, ctx)).toThrow(
      err({ code: 'REGISTRATION.NAME_FORBIDDEN_WORD', violations: [expect.objectContaining({ field: 'nameApprovalReference', rule: 'approvalReference' })] }),
    );
    expect(planChange('u', national, { name: '中国科技志愿者协会', nameApprovalReference: '国函〔2027〕12号' }, ctx)).toEqual([{ field: 'name', from: '科技志愿者协会', to: '中国科技志愿者协会' }]);
    // Other items change without a name approval: the name is not changed.
    expect(planChange('u', { ...national, name: '中国科技志愿者协会' }, { domicile: '北京市东城区1号' }, ctx)).toHaveLength(1);
  });

  it('needs the supervising unit approval filed within 30 days under dual management (社团条例 Art. 18)', () => {
    const dual = { ...entry, regime: 'DUAL_MANAGEMENT' as const, unitName: '某委', unitRole: 'BUSINESS_SUPERVISING_UNIT' as const };
    const change = { domicile: '北京市海淀区学院路1号' };
    expect(() => planChange('u', dual, change, ctx)).toThrow(err({ code: 'REGISTRATION.SUPERVISING_UNIT_APPROVAL_REQUIRED' }));
    expect(planChange('u', dual, change, { ...ctx, supervisingUnitApprovedOn: civilDate('2027-02-01') })).toHaveLength(1);
    // Late by the unmoved last day (14 February 2027), but only the 2027 notice can say where Art. 203 moves it: refused, not guessed.
    expect(() => planChange('u', dual, change, { ...ctx, supervisingUnitApprovedOn: civilDate('2027-01-15') })).toThrow(CalendarErrors.YEAR_NOT_PUBLISHED);
  });

  it('counts the 30 filing days from the next Beijing day, off rest days, until 24:00 Beijing time (Civil Code Art. 201–203)', () => {
    const dual = { ...entry, regime: 'DUAL_MANAGEMENT' as const, unitName: '某委', unitRole: 'BUSINESS_SUPERVISING_UNIT' as const };
    const change = { domicile: '北京市海淀区学院路1号' };
    // Approved Tuesday 1 September 2026: day 30 is 1 October (National Day, off until 7 October), so the last day is 8 October.
    const at = (iso: string) => ({ ...ctx, now: new Date(iso), supervisingUnitApprovedOn: civilDate('2026-09-01') });
    expect(planChange('u', dual, change, at('2026-10-08T15:59:59.999Z'))).toHaveLength(1); // 23:59:59.999 Beijing
    expect(() => planChange('u', dual, change, at('2026-10-08T16:00:00.000Z'))).toThrow(err({ code: 'REGISTRATION.CHANGE_FILING_DEADLINE' })); // 00:00 Beijing, 9 October
    // An approval dated tomorrow (Beijing) is refused until Beijing midnight.
    const approvedOn = civilDate('2026-10-09');
    expect(() => planChange('u', dual, change, { ...ctx, now: new Date('2026-10-08T15:59:59.999Z'), supervisingUnitApprovedOn: approvedOn })).toThrow(err({ code: 'REGISTRATION.CHANGE_FILING_DEADLINE' }));
    expect(planChange('u', dual, change, { ...ctx, now: new Date('2026-10-08T16:00:00.000Z'), supervisingUnitApprovedOn: approvedOn })).toHaveLength(1);
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
      // A stated day takes effect at 00:00 Beijing time (16:00 UTC the day before).
      expect(resolveEffectiveAt(civilDate('2027-02-01'), now, latest).toISOString()).toBe('2027-01-31T16:00:00.000Z');
      // Same day as the latest entry: not before it.
      expect(resolveEffectiveAt(civilDate('2027-01-01'), now, latest)).toEqual(latest);
      expect(() => resolveEffectiveAt(civilDate('2027-03-02'), now, latest)).toThrow(err({ code: 'REGISTRATION.CHANGE_EFFECTIVE_DATE' }));
      expect(() => resolveEffectiveAt(civilDate('2026-12-31'), now, latest)).toThrow(err({ code: 'REGISTRATION.CHANGE_EFFECTIVE_DATE' }));
    });

    it('reads "today" and the latest entry’s day in Beijing time', () => {
      // 1 March starts at 2027-02-28T16:00Z: before it, 1 March is still in the future.
      expect(() => resolveEffectiveAt(civilDate('2027-03-01'), new Date('2027-02-28T15:59:59.999Z'), null)).toThrow(err({ code: 'REGISTRATION.CHANGE_EFFECTIVE_DATE' }));
      expect(resolveEffectiveAt(civilDate('2027-03-01'), new Date('2027-02-28T16:00:00.000Z'), null).toISOString()).toBe('2027-02-28T16:00:00.000Z');
      // The latest entry at 2027-01-01T17:00Z is on 2 January in Beijing: 1 January is before it.
      expect(() => resolveEffectiveAt(civilDate('2027-01-01'), now, new Date('2027-01-01T17:00:00Z'))).toThrow(err({ code: 'REGISTRATION.CHANGE_EFFECTIVE_DATE' }));
    });
  });

  it('records a deregistration filed more than 15 days after liquidation as late, and needs an active organization', () => {
    // 15 days from 15 February 2027 end on 1 March (unmoved while the 2027 notice is missing): in time at 08:00 Beijing on 1 March.
    expect(checkDeregistration('u', entry, civilDate('2027-02-14'), '宗旨已实现', now)).toEqual({ filedLate: false, filingDueOn: '2027-03-01' });
    // Late against a 2026 last day: 15 days from 1 December 2026 end on Wednesday 16 December.
    expect(checkDeregistration('u', entry, civilDate('2026-12-01'), '宗旨已实现', now)).toEqual({ filedLate: true, filingDueOn: '2026-12-16' });
    expect(() => checkDeregistration('u', entry, civilDate('2027-04-01'), 'x', now)).toThrow(err({ code: 'REGISTRATION.LIQUIDATION_NOT_COMPLETED' }));
    const subject = { form: entry.form, registeredAt: new Date('2025-01-01T00:00:00Z'), unitRole: entry.unitRole };
    const fraud = { ground: 'FRAUD_IN_REGISTRATION', revocationKind: 'REGISTRATION_CANCELLED', reason: '弄虚作假骗取登记' };
    expect(() => checkRevocation('u', { ...entry, status: 'DEREGISTERED' }, subject, fraud, now)).toThrow(err({ kind: 'CONFLICT' }));
    expect(() => checkRevocation('u', entry, subject, { ...fraud, reason: ' ' }, now)).toThrow(err({ code: 'REGISTRATION.REVOCATION_GROUNDS_REQUIRED' }));
  });

  it('counts the 15 deregistration days in Beijing days, off rest days, until 24:00 Beijing time (Civil Code Art. 201–203)', () => {
    // Liquidation ended Tuesday 15 September 2026: the last day is Wednesday 30 September.
    expect(checkDeregistration('u', entry, civilDate('2026-09-15'), 'r', new Date('2026-09-30T15:59:59.999Z'))).toEqual({ filedLate: false, filingDueOn: '2026-09-30' });
    expect(checkDeregistration('u', entry, civilDate('2026-09-15'), 'r', new Date('2026-09-30T16:00:00.000Z'))).toEqual({ filedLate: true, filingDueOn: '2026-09-30' });
    // Ended 20 September: day 15 is 5 October (National Day holiday): moved to 8 October.
    expect(checkDeregistration('u', entry, civilDate('2026-09-20'), 'r', new Date('2026-10-08T15:59:59.999Z'))).toEqual({ filedLate: false, filingDueOn: '2026-10-08' });
    // "Not in the future" is a Beijing date: 16 September starts at 2026-09-15T16:00Z.
    expect(() => checkDeregistration('u', entry, civilDate('2026-09-16'), 'r', new Date('2026-09-15T15:59:59.999Z'))).toThrow(err({ code: 'REGISTRATION.LIQUIDATION_NOT_COMPLETED' }));
    expect(checkDeregistration('u', entry, civilDate('2026-09-16'), 'r', new Date('2026-09-15T16:00:00.000Z')).filedLate).toBe(false);
  });
});
