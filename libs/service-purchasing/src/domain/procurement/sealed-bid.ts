import { PurchasingErrors } from '../purchasing.errors';
import type { Procurement } from './procurement-notice';

/** What a bidder submits; stored only encrypted (AES-256-GCM, a key per procurement) until the deadline opens it. */
export interface BidContent {
  priceFen: number;
  technicalProposal: string;
  declarations: string[];
}

export type BidStatus = 'SUBMITTED' | 'WITHDRAWN';

/** A bid as stored: metadata in clear, content sealed. */
export interface SealedBid {
  id: string;
  procurementId: string;
  bidderUscc: string;
  status: BidStatus;
  /** 1 for the first submission; each replacement adds one. */
  submission: number;
  submittedBy: string;
  submittedAt: Date;
  withdrawnAt: Date | null;
  sealed: string | null;
}

/** Who is asking, as these rules see it (the token's roles, unit_id and org_uscc). */
export interface BidReader {
  roles: readonly string[];
  unitId?: string;
  organizationUscc?: string;
}

/** The organization a bidder speaks for: its token's org_uscc (else 403). */
export function bidderOf(principal: BidReader): string {
  const uscc = principal.organizationUscc?.trim();
  if (!uscc) throw new PurchasingErrors.BIDDER_NOT_AN_ORGANIZATION('your token names no organization (claim org_uscc)', { rule: 'a bid is made for the representative’s own organization' });
  return uscc;
}

/**
 * Opening bids: only after the deadline (before it 409 BIDS_SEALED with the deadline), and only the procurement's
 * own purchaser (same unit) and auditors; anyone else is refused as not the purchaser. Sealed means sealed for
 * everyone: the purchaser, finance officers and auditors alike.
 */
export function assertBidsOpenable(principal: BidReader, p: Pick<Procurement, 'id' | 'organUnitId' | 'bidDeadline'>, now: Date): void {
  const auditor = principal.roles.includes('auditor');
  const ownPurchaser = principal.roles.includes('purchaser') && principal.unitId === p.organUnitId;
  if (!auditor && !ownPurchaser)
    throw new PurchasingErrors.NOT_THE_PURCHASER(`only the purchasing organ of procurement ${p.id} and auditors open its bids`, { rule: 'bids are opened by the purchaser and auditors after the deadline' });
  if (now.getTime() < p.bidDeadline.getTime())
    throw new PurchasingErrors.BIDS_SEALED(`bids stay sealed until the bid deadline ${p.bidDeadline.toISOString()}`, { extensions: { bidDeadline: p.bidDeadline.toISOString() } });
}
