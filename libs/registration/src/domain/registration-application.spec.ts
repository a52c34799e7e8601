import { CN_OFFICIAL_CALENDAR } from '@sop/util';
import { RegistrationApplication, type ApplicationFacts } from './registration-application';
import { NATIONAL_DEFAULT_VERSION, resolveRegime } from './registration-policy';

const facts: ApplicationFacts = {
  proposedName: '北京市海淀区社区养老服务中心',
  form: 'SOCIAL_SERVICE_ORGANIZATION',
  category: 'URBAN_RURAL_COMMUNITY_SERVICE',
  registeringAuthority: '110108',
  domicile: '北京市海淀区中关村大街1号',
  purpose: '为社区老年人提供日间照料服务',
  legalRepresentativeName: '张三',
  registeredCapitalFen: 3_000_000,
};
const dualFacts: ApplicationFacts = { ...facts, proposedName: '北京市海淀区康复医疗服务中心', category: 'HEALTH', supervisingUnit: { id: 'unit-health', name: '海淀区卫生健康委员会' } };
const now = new Date('2026-11-25T08:00:00Z');
const decide = (f: ApplicationFacts) => resolveRegime([NATIONAL_DEFAULT_VERSION], { ...f, at: now });
const err = (o: object) => expect.objectContaining(o) as unknown as Error;

