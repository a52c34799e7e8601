/**
 * Performance evidence (issue 12 item 5; regulations §8 item 4 "evaluation and supervision of performance, feeding
 * credit records and future eligibility"): what service purchasing reported about an organization's work for
 * government — a transferred function taken back, the acceptance of a purchase-contract milestone, a contract
 * terminated — kept per organization and shown to the evaluators and experts beside the indicator framework's
 * "work performance" (social groups, foundations) or "business activities and integrity" (民非) section
 * (regulations §6 Content). Pure: which items a procedure looks at, and which speak against the organization.
 */
import { addCivilYears, civilDateOf, startOfCivilDay, type CivilDate } from '@sop/util';
import type { OrganizationForm } from '../procedure/indicator-frameworks';

export type PerformanceEvidenceKind = 'FUNCTION_TAKE_BACK' | 'MILESTONE_ACCEPTANCE' | 'CONTRACT_TERMINATION';

/** purchasing.function-transfer.agreement-taken-back: a department suspended or revoked a transfer agreement. */
export interface FunctionTakeBackDetails {
  kind: 'FUNCTION_TAKE_BACK';
  agreementId: string;
  /** The catalogue item of the agreement, when its conclusion was consumed (TransferAgreementConcluded). */
  itemId: string | null;
  departmentUnitId: string;
  action: 'SUSPENDED' | 'REVOKED';
  forCause: boolean;
  reasonsCount: number;
  legalBasis: string;
}

/** purchasing.contract.milestone-accepted: the purchaser passed or failed a milestone's deliverables. */
export interface MilestoneAcceptanceDetails {
  kind: 'MILESTONE_ACCEPTANCE';
  contractId: string;
  procurementId: string | null;
  sequence: number;
  attempt: number;
  passed: boolean;
  band: string;
  score: number;
  ruleVersion: string;
}

/** purchasing.contract.terminated: the purchaser ended the contract; cause null on events before causes were recorded. */
export interface ContractTerminationDetails {
  kind: 'CONTRACT_TERMINATION';
  contractId: string;
  procurementId: string | null;
  cause: string | null;
  paidFen: number;
  unpaidFen: number;
}

export type PerformanceEvidenceDetails = FunctionTakeBackDetails | MilestoneAcceptanceDetails | ContractTerminationDetails;

export interface PerformanceEvidence {
  /** The purchasing event's id: one item per event, so a redelivery records nothing new. */
  evidenceId: string;
  uscc: string;
  kind: PerformanceEvidenceKind;
  /** When it happened (takenAt, acceptedAt, terminatedAt), UTC. */
  occurredAt: Date;
  /** Speaks against the organization (adverseOf). */
  adverse: boolean;
  details: PerformanceEvidenceDetails;
  /** When evaluation recorded it. */
  recordedAt: Date;
}

/**
 * What speaks against the organization: a take-back for cause (credit supervision records the same as credit
 * information), a failed acceptance, a termination for the supplier's breach — or without a recorded cause, as
 * service purchasing's performance bar counts those (a termination recorded before causes existed).
 */
export function adverseOf(d: PerformanceEvidenceDetails): boolean {
  switch (d.kind) {
    case 'FUNCTION_TAKE_BACK':
      return d.forCause;
    case 'MILESTONE_ACCEPTANCE':
      return !d.passed;
    case 'CONTRACT_TERMINATION':
      return d.cause === null || d.cause === 'SUPPLIER_BREACH';
  }
}

/** The rule data of the look-back: which section the evidence concerns, how far back, and where that comes from. */
export interface PerformanceLookBackRule {
  ruleVersion: string;
  years: number;
  sectionByForm: Record<OrganizationForm, string>;
  source: string;
  note: string;
}

export const PERFORMANCE_LOOK_BACK_RULES: readonly PerformanceLookBackRule[] = [
  {
    ruleVersion: 'evaluation/performance-evidence@v1',
    years: 2,
    sectionByForm: { SOCIAL_GROUP: 'WORK_PERFORMANCE', FOUNDATION: 'WORK_PERFORMANCE', SOCIAL_SERVICE_ORGANIZATION: 'BUSINESS_ACTIVITIES_AND_INTEGRITY' },
    source:
      'regulations.md §6 Content (work performance 工作绩效; 民非: business activities and integrity 业务活动和诚信建设) and Eligibility (Art. 6: registered ≥ 2 full years); §8 item 4 (performance evaluation feeds future eligibility); §7.2 local practice (no major violations in the last 2 years, Beijing)',
    note: 'UNCONFIRMED: regulations.md is silent on the period the evaluation of work performance looks at; 2 years before the application (Beijing dates) follows Art. 6 and the Beijing purchasing practice',
  },
];

export const CURRENT_LOOK_BACK_RULE = PERFORMANCE_LOOK_BACK_RULES[PERFORMANCE_LOOK_BACK_RULES.length - 1];

export function lookBackRuleByVersion(version: string): PerformanceLookBackRule {
  const found = PERFORMANCE_LOOK_BACK_RULES.find((r) => r.ruleVersion === version);
  if (!found) throw new RangeError(`no performance look-back rule ${version}`);
  return found;
}

export interface LookBackWindow {
  ruleVersion: string;
  /** First Beijing date looked at: the application's Beijing date less `years` years. */
  fromDate: CivilDate;
  /** 00:00 Beijing time of fromDate. */
  from: Date;
  /** Up to this instant (inclusive): the moment the evidence is read or frozen. */
  until: Date;
}

/**
 * From the application's Beijing date less the rule's years (00:00 Beijing time) up to `until`: what happened
 * during the procedure itself is still known to the committee before it decides (the 2026 measures' verification
 * evaluation looks at such facts too), so the window runs to the moment it is read or frozen.
 */
export function lookBackWindow(appliedAt: Date, until: Date, rule: PerformanceLookBackRule = CURRENT_LOOK_BACK_RULE): LookBackWindow {
  const fromDate = addCivilYears(civilDateOf(appliedAt), -rule.years);
  return { ruleVersion: rule.ruleVersion, fromDate, from: startOfCivilDay(fromDate), until };
}

export const withinLookBack = (e: Pick<PerformanceEvidence, 'occurredAt'>, w: LookBackWindow) => e.occurredAt.getTime() >= w.from.getTime() && e.occurredAt.getTime() <= w.until.getTime();

/** The items of the window, oldest first (ties by id, so the frozen list is stable). */
export function evidenceInWindow<E extends Pick<PerformanceEvidence, 'occurredAt' | 'evidenceId'>>(items: readonly E[], w: LookBackWindow): E[] {
  return items.filter((e) => withinLookBack(e, w)).sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime() || a.evidenceId.localeCompare(b.evidenceId));
}

/** What the experts had before them at a step, frozen in the procedure record: ids only, the items never change. */
export interface EvidenceBeforeExperts {
  ruleVersion: string;
  fromDate: string;
  asOf: string;
  evidenceIds: string[];
}

export function freezeEvidence(items: readonly Pick<PerformanceEvidence, 'occurredAt' | 'evidenceId'>[], w: LookBackWindow): EvidenceBeforeExperts {
  return { ruleVersion: w.ruleVersion, fromDate: w.fromDate, asOf: w.until.toISOString(), evidenceIds: evidenceInWindow(items, w).map((e) => e.evidenceId) };
}
