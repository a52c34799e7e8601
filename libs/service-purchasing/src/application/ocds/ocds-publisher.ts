import { Injectable } from '@nestjs/common';
import type { Tx } from '@sop/messaging';
import { ocdsJson, releaseFor, type LifecycleStep } from '../../domain/ocds';
import { OcdsReleaseStore, type StoredRelease } from './ocds.ports';
import { ProcurementSnapshotAssembler } from './procurement-snapshot.assembler';

/**
 * Freezes the OCDS release of a lifecycle step in the step's own transaction (issue 11 item 6): the snapshot as the
 * step left it, the release built from it (tag = the step, id = the event's id, date = the event's instant) and
 * stored as written. A release is never rebuilt later, so what was published stays what was known then; if the step
 * rolls back, so does its release.
 *
 * Steps and where they happen: the notice is `tender` (planning and notice are one act here, so the tender release
 * also carries the planning section — budget and rationale — and no separate planning release is made);
 * an amendment `tenderAmendment`; a cancellation `tenderCancellation`; the award `award`; the contract signed from
 * the award `contract`; each milestone acceptance and each payment `implementation`; a termination
 * `contractTermination` (the contract part comes from OcdsContractSource). Stand-alone contracts (POST /contracts)
 * belong to no procurement, have no ocid and publish nothing.
 */
@Injectable()
export class OcdsPublisher {
  constructor(
    private readonly snapshots: ProcurementSnapshotAssembler,
    private readonly releases: OcdsReleaseStore,
  ) {}

  async record(tx: Tx, procurementId: string, step: LifecycleStep, eventId: string, at: Date): Promise<StoredRelease> {
    const snapshot = await this.snapshots.assemble(tx, procurementId);
    const release = releaseFor({ step, eventId, at: at.toISOString() }, snapshot);
    return this.releases.append(tx, {
      releaseId: release.id,
      ocid: release.ocid,
      procurementId,
      step,
      tags: release.tag,
      releasedAt: at,
      eventId,
      json: ocdsJson(release),
    });
  }
}
