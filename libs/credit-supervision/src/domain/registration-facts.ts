import type { CreditRuleSet } from './credit-rules';
import { decideRectification, decideTrigger, type ListTrigger } from './list-decisions';
import { activeEntries, type ListEvent, type ListState } from './list-state';

/**
 * Registration's facts as credit decisions (regulations §5). Pure: the list state, the facts and the rule set in,
 * list events out; the application layer records the information, appends and publishes.
 */

/**
 * §5.2 trigger 7 (registration certificate revoked / establishment cancelled). Unless the organization is
 * already on the serious list for a revocation: a repeated revocation fact is not a new listing event.
 */
export function decideRevocation(state: ListState, trigger: Omit<ListTrigger, 'list' | 'reason'>, rules: CreditRuleSet, newId: () => string): ListEvent[] {
  const listed = activeEntries(state, 'SERIOUS').some((e) => e.uscc === trigger.uscc && e.reason === 'REGISTRATION_REVOKED');
  if (listed) return [];
  return decideTrigger(state, { ...trigger, list: 'SERIOUS', reason: 'REGISTRATION_REVOKED' }, rules, newId);
}

/**
 * §5.1 trigger 1 obligation fulfilled: the overdue report was submitted. `obligations` maps the id of every
 * annual-report-overdue event of the organization to whether that year's report has since been submitted.
 * An active abnormal ANNUAL_REPORT_OVERDUE entry whose overdue years (its evidence) are all submitted gets its
 * rectification recorded — exactly what an officer's verification records (`decideRectification` without a
 * removal application), so the existing removal rule applies (§5.1: 6 months after the listing / restart).
 * A serious entry reached by escalation (§5.2 trigger 1) has its rectification condition met once every
 * abnormal entry escalated into it was an annual-report entry whose years are all submitted.
 */
export function decideAnnualReportFulfilment(
  state: ListState,
  input: { uscc: string; obligations: ReadonlyMap<string, boolean>; evidence: string[]; at: Date },
  rules: CreditRuleSet,
): ListEvent[] {
  const allSubmitted = (evidence: string[]) => {
    const known = evidence.filter((id) => input.obligations.has(id));
    return known.length > 0 && known.every((id) => input.obligations.get(id) === true);
  };
  const entries = Object.values(state).filter((e) => e.uscc === input.uscc);
  const events: ListEvent[] = [];
  for (const entry of activeEntries(state).filter((e) => e.uscc === input.uscc && e.rectificationRequired && !e.rectifiedAt)) {
    let fulfilled = false;
    if (entry.list === 'ABNORMAL' && entry.reason === 'ANNUAL_REPORT_OVERDUE') {
      fulfilled = allSubmitted(entry.evidence);
    } else if (entry.list === 'SERIOUS' && entry.reason === 'ESCALATION_FROM_ABNORMAL') {
      const escalatedInto = entries.filter((e) => e.list === 'ABNORMAL' && e.exitReason === 'ESCALATED' && e.exitedAt !== null && e.exitedAt >= entry.listedAt);
      fulfilled = escalatedInto.length > 0 && escalatedInto.every((e) => e.reason === 'ANNUAL_REPORT_OVERDUE' && allSubmitted(e.evidence));
    }
    if (fulfilled) events.push(...decideRectification(state, { entryId: entry.entryId, evidence: input.evidence, at: input.at }, rules));
  }
  return events;
}

/**
 * §5.1 trigger 2 obligation fulfilled: registration recorded the organization as covered by a Party organization
 * as the rule requires. Each active abnormal PARTY_ORGANIZATION_NOT_SET_UP entry gets its rectification recorded,
 * as an officer's verification would; removal then follows the §5.1 rule (application, removal within 5 working
 * days of the verification).
 */
export function decidePartyOrganizationCovered(state: ListState, input: { uscc: string; evidence: string[]; at: Date }, rules: CreditRuleSet): ListEvent[] {
  return activeEntries(state, 'ABNORMAL')
    .filter((e) => e.uscc === input.uscc && e.reason === 'PARTY_ORGANIZATION_NOT_SET_UP' && !e.rectifiedAt)
    // A record back-dated before the listing rectifies from the listing on: an exit is never dated before the entry.
    .flatMap((e) => decideRectification(state, { entryId: e.entryId, evidence: input.evidence, at: new Date(Math.max(input.at.getTime(), Date.parse(e.listedAt))) }, rules));
}

export type InformationCategory = 'BASIC' | 'ANNUAL_REPORT' | 'INSPECTION' | 'PENALTY' | 'OTHER';

/**
 * Order 60 Art. 6-7 category of an annual-report review: a failed review is an administrative-inspection
 * conclusion (the annual inspection of the organization); pass / basic pass are annual-report information.
 */
export function reviewInformationCategory(outcome: 'PASS' | 'BASIC_PASS' | 'FAIL'): InformationCategory {
  return outcome === 'FAIL' ? 'INSPECTION' : 'ANNUAL_REPORT';
}

/** Public register fields the credit projection follows (search and the public profile show them). */
export const PROJECTED_FIELDS = ['name', 'domicile'] as const;
export type ProjectedField = (typeof PROJECTED_FIELDS)[number];

/**
 * The projected fields a change registration sets: the last change of a field in the event wins; a change whose
 * effective date precedes the one already applied to that field does not overwrite it.
 */
export function projectedChanges(
  changes: { field: string; from: string; to: string }[],
  effectiveAt: Date,
  appliedSince: Partial<Record<ProjectedField, Date | null>>,
): Partial<Record<ProjectedField, string>> {
  const out: Partial<Record<ProjectedField, string>> = {};
  for (const c of changes) {
    if (!(PROJECTED_FIELDS as readonly string[]).includes(c.field)) continue;
    const field = c.field as ProjectedField;
    const since = appliedSince[field];
    if (since && since > effectiveAt) continue;
    out[field] = c.to;
  }
  return out;
}
