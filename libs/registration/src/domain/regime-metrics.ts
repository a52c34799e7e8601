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
  /**
   * The policy version that routed it to dual management when a regime change re-routed it to direct registration
   * (ApplicationRerouted); null or absent when never re-routed.
   */
  reroutedFromPolicyVersion?: string | null;
}

/**
 * The groups compared: applications decided under one regime from start to end, and those re-routed at a regime
 * change from dual management to direct registration (regulations §2). The re-routed are a group of their own: the
 * time they waited for a supervising unit under dual management is not charged to direct registration.
 */
export const REGIME_GROUPS = ['DIRECT', 'DUAL_MANAGEMENT', 'REROUTED'] as const;
export type RegimeGroup = (typeof REGIME_GROUPS)[number];

export function regimeGroupOf(f: ApplicationFact): RegimeGroup {
  return f.reroutedFromPolicyVersion ? 'REROUTED' : f.regime;
}

export interface RegimeMetrics {
  /** The regime the group ends under (re-routed applications: DIRECT). */
  regime: Regime;
  /** Only on the REROUTED group: the regime the applications were submitted under. */
  reroutedFrom?: 'DUAL_MANAGEMENT';
  /** Steps an applicant goes through: submission, supervising-unit consent (dual only), registration decision (re-routed: consent no longer required). */
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
  /** Submission → supervising-unit decision, in days (dual management; re-routed: those the unit decided before re-routing). */
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

export function regimeMetrics(group: RegimeGroup, facts: readonly ApplicationFact[]): RegimeMetrics {
  const own = facts.filter((f) => regimeGroupOf(f) === group);
  const regime: Regime = group === 'REROUTED' ? 'DIRECT' : group;
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
    ...(group === 'REROUTED' ? { reroutedFrom: 'DUAL_MANAGEMENT' as const } : {}),
    steps: group === 'DUAL_MANAGEMENT' ? 3 : 2,
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

/** DIRECT and DUAL_MANAGEMENT count only applications that stayed under one regime; REROUTED those re-routed between them. */
export function compareRegimes(facts: readonly ApplicationFact[]): Record<RegimeGroup, RegimeMetrics> {
  return { DIRECT: regimeMetrics('DIRECT', facts), DUAL_MANAGEMENT: regimeMetrics('DUAL_MANAGEMENT', facts), REROUTED: regimeMetrics('REROUTED', facts) };
}
