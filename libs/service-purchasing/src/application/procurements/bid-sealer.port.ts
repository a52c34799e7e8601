import type { BidContent } from '../../domain/procurement/sealed-bid';

/**
 * Seals bid content at rest: only the service, holding the key, opens it, and it opens it only after the deadline
 * (or for the bidder itself). The ciphertext is bound to its procurement and bidder.
 */
export abstract class BidSealer {
  abstract seal(procurementId: string, bidderUscc: string, content: BidContent): string;
  abstract open(procurementId: string, bidderUscc: string, sealed: string): BidContent;
}
