import { MINIMUM_BID_PERIODS, type Procurement } from '../../domain/procurement/procurement-notice';
import type { BidContent, SealedBid } from '../../domain/procurement/sealed-bid';

/** A notice as anyone reads it (public information): never any bid. */
export function procurementView(p: Procurement) {
  return {
    id: p.id,
    ocid: p.ocid,
    status: p.status,
    organ: { unitId: p.organUnitId, name: p.organName, jurisdiction: p.organJurisdiction },
    budgetLineId: p.budgetLineId,
    title: p.title,
    description: p.description,
    method: p.method,
    justification: p.justification,
    catalogueItemCode: p.catalogueItemCode,
    catalogueVersion: p.catalogueVersion,
    estimatedFen: p.estimatedFen,
    qualificationRequirements: p.requirements,
    scoring: p.scoring,
    bidDeadline: p.bidDeadline.toISOString(),
    minimumPeriod: MINIMUM_BID_PERIODS[p.method],
    amendments: p.amendments.map(({ eventId: _e, ...a }) => a),
    publishedBy: p.publishedBy,
    publishedAt: p.publishedAt.toISOString(),
    cancellation: p.cancelledAt ? { reasons: p.cancelReasons, cancelledAt: p.cancelledAt.toISOString() } : null,
  };
}

/** A bid with its content (for its bidder, or opened after the deadline); a withdrawn bid has none. */
export function bidView(bid: SealedBid, content: BidContent | null) {
  return {
    id: bid.id,
    procurementId: bid.procurementId,
    bidderUscc: bid.bidderUscc,
    status: bid.status,
    submission: bid.submission,
    submittedAt: bid.submittedAt.toISOString(),
    withdrawnAt: bid.withdrawnAt?.toISOString() ?? null,
    content,
  };
}
