import type { Tx } from '@sop/messaging';
import type { PurchasingOrganVersion } from '../../domain/purchasing-organ';

/** Persistence port of the purchasing-organ registry: append-only versions, the highest one current. */
export abstract class OrganStore {
  /** Inserts a version (primary key (unit_id, version): a concurrent insert of the same version fails as a duplicate key) and makes it current. */
  abstract insertVersion(tx: Tx, version: PurchasingOrganVersion): Promise<void>;
  /** The current version of a unit, or null. */
  abstract current(tx: Tx | null, unitId: string): Promise<PurchasingOrganVersion | null>;
  /** Every version of a unit, oldest first. */
  abstract history(tx: Tx | null, unitId: string): Promise<PurchasingOrganVersion[]>;
  /** The current versions of the organs whose jurisdiction starts with `divisionPrefix` ('' for all), by unit id. */
  abstract currentIn(divisionPrefix: string, limit: number): Promise<PurchasingOrganVersion[]>;
}