describe('registration application', () => {
  it('sets the 60-day decision deadline on submission and records the policy and checks versions', () => {
    const app = RegistrationApplication.submit('a1', facts, decide(facts), 'applicant-1', now);
    expect(app.snapshot).toMatchObject({
      status: 'SUBMITTED',
      regime: 'DIRECT',
      consentStatus: 'NOT_REQUIRED',
      policyVersion: 'registration-regime/national-default@v1',
      checksVersion: 'founding-conditions/national@v2',
    });
    // Submitted 16:00 Beijing on 25 November: 60 days from 26 November end on 24 January 2027, at 24:00 Beijing time.
    // Provisional (calendar version null): the 2027 notice is not in the calendar, so Art. 203 cannot move it yet.
    expect(app.snapshot.decisionDueBy.toISOString()).toBe('2027-01-24T16:00:00.000Z');
    expect(app.decisionDueOn).toBe('2027-01-24');
    expect(app.snapshot.decisionDueCalendarVersion).toBeNull();
    expect(app.isDecisionOverdue(new Date('2027-01-24T15:59:59.999Z'))).toBe(false);
    expect(app.isDecisionOverdue(new Date('2027-01-24T16:00:00.000Z'))).toBe(true);
  });

  it('counts the 60 days from the Beijing day after submission, off rest days, until 24:00 Beijing (Civil Code Art. 201–203)', () => {
    // 23:59:59 Beijing on 1 March 2026: day 60 is Thursday 30 April.
    const before = RegistrationApplication.submit('b1', facts, decide(facts), 'x', new Date('2026-03-01T15:59:59.999Z'));
    expect([before.decisionDueOn, before.snapshot.decisionDueBy.toISOString(), before.snapshot.decisionDueCalendarVersion]).toEqual([
      '2026-04-30',
      '2026-04-30T16:00:00.000Z',
      'cn-official-holidays@v1',
    ]);
    // 00:00 Beijing on 2 March (16:00 UTC the day before): day 60 is 1 May, Labour Day (1–5 May), so the last day is 6 May.
    const at = RegistrationApplication.submit('b2', facts, decide(facts), 'x', new Date('2026-03-01T16:00:00.000Z'));
    expect([at.decisionDueOn, at.snapshot.decisionDueBy.toISOString()]).toEqual(['2026-05-06', '2026-05-06T16:00:00.000Z']);
    expect(at.isDecisionOverdue(new Date('2026-05-06T15:59:59.999Z'))).toBe(false);
    expect(at.isDecisionOverdue(new Date('2026-05-06T16:00:00.000Z'))).toBe(true);
  });

  it('requires a named supervising unit under dual management', () => {
    expect(() => RegistrationApplication.submit('a2', { ...dualFacts, supervisingUnit: null }, decide(dualFacts), 'x', now)).toThrow(
      err({ code: 'REGISTRATION.SUPERVISING_UNIT_REQUIRED', kind: 'REFUSED' }),
    );
  });

  it('cannot be approved without the supervising unit consent; only the named unit consents', () => {
    const app = RegistrationApplication.submit('a3', dualFacts, decide(dualFacts), 'x', now);
    expect(app.snapshot).toMatchObject({ status: 'AWAITING_CONSENT', consentStatus: 'PENDING', unit: { id: 'unit-health', role: 'BUSINESS_SUPERVISING_UNIT' } });
    expect(() => app.approve('officer', '52110108MJ0000018M', now)).toThrow(err({ code: 'REGISTRATION.SUPERVISING_UNIT_CONSENT_REQUIRED', kind: 'REFUSED' }));
    expect(() => app.giveConsent('unit-other', 'u', now)).toThrow(err({ code: 'REGISTRATION.NOT_NAMED_SUPERVISING_UNIT', kind: 'FORBIDDEN' }));
    expect(() => app.giveConsent(undefined, 'u', now)).toThrow(err({ kind: 'FORBIDDEN' }));
    const later = new Date('2026-12-10T00:00:00Z');
    app.giveConsent('unit-health', 'unit-user', later);
    expect(app.snapshot).toMatchObject({ status: 'SUBMITTED', consentStatus: 'GIVEN', consentDecidedBy: 'unit-user' });
    expect(app.snapshot.decisionDueBy.toISOString()).toBe('2027-02-08T16:00:00.000Z'); // 60 days from complete documents, to 24:00 Beijing
    expect(app.decisionDueOn).toBe('2027-02-08');
    expect(() => app.giveConsent('unit-health', 'unit-user', later)).toThrow(err({ kind: 'CONFLICT' }));
    app.approve('officer', '52110108MJ0000018M', later);
    expect(app.snapshot.status).toBe('APPROVED');
  });

  it('ends on refused consent, which needs reasons', () => {
    const app = RegistrationApplication.submit('a4', dualFacts, decide(dualFacts), 'x', now);
    expect(() => app.refuseConsent('unit-health', 'u', [' '], now)).toThrow(err({ code: 'REGISTRATION.REASONS_REQUIRED' }));
    app.refuseConsent('unit-health', 'u', ['不符合行业规划'], now);
    expect(app.snapshot).toMatchObject({ status: 'CONSENT_REFUSED', consentReasons: ['不符合行业规划'] });
    expect(() => app.approve('officer', 'x', now)).toThrow(err({ kind: 'REFUSED' }));
  });

  it('refuses with reasons and legal basis; a second decision is a conflict', () => {
    const app = RegistrationApplication.submit('a5', facts, decide(facts), 'x', now);
    expect(() => app.refuse('officer', [], null, now)).toThrow(err({ code: 'REGISTRATION.REASONS_REQUIRED', kind: 'REFUSED' }));
    app.refuse('officer', ['同一行政区域内已有业务范围相同的社会组织'], '社团条例 Art. 13(2)', now);
    expect(app.snapshot).toMatchObject({ status: 'REFUSED', decisionReasons: ['同一行政区域内已有业务范围相同的社会组织'], decisionLegalBasis: '社团条例 Art. 13(2)' });
    expect(() => app.approve('officer', 'x', now)).toThrow(err({ kind: 'CONFLICT', code: 'REGISTRATION.APPLICATION_ALREADY_DECIDED' }));
    expect(app.isDecisionOverdue(new Date('2030-01-01'))).toBe(false);
  });

  it('is re-routed to direct registration by a regime change while pending, once', () => {
    const app = RegistrationApplication.submit('a6', dualFacts, decide(dualFacts), 'x', now);
    const direct = { ...decide(facts), policyVersion: 'registration-regime/110000@v1' };
    const at = new Date('2027-01-01T00:00:00Z');
    expect(app.rerouteToDirect(direct, at)).toBe(true);
    expect(app.snapshot).toMatchObject({
      status: 'SUBMITTED',
      regime: 'DIRECT',
      consentStatus: 'NOT_REQUIRED',
      policyVersion: 'registration-regime/110000@v1',
      reroutedFromPolicyVersion: 'registration-regime/national-default@v1',
      unit: { role: 'BUSINESS_GUIDANCE_UNIT' },
    });
    expect(app.snapshot.decisionDueBy.toISOString()).toBe('2027-03-02T16:00:00.000Z');
    expect(app.rerouteToDirect(direct, at)).toBe(false);
  });

  it('restarts the 60 days at consent on the Beijing day of the consent', () => {
    const consentAt = (iso: string) => {
      const app = RegistrationApplication.submit('c1', dualFacts, decide(dualFacts), 'x', new Date('2026-07-01T02:00:00Z'));
      app.giveConsent('unit-health', 'u', new Date(iso));
      return [app.decisionDueOn, app.snapshot.decisionDueBy.toISOString()];
    };
    // 23:59:59 Beijing on Sunday 2 August 2026: day 60 is Thursday 1 October (National Day, off until 7 October) → 8 October.
    expect(consentAt('2026-08-02T15:59:59.999Z')).toEqual(['2026-10-08', '2026-10-08T16:00:00.000Z']);
    // 00:00 Beijing on 3 August: day 60 is 2 October, still in the holiday → 8 October.
    expect(consentAt('2026-08-02T16:00:00.000Z')).toEqual(['2026-10-08', '2026-10-08T16:00:00.000Z']);
    // 09:00 Beijing on 12 August: day 60 is Sunday 11 October, a rest day (Saturday 10 October is the make-up working day) → 12 October.
    expect(consentAt('2026-08-12T01:00:00.000Z')[0]).toBe('2026-10-12');
  });

  it('places a provisional deadline off rest days once the calendar has the year (Civil Code Art. 203)', () => {
    const app = RegistrationApplication.submit('d1', facts, decide(facts), 'x', now); // provisional: Sunday 24 January 2027
    expect(RegistrationApplication.restore(app.snapshot).snapshot.decisionDueCalendarVersion).toBeNull();
    const with2027 = CN_OFFICIAL_CALENDAR.withYear({ year: 2027, source: 'test notice', holidays: ['2027-01-01'], workingWeekends: [] });
    const restored = RegistrationApplication.restore(app.snapshot, with2027);
    expect([restored.decisionDueOn, restored.snapshot.decisionDueBy.toISOString(), restored.snapshot.decisionDueCalendarVersion]).toEqual([
      '2027-01-25',
      '2027-01-25T16:00:00.000Z',
      'cn-official-holidays@v2',
    ]);
    // Decided applications keep what they recorded.
    app.refuse('officer', ['理由'], null, now);
    expect(RegistrationApplication.restore(app.snapshot, with2027).snapshot.decisionDueBy.toISOString()).toBe('2027-01-24T16:00:00.000Z');
  });
});
