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
    });
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
