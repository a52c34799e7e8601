import type { Tx } from '@sop/messaging';
import type { CivilDate } from '@sop/util';
import type { PartyOrganizationForm, PartyRecordSource, RequiredCoverage } from '../../domain/party-organization';

/** One record in an organization's Party-organization history (append-only). */
export interface PartyOrganizationRecord {
  uscc: string;
  seq: number;
  registeringAuthority: string;
  form: PartyOrganizationForm;
  fullPartyMembers: number;
  organizationName: string | null;
  jointWithUscc: string | null;
  establishedOn: CivilDate | null;
  source: PartyRecordSource;
  reportYear: number | null;
  effectiveAt: Date;
  recordedAt: Date;
  recordedBy: string;
  requiredCoverage: RequiredCoverage;
  covered: boolean;
  uncoveredSince: Date | null;
  dueOn: CivilDate | null;
  ruleVersion: string;
}

/**
 * The current state: the latest record, plus the uncovered episode (incremented each time coverage is lost) and the
 * episode whose overdue event was published, so each deadline is reported once.
 */
export interface PartyOrganizationStatus extends PartyOrganizationRecord {
  episode: number;
  overdueEpisode: number | null;
}

export interface OverdueCandidate {
  uscc: string;
  registeringAuthority: string;
  form: PartyOrganizationForm;
  requiredCoverage: RequiredCoverage;
  uncoveredSince: Date;
  dueOn: CivilDate | null;
  episode: number;
  ruleVersion: string;
}

export interface CoverageRow {
  registeringAuthority: string;
  organizations: number;
  notRecorded: number;
  coveredOwn: number;
  coveredJoint: number;
  coveredInstructor: number;
  uncovered: number;
  overdue: number;
}

export abstract class PartyOrganizationStore {
  abstract current(tx: Tx | null, uscc: string): Promise<PartyOrganizationStatus | null>;
  abstract history(uscc: string): Promise<PartyOrganizationRecord[]>;
  /** Appends the record and makes it the current state (same transaction). */
  abstract append(tx: Tx, record: PartyOrganizationRecord, status: { episode: number; overdueEpisode: number | null }): Promise<void>;
  /** Uncovered, not yet reported for their episode, due before `today` or with a deadline not yet computed; by USCC after `afterUscc`. */
  abstract overdueCandidates(today: CivilDate, afterUscc: string, limit: number): Promise<OverdueCandidate[]>;
  abstract saveDueOn(uscc: string, episode: number, dueOn: CivilDate): Promise<void>;
  /** Claims the episode's overdue report; false when another run already did or the state moved on. */
  abstract claimOverdue(tx: Tx, uscc: string, episode: number): Promise<boolean>;
  /** Registered (active) organizations whose registering authority starts with `divisionPrefix`, per authority. */
  abstract coverage(divisionPrefix: string, today: CivilDate): Promise<CoverageRow[]>;
}
