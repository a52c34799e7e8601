import type { Tx } from '@sop/messaging';
import type { LifecycleStep, PackageMeta, ReleaseTag, SnapshotContract } from '../../domain/ocds';

/** A release as frozen when its lifecycle step happened (table purchasing_ocds_release). */
export interface StoredRelease {
  /** Increasing in commit order: the paging cursor (`after`). */
  sequence: number;
  releaseId: string;
  ocid: string;
  procurementId: string;
  step: LifecycleStep;
  tags: ReleaseTag[];
  /** The release date: the instant of the lifecycle event. */
  releasedAt: Date;
  /** The purchasing event that announced the step (its id is also the release id). */
  eventId: string;
  /** The release as written by ocdsJson (exact amounts), never rewritten. */
  json: string;
}

export type NewRelease = Omit<StoredRelease, 'sequence'>;

export interface ReleaseFilter {
  /** Only releases with a greater sequence. */
  after?: number;
  ocid?: string;
  /** Only releases dated at or after this instant. */
  since?: Date;
  /** Only releases with a sequence at or below this one (a bulk download's horizon). */
  upTo?: number;
}

/** Frozen OCDS releases: appended in the lifecycle step's transaction, read by the public endpoints. */
export abstract class OcdsReleaseStore {
  /**
   * Stores a release with the next sequence. The sequence counter row stays locked until the transaction ends, so
   * sequences are given in commit order: a reader that sees sequence n has seen every release below n, and paging
   * by `after` never skips a release committed late.
   */
  abstract append(tx: Tx, release: NewRelease): Promise<StoredRelease>;
  /** Releases matching the filter, by sequence, at most `limit`. */
  abstract page(filter: ReleaseFilter, limit: number): Promise<StoredRelease[]>;
  abstract byReleaseId(releaseId: string): Promise<StoredRelease | null>;
  /** The releases of these contracting processes, by sequence. */
  abstract ofOcids(ocids: readonly string[]): Promise<StoredRelease[]>;
  /** Contracting processes whose first release's sequence is greater than `after`, by that sequence. */
  abstract processes(after: number, limit: number): Promise<{ ocid: string; firstSequence: number }[]>;
  /** The latest sequence and release date now (one statement), or null when nothing has been published. */
  abstract horizon(): Promise<{ lastSequence: number; latestReleasedAt: Date } | null>;
}

/**
 * The contract part of a procurement's snapshot (contract, milestones with acceptance, payments, termination or
 * completion), from the contract tables: a port, so the OCDS slice does not read the contract-performance tables
 * itself. Provided by PerformanceContractSource; undefined while the procurement has no contract.
 */
export abstract class OcdsContractSource {
  abstract contractOf(tx: Tx, procurementId: string): Promise<SnapshotContract | undefined>;
}

/** Where the OCDS endpoints live and who publishes (from configuration). */
export interface OcdsPublication {
  /** The public URL of the purchasing endpoints, without a trailing slash: packages live under `<baseUrl>/ocds`. */
  baseUrl: string;
  publisher: PackageMeta['publisher'];
  license?: string;
  publicationPolicy?: string;
}

export const OCDS_PUBLICATION = Symbol('OCDS_PUBLICATION');
