import type { Tx } from '@sop/messaging';
import type { CatalogueVersion } from '../../domain/procurement/catalogue';

/** Persistence port of published catalogue versions (the national default lives in code). */
export abstract class CatalogueStore {
  abstract versions(tx: Tx | null): Promise<CatalogueVersion[]>;
  /** Primary key (jurisdiction, version): a concurrent publication of the same number fails as a duplicate key. */
  abstract insertVersion(tx: Tx, version: CatalogueVersion): Promise<void>;
}
