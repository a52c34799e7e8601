import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Principal } from '@sop/auth';
import { BidReceived, BidWithdrawn } from '@sop/contracts';
import { UnitOfWork } from '@sop/messaging';
import { isDuplicateKey } from '@sop/persistence';
import { Clock } from '@sop/util';
import { assertOpenForBids } from '../../domain/procurement/procurement-notice';
import { assertBidsOpenable, bidderOf, type BidContent, type SealedBid } from '../../domain/procurement/sealed-bid';
import { PurchasingErrors } from '../../domain/purchasing.errors';
import { SupplierStore } from '../suppliers/suppliers.ports';
import { ProcurementAwards } from './awards.use-cases';
import { BidSealer } from './bid-sealer.port';
import { bidView } from './procurement.view';
import { ProcurementStore, BidStore } from './procurements.ports';
import { procurementNotFound } from './procurements.use-cases';

const bidNotFound = (procurementId: string) => new PurchasingErrors.BID_NOT_FOUND(`your organization has no standing bid in procurement ${procurementId}`);

/**
 * Sealed bids: an organization's representative bids for its own organization (claim org_uscc), known to purchasing
 * as a supplier, before the deadline; one bid per organization, replaceable and withdrawable before the deadline.
 * The content is sealed at rest (BidSealer); a bidder reads its own; the purchaser and auditors open all after the
 * deadline. Events carry no content.
 */
@Injectable()
export class SealedBids {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly procurements: ProcurementStore,
    private readonly bids: BidStore,
    private readonly suppliers: SupplierStore,
    private readonly sealer: BidSealer,
    private readonly clock: Clock,
    private readonly awards: ProcurementAwards,
  ) {}

  async submit(procurementId: string, content: BidContent, principal: Principal) {
    const uscc = bidderOf(principal);
    const now = this.clock.now();
    return this.uow
      .run(async (tx) => {
        const p = await this.procurements.byIdLocked(tx, procurementId);
        if (!p) throw procurementNotFound(procurementId);
        assertOpenForBids(p, now);
        if (!(await this.suppliers.supplier(tx, uscc)))
          throw new PurchasingErrors.SUPPLIER_UNKNOWN(`purchasing knows no registered organization ${uscc}`, {
            violations: [{ field: 'org_uscc', rule: 'the bidder is known to purchasing as a supplier (registration events)', message: uscc }],
          });
        const sealed = this.sealer.seal(procurementId, uscc, content);
        const existing = await this.bids.ofBidder(tx, procurementId, uscc);
        const bid: SealedBid = {
          id: existing?.id ?? randomUUID(),
          procurementId,
          bidderUscc: uscc,
          status: 'SUBMITTED',
          submission: (existing?.submission ?? 0) + 1,
          submittedBy: principal.subject,
          submittedAt: now,
          withdrawnAt: null,
          sealed,
        };
        if (!existing) await this.bids.insert(tx, bid);
        else if (!(await this.bids.update(tx, bid, existing.submission, existing.status))) throw this.concurrent(procurementId);
        await tx.publish(BidReceived, {
          subject: procurementId,
          data: { procurementId, ocid: p.ocid, bidId: bid.id, bidderUscc: uscc, submission: bid.submission, receivedAt: now.toISOString() },
        });
        return bidView(bid, content);
      })
      .catch((err: Error) => {
        throw isDuplicateKey(err) ? this.concurrent(procurementId) : err;
      });
  }

  async withdraw(procurementId: string, principal: Principal) {
    const uscc = bidderOf(principal);
    const now = this.clock.now();
    return this.uow.run(async (tx) => {
      const p = await this.procurements.byIdLocked(tx, procurementId);
      if (!p) throw procurementNotFound(procurementId);
      assertOpenForBids(p, now);
      const existing = await this.bids.ofBidder(tx, procurementId, uscc);
      if (!existing || existing.status !== 'SUBMITTED') throw bidNotFound(procurementId);
      // The content is discarded: a withdrawn bid is never opened.
      const bid: SealedBid = { ...existing, status: 'WITHDRAWN', withdrawnAt: now, sealed: null };
      if (!(await this.bids.update(tx, bid, existing.submission, existing.status))) throw this.concurrent(procurementId);
      await tx.publish(BidWithdrawn, { subject: procurementId, data: { procurementId, ocid: p.ocid, bidId: bid.id, bidderUscc: uscc, withdrawnAt: now.toISOString() } });
      return bidView(bid, null);
    });
  }

  /** The caller's organization's own bid, with its content (before or after the deadline). */
  async mine(procurementId: string, principal: Principal) {
    const uscc = bidderOf(principal);
    if (!(await this.procurements.byId(null, procurementId))) throw procurementNotFound(procurementId);
    const bid = await this.bids.ofBidder(null, procurementId, uscc);
    if (!bid) throw bidNotFound(procurementId);
    return bidView(bid, bid.sealed ? this.sealer.open(procurementId, uscc, bid.sealed) : null);
  }

  /**
   * After the deadline: every bid opened, for the procurement's purchaser and auditors (before it 409 BIDS_SEALED).
   * The first opening records the eligibility evaluation at the deadline (frozen; later openings return it).
   */
  async open(procurementId: string, principal: Principal) {
    const p = await this.procurements.byId(null, procurementId);
    if (!p) throw procurementNotFound(procurementId);
    assertBidsOpenable(principal, p, this.clock.now());
    const eligibilityAtDeadline = p.status === 'CANCELLED' ? null : await this.awards.deadlineEvaluation(procurementId);
    const bids = await this.bids.ofProcurement(null, procurementId);
    return {
      procurementId,
      ocid: p.ocid,
      bidDeadline: p.bidDeadline.toISOString(),
      eligibilityAtDeadline,
      bids: bids.map((b) => bidView(b, b.sealed ? this.sealer.open(procurementId, b.bidderUscc, b.sealed) : null)),
    };
  }

  private concurrent(procurementId: string) {
    return new PurchasingErrors.PROCUREMENT_CHANGED_CONCURRENTLY(`your organization's bid in procurement ${procurementId} changed concurrently; read it and retry`);
  }
}
