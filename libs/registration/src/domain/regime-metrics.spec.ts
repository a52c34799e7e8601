import fc from 'fast-check';
import { compareRegimes, median, type ApplicationFact } from './regime-metrics';

const day = (d: number) => new Date(Date.UTC(2026, 0, 1) + d * 86_400_000);

describe('regime comparison metrics', () => {
  it('counts outcomes, steps and days per regime', () => {
    const facts: ApplicationFact[] = [
      { regime: 'DIRECT', status: 'APPROVED', submittedAt: day(0), consentDecidedAt: null, decidedAt: day(10) },
      { regime: 'DIRECT', status: 'APPROVED', submittedAt: day(0), consentDecidedAt: null, decidedAt: day(20) },
      { regime: 'DIRECT', status: 'SUBMITTED', submittedAt: day(5), consentDecidedAt: null, decidedAt: null },
      { regime: 'DUAL_MANAGEMENT', status: 'APPROVED', submittedAt: day(0), consentDecidedAt: day(30), decidedAt: day(75) },
      { regime: 'DUAL_MANAGEMENT', status: 'CONSENT_REFUSED', submittedAt: day(0), consentDecidedAt: day(40), decidedAt: null },
    ];
    expect(compareRegimes(facts)).toEqual({
      DIRECT: { regime: 'DIRECT', steps: 2, submitted: 3, approved: 2, refused: 0, consentRefused: 0, pending: 1, approvalRate: 1, meanDaysToRegister: 15, medianDaysToRegister: 15, meanDaysToConsent: null },
      DUAL_MANAGEMENT: { regime: 'DUAL_MANAGEMENT', steps: 3, submitted: 2, approved: 1, refused: 0, consentRefused: 1, pending: 0, approvalRate: 0.5, meanDaysToRegister: 75, medianDaysToRegister: 75, meanDaysToConsent: 35 },
      REROUTED: { regime: 'DIRECT', reroutedFrom: 'DUAL_MANAGEMENT', steps: 2, submitted: 0, approved: 0, refused: 0, consentRefused: 0, pending: 0, approvalRate: null, meanDaysToRegister: null, medianDaysToRegister: null, meanDaysToConsent: null },
    });
  });

  it('reports applications re-routed at a regime change as their own group: direct registration is not charged with their wait for consent (regulations §2)', () => {
    const facts: ApplicationFact[] = [
      { regime: 'DIRECT', status: 'APPROVED', submittedAt: day(0), consentDecidedAt: null, decidedAt: day(10) },
      // Submitted under dual management on day 0, waited 90 days for a consent that never came, re-routed, approved on day 100.
      { regime: 'DIRECT', status: 'APPROVED', submittedAt: day(0), consentDecidedAt: null, decidedAt: day(100), reroutedFromPolicyVersion: 'registration-regime/110000@v0' },
      // Consent given on day 20, re-routed before the decision, approved on day 50.
      { regime: 'DIRECT', status: 'APPROVED', submittedAt: day(0), consentDecidedAt: day(20), decidedAt: day(50), reroutedFromPolicyVersion: 'registration-regime/110000@v0' },
      { regime: 'DIRECT', status: 'SUBMITTED', submittedAt: day(5), consentDecidedAt: null, decidedAt: null, reroutedFromPolicyVersion: 'registration-regime/110000@v0' },
      { regime: 'DUAL_MANAGEMENT', status: 'APPROVED', submittedAt: day(0), consentDecidedAt: day(30), decidedAt: day(75) },
    ];
    const metrics = compareRegimes(facts);
    expect(metrics.DIRECT).toMatchObject({ submitted: 1, approved: 1, meanDaysToRegister: 10, medianDaysToRegister: 10 });
    expect(metrics.DIRECT).not.toHaveProperty('reroutedFrom');
    expect(metrics.DUAL_MANAGEMENT).toMatchObject({ submitted: 1, approved: 1, meanDaysToRegister: 75 });
    expect(metrics.REROUTED).toEqual({
      regime: 'DIRECT', reroutedFrom: 'DUAL_MANAGEMENT', steps: 2, submitted: 3, approved: 2, refused: 0, consentRefused: 0, pending: 1,
      approvalRate: 1, meanDaysToRegister: 75, medianDaysToRegister: 75, meanDaysToConsent: 20,
    });
    // Every application is in exactly one group.
    expect(metrics.DIRECT.submitted + metrics.DUAL_MANAGEMENT.submitted + metrics.REROUTED.submitted).toBe(facts.length);
  });

  it('property: the median lies between min and max and splits the sample', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 50 }), (xs) => {
        const m = median(xs) as number;
        return m >= Math.min(...xs) && m <= Math.max(...xs) && xs.filter((x) => x < m).length <= xs.length / 2 && xs.filter((x) => x > m).length <= xs.length / 2;
      }),
    );
  });
});
