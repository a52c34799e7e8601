import type { Tx } from '@sop/messaging';
import type { CertificateRecord } from '../../domain/procedure/certificates';
import type { IndicatorFrameworkVersion } from '../../domain/procedure/indicator-frameworks';
import type { ProcedureRecord } from '../../domain/procedure/procedure';

/** Indicator framework versions (table evaluation_indicator_framework). */
export abstract class IndicatorFrameworkStore {
  abstract versions(tx: Tx | null): Promise<IndicatorFrameworkVersion[]>;
  /** Fails with a duplicate key when (ruleSetId, version) exists. */
  abstract insertVersion(tx: Tx, version: IndicatorFrameworkVersion): Promise<void>;
}

export interface ExpertLink {
  expertId: string;
  uscc: string;
  basis: string;
  declaredBy: string;
  declaredAt: Date;
}

/** Procedures and the experts' declared links. Calls with a Tx run in the caller's transaction. */
export abstract class ProcedureStore {
  abstract procedure(tx: Tx | null, procedureId: string): Promise<ProcedureRecord | null>;
  /** Every procedure of the organization, oldest first. */
  abstract proceduresOf(tx: Tx | null, uscc: string): Promise<ProcedureRecord[]>;
  abstract insert(tx: Tx, procedure: ProcedureRecord, at: Date): Promise<void>;
  /** Saves the next revision; the caller holds the organization's lock. */
  abstract save(tx: Tx, procedure: ProcedureRecord, at: Date): Promise<void>;
  abstract expertLinks(tx: Tx | null, uscc: string): Promise<ExpertLink[]>;
  /** Inserts or replaces the declaration. */
  abstract saveExpertLink(tx: Tx, link: ExpertLink): Promise<void>;
}

/** Certificates and plaques (table evaluation_certificate). */
export abstract class CertificateStore {
  abstract certificate(tx: Tx | null, certificateId: string): Promise<CertificateRecord | null>;
  abstract certificatesOf(tx: Tx | null, uscc: string): Promise<CertificateRecord[]>;
  /** The next sequence number of the authority and year (numbers are unique on them: a concurrent issue fails). */
  abstract nextSequence(tx: Tx, authority: string, year: number): Promise<number>;
  abstract insert(tx: Tx, certificate: CertificateRecord): Promise<void>;
  abstract save(tx: Tx, certificate: CertificateRecord): Promise<void>;
}
