import type { Regime } from '@sop/contracts';
import type { ApplicationStatus } from './registration-application';

/**
 * Regime comparison (issue #3 item 7): how registration performs under dual management vs direct registration
 * (ARCHITECTURE "the shift itself is an event": steps, approvals, days to register, before and after).
 */
export interface ApplicationFact {
  regime: Regime;
  status: ApplicationStatus;
  submittedAt: Date;
  consentDecidedAt: Date | null;
  decidedAt: Date | null;
}

export interface RegimeMetrics {
  regime: Regime;
  /** Steps an applicant goes through: submission, supervising-unit consent (dual only), registration decision. */
  steps: number;
  submitted: number;
  approved: number;
  refused: number;
  consentRefused: number;
  pending: number;
  /** approved / (approved + refused + consentRefused); null when nothing was decided. */
  approvalRate: number | null;
  /** Submission → approval, in days. */
  meanDaysToRegister: number | null;
  medianDaysToRegister: number | null;
  /** Submission → supervising-unit decision, in days (dual management). */
  meanDaysToConsent: number | null;
}

const DAY_MS = 86_400_000;
const round2 = (x: number) => Math.round(x * 100) / 100;

export function mean(xs: readonly number[]): number | null {
  return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null;
}

export function median(xs: readonly number[]): number | null {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export function regimeMetrics(regime: Regime, facts: readonly ApplicationFact[]): RegimeMetrics {
  const own = facts.filter((f) => f.regime === regime);
  const count = (s: ApplicationStatus) => own.filter((f) => f.status === s).length;
  const approved = count('APPROVED');
  const refused = count('REFUSED');
  const consentRefused = count('CONSENT_REFUSED');
  const decided = approved + refused + consentRefused;
  const daysToRegister = own.filter((f) => f.status === 'APPROVED' && f.decidedAt).map((f) => ((f.decidedAt as Date).getTime() - f.submittedAt.getTime()) / DAY_MS);
  const daysToConsent = own.filter((f) => f.consentDecidedAt).map((f) => ((f.consentDecidedAt as Date).getTime() - f.submittedAt.getTime()) / DAY_MS);
  const r = (x: number | null) => (x === null ? null : round2(x));
  return {
    regime,
    steps: regime === 'DUAL_MANAGEMENT' ? 3 : 2,
    submitted: own.length,
    approved,
    refused,
    consentRefused,
    pending: own.length - decided,
    approvalRate: decided ? round2(approved / decided) : null,
    meanDaysToRegister: r(mean(daysToRegister)),
    medianDaysToRegister: r(median(daysToRegister)),
    meanDaysToConsent: r(mean(daysToConsent)),
  };
}

export function compareRegimes(facts: readonly ApplicationFact[]): Record<Regime, RegimeMetrics> {
  return { DIRECT: regimeMetrics('DIRECT', facts), DUAL_MANAGEMENT: regimeMetrics('DUAL_MANAGEMENT', facts) };
}
