import { ProblemError } from '@sop/util';
import { RegistrationApplication, type ApplicationFacts } from './registration-application';
import { decideRegime } from './registration-policy';

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
const now = new Date('2026-11-25T08:00:00Z');

describe('registration policy and application', () => {
  it('sends the four direct-registration categories the direct way and records the rule version', () => {
    for (const category of ['INDUSTRY_ASSOCIATION_CHAMBER', 'SCIENCE_TECHNOLOGY', 'PUBLIC_INTEREST_CHARITY', 'URBAN_RURAL_COMMUNITY_SERVICE'] as const) {
      expect(decideRegime(category)).toMatchObject({ regime: 'DIRECT', policyVersion: 'registration-regime/national-default@v1' });
    }
    expect(decideRegime('RELIGION').regime).toBe('DUAL_MANAGEMENT');
    expect(decideRegime('LAW').source).toMatch(/社团条例/);
  });

  it('sets the 60-day decision deadline on submission', () => {
    const app = RegistrationApplication.submit('a1', facts, decideRegime(facts.category), 'applicant-1', now);
    expect(app.snapshot.decisionDueBy.toISOString()).toBe('2027-01-24T08:00:00.000Z');
    expect(app.snapshot.status).toBe('SUBMITTED');
  });

  it('refuses a dual-management category in the skeleton with a named rule', () => {
    expect(() => RegistrationApplication.submit('a2', { ...facts, category: 'RELIGION' }, decideRegime('RELIGION'), 'x', now)).toThrow(
      expect.objectContaining({ code: 'REGISTRATION.SUPERVISING_UNIT_CONSENT_REQUIRED', status: 422 }) as unknown as ProblemError,
    );
  });

  it('approves once; a second decision is a conflict', () => {
    const app = RegistrationApplication.submit('a3', facts, decideRegime(facts.category), 'x', now);
    app.approve('officer-1', '52110108MJ0000018M', now);
    expect(app.snapshot).toMatchObject({ status: 'APPROVED', uscc: '52110108MJ0000018M', decidedBy: 'officer-1' });
    expect(() => app.approve('officer-1', '52110108MJ0000018M', now)).toThrow(expect.objectContaining({ status: 409 }) as unknown as Error);
  });
});
