import type { SelfRegulationKind } from '@sop/contracts';
import { FunctionTransferErrors } from './function-transfer.errors';

/** A public record of an association's self-regulation (issue 12 item 6: the Nanluo Pledge, signatures, patrols, rectification proposals). */
export interface SelfRegulationRecord {
  id: string;
  uscc: string;
  kind: SelfRegulationKind;
  /** PLEDGE: title, version, text. */
  pledge: { title: string; version: string; text: string } | null;
  /** SIGNATURE: a business that signed a pledge version, and when (Beijing date). */
  signature: { pledgeVersion: string; businessName: string; businessUscc: string; signedOn: string } | null;
  /** PATROL: the day, the street or area, findings and follow-ups. */
  patrol: { patrolledOn: string; area: string; findings: string[]; followUps: string[] } | null;
  /** RECTIFICATION: a proposal to a business. */
  rectification: { businessName: string; businessUscc: string | null; issue: string; proposal: string; dueOn: string | null } | null;
  recordedBy: string;
  recordedAt: string;
  eventId: string;
}

// Mainland resident identity numbers (GB 11643: area, birth date, sequence, check) and mobile numbers.
const ID_NUMBER = /(?<![0-9A-Za-z])\d{6}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![0-9A-Za-z])/;
const MOBILE = /(?<!\d)1[3-9]\d{9}(?!\d)/;

export const PUBLIC_RECORD_RULE = 'self-regulation records are public records of the association: businesses by name and USCC, no personal data of individuals (issue 12 item 6)';

/** Refuses free text that carries an identity-card or mobile number (a public record names businesses, not people). */
export function assertNoPersonalData(fields: Record<string, string | string[] | null | undefined>): void {
  for (const [field, value] of Object.entries(fields)) {
    for (const text of Array.isArray(value) ? value : value ? [value] : []) {
      if (ID_NUMBER.test(text) || MOBILE.test(text))
        throw new FunctionTransferErrors.PERSONAL_DATA(`${field} carries an identity or mobile number`, { field, rule: PUBLIC_RECORD_RULE });
    }
  }
}

/** A one-line summary for the event (no free text beyond the public record's own). */
export function summaryOf(r: Omit<SelfRegulationRecord, 'eventId'>): string {
  if (r.pledge) return `pledge "${r.pledge.title}" version ${r.pledge.version}`;
  if (r.signature) return `${r.signature.businessName} (${r.signature.businessUscc}) signed pledge version ${r.signature.pledgeVersion} on ${r.signature.signedOn}`;
  if (r.patrol) return `patrol of ${r.patrol.area} on ${r.patrol.patrolledOn}: ${r.patrol.findings.length} finding(s), ${r.patrol.followUps.length} follow-up(s)`;
  return `rectification proposal to ${r.rectification!.businessName}`.slice(0, 300);
}
